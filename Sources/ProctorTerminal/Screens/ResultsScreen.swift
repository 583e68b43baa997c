import ProctorCore

/// What the results screens show: the report, or one answer of the walk-through.
public struct ResultsView: Sendable, Hashable {
    /// Which results screen is in front.
    public enum Mode: Sendable, Hashable {
        case report
        /// The walk-through at `position` in the list of questions shown (all, or wrong only).
        case walkthrough(position: Int)
    }

    public var mode: Mode
    /// Walk through only the answers that were not fully right.
    public var wrongOnly: Bool
    public var scroll: Int

    public init(mode: Mode = .report, wrongOnly: Bool = false, scroll: Int = 0) {
        self.mode = mode
        self.wrongOnly = wrongOnly
        self.scroll = scroll
    }

    /// The report's questions the walk-through visits, as indices into `report.questions`.
    public func walkthroughIndices(_ report: ScoreReport) -> [Int] {
        report.questions.indices.filter { !wrongOnly || !report.questions[$0].isCorrect }
    }
}

/// The score report: pass or fail, a bar per domain with its band or percent, time used and pace.
public enum ScoreReportScreen {
    /// The report screen of `report`.
    public static func render(report: ScoreReport, content: ExamContent, size: TerminalSize, theme: Theme) -> Frame {
        let width = ScreenLayout.contentWidth(size)
        var body: [StyledLine] = []
        let verdict = report.passed ? StyledLine("PASS", style: theme.success) : StyledLine("FAIL", style: theme.failure)
        let notFinished = report.status == .finished ? "" : "  (not finished: \(report.status.rawValue))"
        body.append(StyledLine("Result   ") + verdict + StyledLine(notFinished))
        body.append(StyledLine("Score    ") + StyledLine(scoreText(report), style: theme.heading)
            + StyledLine("   " + passMarkText(report), style: theme.muted))
        var counted = "Correct  \(report.correct) of \(report.scoredQuestions) scored questions"
        if report.pretestQuestions > 0 { counted += " (\(report.pretestQuestions) unscored pretest)" }
        body.append(StyledLine(counted))
        body.append(StyledLine())
        body.append(StyledLine("Domains", style: theme.heading))
        body += domainBars(report, width: width, theme: theme)
        body.append(StyledLine())
        body += timingLines(report.timing, width: width)
        let reason: String = switch report.submitReason {
        case .candidate: "Submitted by you."
        case .timeout: "Submitted when time ran out."
        case nil: "Not submitted yet."
        }
        let height = ScreenLayout.bodyHeight(size)
        var title = "Score report · \(content.examName)"
        if let attempt = report.attempt { title += " · Attempt \(attempt)" }
        return ScreenLayout.frame(
            size: size, theme: theme, title: title,
            body: ScreenLayout.scrolled(body, offset: 0, height: height).lines,
            status: StyledLine(reason, style: theme.muted),
            footer: [KeyHint("w", "walk through answers"), KeyHint("e", "wrong answers only"), KeyHint("q", "close")]
        )
    }

    /// `78%`, `742 (78%)`, or `78% · Above Target`.
    static func scoreText(_ report: ScoreReport) -> String {
        let percent = "\(Int(report.percent.rounded()))%"
        switch report.model {
        case .percent: return percent
        case .scaled: return report.scaledScore.map { "\($0) (\(percent) correct)" } ?? percent
        case .bands: return report.band.map { "\(percent) · \($0)" } ?? percent
        }
    }

    /// `pass mark 70%` or `pass mark 700`.
    static func passMarkText(_ report: ScoreReport) -> String {
        let mark = ((report.passMark * 10).rounded() / 10).compact
        switch report.model {
        case .percent, .bands: return "pass mark \(mark)%"
        case .scaled: return "pass mark \(mark)"
        }
    }

