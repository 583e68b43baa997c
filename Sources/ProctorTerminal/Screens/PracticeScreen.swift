import ProctorCore

/// A question of a practice, review or drill session, as the practice screens show it.
public struct PracticeItem: Sendable, Hashable {
    public var question: Question
    /// Its display orders (from `selectPracticeItems` or `Question.shuffledItem`).
    public var item: ExamForm.Item
    /// The case scenario, when the question belongs to one.
    public var scenario: RichText?

    public init(question: Question, item: ExamForm.Item, scenario: RichText? = nil) {
        self.question = question
        self.item = item
        self.scenario = scenario
    }

    /// The question as laid out with `response` and `struck` options.
    public func text(response: Response?, struck: Set<String> = []) -> QuestionText {
        let order: [String]
        switch item.kind {
        case .ordering: order = item.orderItemOrder
        case .single, .multiple, .trueFalse, .numeric, .matching: order = item.optionOrder
        }
        return QuestionText(
            question: question, scenario: scenario, optionOrder: order,
            rightOrder: item.rightOrder.isEmpty ? nil : item.rightOrder,
            leftOrder: item.leftOrder.isEmpty ? nil : item.leftOrder, struck: struck, response: response
        )
    }
}

/// What the caller decided about an answer: right or not, the rating to suggest (none when no
/// rating applies), and any lines to add (say, when the question comes back).
public struct PracticeVerdict: Sendable, Hashable {
    public var isCorrect: Bool
    public var suggestedRating: Rating?
    public var notes: [String]

    public init(isCorrect: Bool, suggestedRating: Rating? = nil, notes: [String] = []) {
        self.isCorrect = isCorrect
        self.suggestedRating = suggestedRating
        self.notes = notes
    }
}

/// Where a practice session stands on screen.
public struct PracticeView: Sendable, Hashable {
    /// What the screen is showing of the current question.
    public enum Phase: Sendable, Hashable {
        case answering
        /// The answer was checked: the verdict shows and, where one applies, a rating is asked.
        case feedback(PracticeVerdict)
        case finished
    }

    /// The position in the list of questions.
    public var index: Int
    public var phase: Phase
    /// The answer being given (not yet checked) or the one checked.
    public var response: Response?
    public var struck: Set<String>
    public var draft: AnswerDraft
    public var scroll: Int
    public var message: String?
    public var showsHelp: Bool
    public var answered: Int
    public var correct: Int
    public var skipped: Int

    public init(index: Int = 0, phase: Phase = .answering, response: Response? = nil, struck: Set<String> = [],
                draft: AnswerDraft = AnswerDraft(), scroll: Int = 0, message: String? = nil, showsHelp: Bool = false,
                answered: Int = 0, correct: Int = 0, skipped: Int = 0) {
        self.index = index
        self.phase = phase
        self.response = response
        self.struck = struck
        self.draft = draft
        self.scroll = scroll
        self.message = message
        self.showsHelp = showsHelp
        self.answered = answered
        self.correct = correct
        self.skipped = skipped
    }
}

/// The practice screens: a question to answer, the verdict with its explanation and rating
/// prompt, and the summary at the end.
public enum PracticeScreen {
    /// The screen for `item` at position `view.index` (1-based on screen) of `total` questions
    /// (`nil` when the total is not known yet); the summary when there is no item.
    public static func render(title: String, item: PracticeItem?, total: Int?, view: PracticeView, size: TerminalSize,
                              theme: Theme) -> Frame {
        if view.showsHelp {
            return HelpScreen.render(title: "Help · \(title)", sections: HelpScreen.practiceKeys, size: size, theme: theme)
        }
        let tally = StyledLine("\(view.correct) of \(view.answered) right")
        guard let practice = item, view.phase != .finished else {
            return finished(title: title, view: view, size: size, theme: theme)
        }
        var heading = "\(title) · Question \(view.index + 1)"
        if let total { heading += " of \(max(total, view.index + 1))" }
        let body = self.body(item: practice, view: view, size: size, theme: theme)
        var status: StyledLine
        var footer: [KeyHint]
        switch view.phase {
        case .answering, .finished:
            footer = [AnswerPrompt.hint(for: practice.item), KeyHint("Enter", "check")]
            if practice.item.kind.isChoice { footer.append(KeyHint("x", "strike")) }
            footer += [KeyHint("→", "skip"), KeyHint("q", "quit"), KeyHint("?", "help")]
            if view.draft.strikePending {
                status = StyledLine("Strike out which option? Press its letter (Esc cancels).", style: theme.chosen)
            } else if let message = view.message {
                status = StyledLine(message, style: theme.warning)
            } else {
                status = StyledLine("Answer, then press Enter to check.", style: theme.muted)
            }
        case .feedback(let verdict):
            if let rating = verdict.suggestedRating {
                status = StyledLine("Rate it: Enter accepts ") + StyledLine("\(rating)", style: theme.key)
                    + StyledLine(", or press 1 Again  2 Hard  3 Good  4 Easy", style: theme.muted)
                footer = [KeyHint("Enter", "accept \(rating)"), KeyHint("1-4", "rate"), KeyHint("↑/↓", "scroll"),
                          KeyHint("q", "quit"), KeyHint("?", "help")]
            } else {
                status = StyledLine("Press Enter for the next question.", style: theme.muted)
                footer = [KeyHint("Enter", "next"), KeyHint("↑/↓", "scroll"), KeyHint("q", "quit"), KeyHint("?", "help")]
            }
            if let message = view.message { status = StyledLine(message, style: theme.warning) }
        }
        let scrolled = ScreenLayout.scrolled(body, offset: view.scroll, height: ScreenLayout.bodyHeight(size))
        if !scrolled.more.hint.isEmpty, view.message == nil, case .answering = view.phase {
            status = StyledLine(scrolled.more.hint, style: theme.muted)
        }
        return ScreenLayout.frame(size: size, theme: theme, title: heading, titleRight: tally, body: scrolled.lines,
                                  status: status, footer: footer)
    }

