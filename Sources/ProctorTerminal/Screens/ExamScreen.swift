import ProctorCore

/// The exam screens as pure functions of the session and the view: the question, review, break,
/// submit confirmation, time-up and help screens.
public enum ExamScreen {
    /// The frame for whatever the session and view are showing.
    public static func render(session: ExamSession, content: ExamContent, view: ExamView, size: TerminalSize,
                              theme: Theme) -> Frame {
        if case .onBreak(let index) = session.phase {
            return BreakScreen.onBreak(session: session, content: content, breakIndex: index, size: size, theme: theme)
        }
        switch view.mode {
        case .question, .goTo:
            return question(session: session, content: content, view: view, size: size, theme: theme)
        case .review(let filter, let selection):
            return ReviewScreen.render(session: session, content: content, filter: filter, selection: selection,
                                       message: view.message, size: size, theme: theme)
        case .confirmSubmit:
            return SubmitScreen.confirm(session: session, content: content, size: size, theme: theme)
        case .breakOffer:
            return BreakScreen.offer(session: session, content: content, size: size, theme: theme)
        case .help:
            return HelpScreen.render(title: "Help · \(content.examName)", sections: HelpScreen.examKeys,
                                     size: size, theme: theme)
        case .timeUp:
            return SubmitScreen.timeUp(session: session, content: content, size: size, theme: theme)
        }
    }

    /// The question on screen with the header, the answer area, and the keys.
    public static func question(session: ExamSession, content: ExamContent, view: ExamView, size: TerminalSize,
                                theme: Theme) -> Frame {
        let index = session.currentIndex
        let form = session.form
        var title = "\(content.examName) · Question \(index + 1) of \(form.items.count)"
        if !session.breaks.isEmpty { title += " · Section \(session.sectionIndex + 1) of \(session.breaks.count + 1)" }
        let flagged = session.flags.indices.contains(index) && session.flags[index]
        var right = flagged ? StyledLine("[Flagged]", style: theme.flag) + StyledLine("  ") : StyledLine()
        right = right + clock(session, theme: theme)

        let body = questionBody(session: session, content: content, view: view, size: size, theme: theme)
        var footer: [KeyHint] = []
        if form.items.indices.contains(index) {
            let item = form.items[index]
            footer.append(AnswerPrompt.hint(for: item))
            footer.append(KeyHint("←/→", "move"))
            footer.append(KeyHint("m", flagged ? "unflag" : "flag"))
            if item.kind.isChoice { footer.append(KeyHint("x", "strike")) }
        }
        // Ordered by need: the footer drops hints from the end (all but help) when the window is narrow.
        footer += [KeyHint("r", "review"), KeyHint("s", "submit"), KeyHint("q", "quit"), KeyHint("g", "go to"),
                   KeyHint("?", "help")]
        let height = ScreenLayout.bodyHeight(size)
        let scrolled = ScreenLayout.scrolled(body, offset: view.scroll, height: height)
        let status = statusLine(session: session, view: view, scroll: scrolled.more, width: size.columns - 1,
                                theme: theme)
        return ScreenLayout.frame(size: size, theme: theme, title: title, titleRight: right, body: scrolled.lines,
                                  status: status, footer: footer)
    }

    /// The question, its answer area and the draft, before scrolling.
    public static func questionBody(session: ExamSession, content: ExamContent, view: ExamView, size: TerminalSize,
                                    theme: Theme) -> [StyledLine] {
        let index = session.currentIndex
        guard session.form.items.indices.contains(index) else { return [] }
        let item = session.form.items[index]
        guard let text = content.questionText(for: item, struck: session.struckOptions[index],
                                              response: session.responses[index]),
              let question = content.questions[item.questionID]
        else {
            return [StyledLine("This question (\(item.questionID)) is no longer in the bank; it is not scored.")]
        }
        return text.styledLines(width: ScreenLayout.contentWidth(size), theme: theme)
            + AnswerPrompt.lines(item: item, question: question, draft: view.draft, theme: theme)
    }

    /// The largest useful scroll offset of the question screen.
    public static func maximumScroll(session: ExamSession, content: ExamContent, view: ExamView,
                                     size: TerminalSize) -> Int {
        let lines = questionBody(session: session, content: content, view: view, size: size, theme: .monochrome)
        return max(0, lines.count - ScreenLayout.bodyHeight(size))
    }

    /// `Time left 52:10`, in the warning style (and with `!` without colour) in the last five
    /// minutes; `Time used` for an untimed exam.
    public static func clock(_ session: ExamSession, theme: Theme) -> StyledLine {
        guard let left = session.remainingSeconds else {
            return StyledLine("Time used " + ClockText.format(session.elapsedSeconds))
        }
        let text = "Time left " + ClockText.format(left)
        guard left <= warningSeconds else { return StyledLine(text) }
        return StyledLine(theme.usesColor ? text : "! " + text, style: theme.warning)
    }

    /// Time left below which the clock turns to the warning style.
    public static let warningSeconds: Double = 300

    /// The message, the prompt being typed, or progress; a scroll hint on the right.
    static func statusLine(session: ExamSession, view: ExamView, scroll: ScrollState, width: Int,
                           theme: Theme) -> StyledLine {
        var left: StyledLine
        if case .goTo(let digits) = view.mode {
            left = StyledLine("Go to question: ") + StyledLine(digits + "_", style: theme.chosen)
                + StyledLine("  (Enter go, Esc cancel)", style: theme.muted)
        } else if view.draft.strikePending {
            left = StyledLine("Strike out which option? Press its letter (Esc cancels).", style: theme.chosen)
        } else if let message = view.message {
            left = StyledLine(message, style: theme.warning)
        } else {
            left = StyledLine(progress(session), style: theme.muted)
        }
        let hint = scroll.hint
        guard !hint.isEmpty else { return left }
        let gap = width - left.width - DisplayWidth.of(hint)
        if gap < 2 { return left }
        return left + StyledLine(String(repeating: " ", count: gap)) + StyledLine(hint, style: theme.muted)
    }

    /// `Answered 12 of 50 · Flagged 3`.
    public static func progress(_ session: ExamSession) -> String {
        let total = session.form.items.count
        let answered = total - session.unansweredCount
        let flagged = session.flags.count(where: { $0 })
        return "Answered \(answered) of \(total) · Flagged \(flagged)"
    }

    /// `4, 17, 33` or `4, 17, 33, … and 12 more`: 1-based question numbers for messages.
    static func numberList(_ indices: [Int], limit: Int = 12) -> String {
        let shown = indices.prefix(limit).map { String($0 + 1) }.joined(separator: ", ")
        return indices.count > limit ? shown + ", … and \(indices.count - limit) more" : shown
    }
}