    /// One line per domain: name, a bar of the percent, the percent and the band.
    static func domainBars(_ report: ScoreReport, width: Int, theme: Theme) -> [StyledLine] {
        let nameWidth = min(30, report.domains.map { DisplayWidth.of($0.name) }.max() ?? 0)
        let bandWidth = report.domains.compactMap { $0.band.map { DisplayWidth.of($0) } }.max() ?? 0
        let barWidth = max(10, min(40, width - nameWidth - bandWidth - 20))
        return report.domains.map { domain in
            let name = TextWrap.pad(TextWrap.truncate(domain.name, width: nameWidth), to: nameWidth)
            var line = StyledLine("  " + name + "  ")
            guard let percent = domain.percent else {
                line.append(String(repeating: "·", count: barWidth) + "   no scored questions", style: theme.muted)
                return line
            }
            let filled = min(barWidth, max(0, Int((percent / 100 * Double(barWidth)).rounded())))
            line.append(String(repeating: "█", count: filled), style: theme.chosen)
            line.append(String(repeating: "░", count: barWidth - filled), style: theme.muted)
            let number = "\(Int(percent.rounded()))%"
            line.append(" " + String(repeating: " ", count: max(0, 4 - number.count)) + number)
            line.append("  \(domain.correct)/\(domain.questions)", style: theme.muted)
            if let band = domain.band { line.append("  " + band, style: theme.heading) }
            return line
        }
    }

    /// Time used against the limit, and the pace.
    static func timingLines(_ timing: ScoreReport.Timing, width: Int) -> [StyledLine] {
        var used = "Time used  \(ClockText.format(timing.elapsedSeconds, roundingUp: false))"
        if timing.timeLimitSeconds > 0 { used += " of \(ClockText.format(Double(timing.timeLimitSeconds)))" }
        var pace = "Pace       \(ClockText.format(timing.averageSecondsPerQuestion, roundingUp: false)) a question on average"
        if let allowed = timing.allowedSecondsPerQuestion, let ratio = timing.paceRatio {
            pace += " (allowed \(ClockText.format(allowed)))"
            let percent = Int((abs(1 - ratio) * 100).rounded())
            var detail = ratio <= 1 ? "within the pace" : "\(percent)% slower than the pace"
            if timing.questionsOverPace > 0 {
                let count = timing.questionsOverPace
                detail += "; \(count) question\(count == 1 ? "" : "s") took longer than \(ClockText.format(allowed))"
            }
            let indent = String(repeating: " ", count: 11)
            return ([used, pace] + TextWrap.wrap(detail, width: width, indent: indent)).map { StyledLine($0) }
        }
        return [StyledLine(used), StyledLine(pace)]
    }
}

/// One answer of the walk-through: the question as shown, the answer given, the key, the
/// explanation and any feedback for the options chosen.
public enum WalkthroughScreen {
    /// The answer at `position` of the questions `view` walks through.
    public static func render(report: ScoreReport, form: ExamForm, content: ExamContent, view: ResultsView,
                              position: Int, size: TerminalSize, theme: Theme) -> Frame {
        let indices = view.walkthroughIndices(report)
        let width = ScreenLayout.contentWidth(size)
        var title = "Answers · \(content.examName)"
        guard indices.indices.contains(position) else {
            let body = [StyledLine(view.wrongOnly ? "Every scored answer was right." : "There are no questions.")]
            return ScreenLayout.frame(size: size, theme: theme, title: title, body: body,
                                      footer: [KeyHint("Esc", "report"), KeyHint("q", "close")])
        }
        let result = report.questions[indices[position]]
        title += " · Question \(result.number) of \(report.questions.count)"
        let verdict: StyledLine
        if result.isPretest {
            verdict = StyledLine("Pretest, not scored", style: theme.muted)
        } else if result.answer == nil {
            verdict = StyledLine("Unanswered", style: theme.failure)
        } else if result.isCorrect {
            verdict = StyledLine(theme.usesColor ? "Correct" : "✓ Correct", style: theme.success)
        } else {
            verdict = StyledLine(theme.usesColor ? "Wrong" : "✗ Wrong", style: theme.failure)
        }
        let body = self.body(result: result, form: form, content: content, width: width, theme: theme)
        let scrolled = ScreenLayout.scrolled(body, offset: view.scroll, height: ScreenLayout.bodyHeight(size))
        var status = StyledLine("\(position + 1) of \(indices.count)" + (view.wrongOnly ? " not fully right" : ""),
                                style: theme.muted)
        if !scrolled.more.hint.isEmpty { status.append("   " + scrolled.more.hint, style: theme.muted) }
        return ScreenLayout.frame(
            size: size, theme: theme, title: title, titleRight: verdict, body: scrolled.lines, status: status,
            footer: [KeyHint("←/→", "previous/next"), KeyHint("↑/↓", "scroll"),
                     KeyHint("e", view.wrongOnly ? "all answers" : "wrong only"), KeyHint("Esc", "report"),
                     KeyHint("q", "close")]
        )
    }

