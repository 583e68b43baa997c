import ProctorCore
import ProctorStore
import ProctorTerminal

/// Score reports and answer walk-throughs as text.
enum ReportText {
    /// The score report: result, score, time, and the domains.
    static func summary(_ report: ScoreReport, kind: AttemptKind) -> [String] {
        var lines = [""]
        let title = kind == .practice ? "Practice set" : (report.examName ?? report.examID)
        let number = report.attempt.map { "attempt \($0) · " } ?? ""
        lines.append("Score report · \(number)\(title) · bank \(report.bankID) \(report.bankVersion)")
        let tally = "\(report.correct) of \(report.scoredQuestions) correct"
        switch (kind, report.status) {
        case (.practice, _):
            lines.append("Score: \(PlainText.percent(report.percent)) (\(tally))")
        case (.exam, .finished):
            let verdict = report.passed ? "PASS" : "FAIL"
            switch report.model {
            case .scaled:
                let scaled = report.scaledScore.map(String.init) ?? "-"
                lines.append("Result: \(verdict), scaled score \(scaled) (pass \(report.passMark.compact)); \(PlainText.percent(report.percent)), \(tally)")
            case .percent, .bands:
                lines.append("Result: \(verdict), \(PlainText.percent(report.percent)) (\(tally); pass mark \(PlainText.percent(report.passMark)))")
            }
        case (.exam, .inProgress), (.exam, .abandoned):
            lines.append("Not finished (\(report.status.rawValue)): so far \(PlainText.percent(report.percent)) (\(tally))")
        }
        if let band = report.band { lines.append("Overall: \(band)") }
        let timing = report.timing
        var time = "Time used: \(PlainText.clock(timing.elapsedSeconds))"
        if timing.timeLimitSeconds > 0 { time += " of \(PlainText.clock(Double(timing.timeLimitSeconds)))" }
        time += "; \(Int(timing.averageSecondsPerQuestion.rounded())) s a question on average"
        if let allowed = timing.allowedSecondsPerQuestion {
            time += " (pace \(Int(allowed.rounded())) s); \(timing.questionsOverPace) over pace"
        }
        if report.submitReason == .timeout { time += "; time ran out" }
        lines.append(time + ".")
        if report.pretestQuestions > 0 {
            lines.append("\(report.pretestQuestions) unscored pretest question\(report.pretestQuestions == 1 ? "" : "s") not counted.")
        }
        guard !report.domains.isEmpty else { return lines }
        lines.append("")
        let nameWidth = min(40, max(6, report.domains.map(\.name.count).max() ?? 6))
        lines.append("Domain".padding(nameWidth) + "  correct  percent" + (report.band == nil ? "" : "  band"))
        for domain in report.domains {
            var line = String(domain.name.prefix(nameWidth)).padding(nameWidth)
            line += "  " + "\(domain.correct)/\(domain.questions)".leftPadded(7)
            line += "  " + (domain.percent.map(PlainText.percent) ?? "-").leftPadded(7)
            if let band = domain.band { line += "  \(band)" }
            lines.append(line)
        }
        return lines
    }

    /// One line per question in the order shown: answer and key in the letters the candidate saw.
    static func questionList(_ report: ScoreReport, form: ExamForm, bank: QuestionBank?) -> [String] {
        var lines = ["", "  #  question             answer      key         result"]
        for (result, item) in zip(report.questions, form.items) {
            let text = bank.flatMap { PlainText.questionText(for: item, in: $0, response: nil, struck: []) }
            let answer = result.answer?.response.map { text?.responseText($0) ?? "?" } ?? "-"
            let key = text?.keyText ?? "?"
            var verdict = result.answer == nil ? "unanswered" : (result.isCorrect ? "correct" : "wrong")
            if result.isFlagged { verdict += ", flagged" }
            if result.isPretest { verdict += ", pretest" }
            verdict += ", \(Int(result.seconds.rounded())) s"
            lines.append(String(result.number).leftPadded(3) + "  " + result.questionID.padding(19) + " "
                         + answer.padding(11) + " " + key.padding(11) + " " + verdict)
        }
        return lines
    }

    /// The walk through the mistakes (or every question): each as shown, the answer given, the key,
    /// the explanation and any feedback for the options chosen.
    static func walkThrough(_ report: ScoreReport, form: ExamForm, bank: QuestionBank, session: ExamSession,
                            wrongOnly: Bool) -> [String] {
        var lines: [String] = []
        let rule = String(repeating: "─", count: PlainText.width)
        for (result, item) in zip(report.questions, form.items) where !(wrongOnly && result.isCorrect) {
            let index = result.number - 1
            let response = result.answer?.response
            guard let question = bank.question(id: item.questionID),
                  let text = PlainText.questionText(for: item, in: bank, response: response,
                                                    struck: session.struckOptions.indices.contains(index)
                                                        ? session.struckOptions[index] : [])
            else { continue }
            lines.append("")
            lines.append(rule)
            var heading = "Question \(result.number) of \(form.items.count)  [\(question.id)]"
            if let domain = bank.domain(id: result.domainID.isEmpty ? question.domainID : result.domainID) {
                heading += "  \(domain.name)"
            }
            if let topic = result.topicID.flatMap({ bank.topic(id: $0)?.0 }) { heading += " / \(topic.name)" }
            lines.append(heading)
            lines += text.lines(width: PlainText.width)
            lines.append("")
            let verdict = response == nil ? "no answer" : (result.isCorrect ? "correct" : "wrong")
            lines.append("Your answer: \(text.responseText(response)) (\(verdict))   Correct answer: \(text.keyText)")
            lines += PlainText.explanation(of: question, shownAs: text, response: response)
        }
        if lines.isEmpty { lines = ["", wrongOnly ? "No mistakes: every scored question was answered correctly." : "No questions."] }
        return lines
    }
}

extension PlainText {
    /// The explanation, the feedback for each option chosen, and the references.
    static func explanation(of question: Question, shownAs text: QuestionText, response: Response?) -> [String] {
        var lines: [String] = []
        if let explanation = question.explanation, !explanation.isEmpty {
            lines.append("Explanation")
            lines += QuestionText.lines(of: explanation, width: width, indent: "  ")
        }
        if case .options(let chosen) = response {
            for (position, id) in text.optionOrder.enumerated() where chosen.contains(id) {
                guard let feedback = question.feedback[id], !feedback.isEmpty else { continue }
                lines.append("About \(letter(position))")
                lines += QuestionText.lines(of: feedback, width: width, indent: "  ")
            }
        }
        for reference in question.references {
            lines += TextWrap.wrap(reference, width: width, indent: "Reference: ", hangingIndent: "           ")
        }
        return lines
    }
}

extension String {
    /// Padded on the left with spaces to at least `width` characters.
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
