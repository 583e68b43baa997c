import ProctorCore

/// The break screens: the offer at the end of a section, and the break itself with its clock.
public enum BreakScreen {
    /// At the last question of a section with a break after it: take it, skip it, or stay.
    public static func offer(session: ExamSession, content: ExamContent, size: TerminalSize, theme: Theme) -> Frame {
        let section = session.sectionRange
        let breakIndex = session.nextBreakIndex ?? 0
        let minutes = session.breaks.indices.contains(breakIndex) ? session.breaks[breakIndex].limitSeconds / 60 : 0
        let unanswered = section.filter { session.responses[$0] == nil }
        let width = ScreenLayout.contentWidth(size)
        var body: [StyledLine] = [
            StyledLine("End of section \(session.sectionIndex + 1) of \(session.breaks.count + 1)", style: theme.heading),
            StyledLine(),
        ]
        body += TextWrap.wrap(
            "You may take a break of up to \(minutes) minutes now. The exam clock stops during the break.",
            width: width
        ).map { StyledLine($0) }
        body += TextWrap.wrap(
            "After this point you cannot go back to questions \(section.lowerBound + 1)–\(section.upperBound).",
            width: width
        ).map { StyledLine($0) }
        if !unanswered.isEmpty {
            body.append(StyledLine())
            body += TextWrap.wrap("Unanswered in this section: \(ExamScreen.numberList(unanswered)).", width: width)
                .map { StyledLine($0, style: theme.warning) }
        }
        body += [
            StyledLine(),
            StyledLine("  ") + StyledLine("t", style: theme.key) + StyledLine("    take the break now"),
            StyledLine("  ") + StyledLine("k", style: theme.key)
                + StyledLine("    skip the break and go on to question \(section.upperBound + 1)"),
            StyledLine("  ") + StyledLine("Esc", style: theme.key) + StyledLine("  stay in this section"),
        ]
        return ScreenLayout.frame(
            size: size, theme: theme, title: "Break · \(content.examName)",
            titleRight: ExamScreen.clock(session, theme: theme), body: body,
            status: StyledLine(ExamScreen.progress(session), style: theme.muted),
            footer: [KeyHint("t", "take break"), KeyHint("k", "skip break"), KeyHint("Esc", "stay"),
                     KeyHint("q", "quit")]
        )
    }

    /// On a break: the break clock runs, the exam clock is stopped.
    public static func onBreak(session: ExamSession, content: ExamContent, breakIndex: Int, size: TerminalSize,
                               theme: Theme) -> Frame {
        let left = session.breakRemainingSeconds ?? 0
        let next = session.breaks.indices.contains(breakIndex) ? session.breaks[breakIndex].after : 0
        let clockText = "Break time left " + ClockText.format(left)
        let right = left <= 60 ? StyledLine(theme.usesColor ? clockText : "! " + clockText, style: theme.warning)
            : StyledLine(clockText)
        var body: [StyledLine] = [
            StyledLine("Break \(breakIndex + 1) of \(session.breaks.count)", style: theme.heading),
            StyledLine(),
            StyledLine("Break time left  ") + StyledLine(ClockText.format(left), style: theme.heading),
            StyledLine(),
        ]
        let exam = session.remainingSeconds.map { "The exam clock is stopped at \(ClockText.format($0)) left." }
            ?? "The exam clock is stopped."
        body.append(StyledLine(exam))
        body.append(StyledLine("Questions 1–\(next) are locked. Question \(next + 1) comes next."))
        body.append(StyledLine())
        body.append(StyledLine("Press ") + StyledLine("Enter", style: theme.key) + StyledLine(" to end the break and go on."))
        body.append(StyledLine("When the break time is up, the exam goes on by itself.", style: theme.muted))
        return ScreenLayout.frame(
            size: size, theme: theme, title: "Break · \(content.examName)", titleRight: right,
            body: ScreenLayout.centred(body, height: ScreenLayout.bodyHeight(size)),
            status: StyledLine(ExamScreen.progress(session), style: theme.muted),
            footer: [KeyHint("Enter", "end the break"), KeyHint("q", "quit (progress is kept)")]
        )
    }
}