    /// What the walk-through shows of one answer, before scrolling.
    static func body(result: ScoreReport.QuestionResult, form: ExamForm, content: ExamContent, width: Int,
                     theme: Theme) -> [StyledLine] {
        var body: [StyledLine] = []
        var facts = [content.domainNames[result.domainID] ?? result.domainID]
        if let topic = result.topicID { facts.append(content.topicNames[topic] ?? topic) }
        facts.append("\(ClockText.format(result.seconds, roundingUp: false)) on this question")
        if result.isFlagged { facts.append("flagged") }
        body += TextWrap.wrap(facts.joined(separator: " · "), width: width).map { StyledLine($0, style: theme.muted) }
        body.append(StyledLine())
        let item = form.items.indices.contains(result.number - 1) ? form.items[result.number - 1] : nil
        let response = result.answer?.response
        guard let item, let text = content.questionText(for: item, response: response) else {
            return body + [StyledLine("This question (\(result.questionID)) is no longer in the bank.")]
        }
        body += text.styledLines(width: width, theme: theme)
        body.append(StyledLine())
        body.append(StyledLine("Your answer: ") + StyledLine(text.responseText(response), style: theme.chosen)
            + StyledLine("   Correct answer: ") + StyledLine(text.keyText, style: theme.success))
        return body + explanationLines(text.question, optionOrder: text.optionOrder, response: response, width: width,
                                       theme: theme)
    }

    /// The largest useful scroll offset at `position`.
    public static func maximumScroll(report: ScoreReport, form: ExamForm, content: ExamContent, view: ResultsView,
                                     position: Int, size: TerminalSize) -> Int {
        let indices = view.walkthroughIndices(report)
        guard indices.indices.contains(position) else { return 0 }
        let lines = body(result: report.questions[indices[position]], form: form, content: content,
                         width: ScreenLayout.contentWidth(size), theme: .monochrome)
        return max(0, lines.count - ScreenLayout.bodyHeight(size))
    }

    /// The explanation, the feedback for each option chosen, and the references.
    public static func explanationLines(_ question: Question, optionOrder: [String], response: Response?, width: Int,
                                        theme: Theme) -> [StyledLine] {
        var lines: [StyledLine] = []
        if let explanation = question.explanation, !explanation.isEmpty {
            lines.append(StyledLine())
            lines.append(StyledLine("Explanation", style: theme.heading))
            lines += QuestionText.lines(of: explanation, width: width, indent: "  ").map { StyledLine($0) }
        }
        if case .options(let chosen) = response {
            for (index, id) in optionOrder.enumerated() where chosen.contains(id) {
                guard let feedback = question.feedback[id], !feedback.isEmpty else { continue }
                lines.append(StyledLine())
                lines.append(StyledLine("You chose \(QuestionText.letter(index))", style: theme.heading))
                lines += QuestionText.lines(of: feedback, width: width, indent: "  ").map { StyledLine($0) }
            }
        }
        if !question.references.isEmpty {
            lines.append(StyledLine())
            for reference in question.references {
                lines += TextWrap.wrap(reference, width: width, indent: "Reference: ", hangingIndent: "           ")
                    .map { StyledLine($0, style: theme.muted) }
            }
        }
        return lines
    }
}
