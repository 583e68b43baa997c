import ProctorCore

/// The submit confirmation and the time-up notice.
public enum SubmitScreen {
    /// Asks before ending the exam, listing what is unanswered or flagged.
    public static func confirm(session: ExamSession, content: ExamContent, size: TerminalSize, theme: Theme) -> Frame {
        let total = session.form.items.count
        let unanswered = session.responses.indices.filter { session.responses[$0] == nil }
        let flagged = session.flags.indices.filter { session.flags[$0] }
        let width = ScreenLayout.contentWidth(size)
        var body: [StyledLine] = [
            StyledLine("Submit the exam?", style: theme.heading),
            StyledLine(),
            StyledLine("Answered \(total - unanswered.count) of \(total)."),
        ]
        if !unanswered.isEmpty {
            body += TextWrap.wrap("Unanswered: \(ExamScreen.numberList(unanswered))", width: width)
                .map { StyledLine($0, style: theme.warning) }
        }
        if !flagged.isEmpty {
            body += TextWrap.wrap("Flagged for review: \(ExamScreen.numberList(flagged))", width: width)
                .map { StyledLine($0, style: theme.flag) }
        }
        body += [
            StyledLine(),
            StyledLine("Once you submit, you cannot change your answers."),
            StyledLine(),
            StyledLine("  ") + StyledLine("y", style: theme.key) + StyledLine("  submit now"),
            StyledLine("  ") + StyledLine("n", style: theme.key) + StyledLine("  go back to the exam"),
        ]
        return ScreenLayout.frame(
            size: size, theme: theme, title: "Submit · \(content.examName)",
            titleRight: ExamScreen.clock(session, theme: theme), body: body,
            status: StyledLine(ExamScreen.progress(session), style: theme.muted),
            footer: [KeyHint("y", "submit"), KeyHint("n/Esc", "back")]
        )
    }

    /// The clock ran out: the exam is submitted; Enter goes on to the report.
    public static func timeUp(session: ExamSession, content: ExamContent, size: TerminalSize, theme: Theme) -> Frame {
        let total = session.form.items.count
        let body: [StyledLine] = [
            StyledLine("Time is up.", style: theme.warning),
            StyledLine(),
            StyledLine("The exam was submitted with \(total - session.unansweredCount) of \(total) questions answered."),
            StyledLine(),
            StyledLine("Press ") + StyledLine("Enter", style: theme.key) + StyledLine(" to see your score report."),
        ]
        return ScreenLayout.frame(
            size: size, theme: theme, title: "Time is up · \(content.examName)",
            titleRight: ExamScreen.clock(session, theme: theme),
            body: ScreenLayout.centred(body, height: ScreenLayout.bodyHeight(size)),
            footer: [KeyHint("Enter", "score report")]
        )
    }
}