    /// The question and draft, or the verdict, explanation and question, before scrolling.
    public static func body(item practice: PracticeItem, view: PracticeView, size: TerminalSize,
                            theme: Theme) -> [StyledLine] {
        let width = ScreenLayout.contentWidth(size)
        let text = practice.text(response: view.response, struck: view.struck)
        switch view.phase {
        case .answering, .finished:
            return text.styledLines(width: width, theme: theme)
                + AnswerPrompt.lines(item: practice.item, question: practice.question, draft: view.draft, theme: theme)
        case .feedback(let verdict):
            var body: [StyledLine] = []
            if verdict.isCorrect {
                body.append(StyledLine(theme.usesColor ? "Right." : "✓ Right.", style: theme.success))
            } else {
                body.append(StyledLine(theme.usesColor ? "Not right." : "✗ Not right.", style: theme.failure)
                    + StyledLine(" The answer is \(text.keyText)."))
            }
            body.append(StyledLine("Your answer: ") + StyledLine(text.responseText(view.response), style: theme.chosen)
                + StyledLine("   Correct answer: ") + StyledLine(text.keyText, style: theme.success))
            body += WalkthroughScreen.explanationLines(practice.question, optionOrder: text.optionOrder,
                                                       response: view.response, width: width, theme: theme)
            if !verdict.notes.isEmpty {
                body.append(StyledLine())
                body += verdict.notes.flatMap { TextWrap.wrap($0, width: width) }.map { StyledLine($0, style: theme.muted) }
            }
            body.append(StyledLine())
            body.append(StyledLine(String(repeating: "─", count: min(width, 40)), style: theme.muted))
            return body + text.styledLines(width: width, theme: theme)
        }
    }

    /// The largest useful scroll offset.
    public static func maximumScroll(item: PracticeItem?, view: PracticeView, size: TerminalSize) -> Int {
        guard let item else { return 0 }
        return max(0, body(item: item, view: view, size: size, theme: .monochrome).count - ScreenLayout.bodyHeight(size))
    }

    /// The summary at the end of a session.
    public static func finished(title: String, view: PracticeView, size: TerminalSize, theme: Theme) -> Frame {
        var body: [StyledLine] = [StyledLine("Session finished", style: theme.heading), StyledLine()]
        if view.answered == 0 {
            body.append(StyledLine("No questions were answered."))
        } else {
            let percent = Int((Double(view.correct) * 100 / Double(view.answered)).rounded())
            body.append(StyledLine("You answered \(view.answered); \(view.correct) right (\(percent)%)."))
        }
        if view.skipped > 0 { body.append(StyledLine("Skipped \(view.skipped).", style: theme.muted)) }
        body.append(StyledLine())
        body.append(StyledLine("Press ") + StyledLine("Enter", style: theme.key) + StyledLine(" to close."))
        return ScreenLayout.frame(size: size, theme: theme, title: title,
                                  body: ScreenLayout.centred(body, height: ScreenLayout.bodyHeight(size)),
                                  footer: [KeyHint("Enter", "close")])
    }
}
