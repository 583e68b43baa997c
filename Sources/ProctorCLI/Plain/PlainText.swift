import ProctorCore
import ProctorTerminal

/// The text plain mode prints: question blocks as cli.md shows them, the review list, clocks.
enum PlainText {
    /// Columns that stems and options are wrapped to.
    static let width = 80

    /// `Question 3 of 50  [csm-0017]  flagged  time left 52:10`.
    static func header(number: Int, of count: Int, questionID: String, flagged: Bool, remaining: Double?) -> String {
        var header = "Question \(number) of \(count)  [\(questionID)]"
        if flagged { header += "  flagged" }
        if let remaining { header += "  time left \(clock(remaining))" }
        return header
    }

    /// `52:10` under an hour, `3:52:10` from an hour on; whole seconds, rounded down.
    static func clock(_ seconds: Double) -> String {
        let total = seconds.isFinite ? Int(max(0, min(seconds, 1e9)).rounded(.down)) : 0
        let (hours, minutes, rest) = (total / 3600, total / 60 % 60, total % 60)
        let two = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
        return hours > 0 ? "\(hours):\(two(minutes)):\(two(rest))" : "\(minutes):\(two(rest))"
    }

    /// `10 minutes`, `1 minute`, `90 seconds`.
    static func duration(seconds: Int) -> String {
        if seconds % 60 == 0 {
            let minutes = seconds / 60
            return minutes == 1 ? "1 minute" : "\(minutes) minutes"
        }
        return seconds == 1 ? "1 second" : "\(seconds) seconds"
    }

    /// The question of `item` as shown, with its options in the form's order and the candidate's
    /// marks; `nil` when the bank no longer has it.
    static func questionText(for item: ExamForm.Item, in bank: QuestionBank, response: Response?,
                             struck: Set<String>) -> QuestionText? {
        guard let question = bank.question(id: item.questionID) else { return nil }
        let order: [String]? = switch item.kind {
        case .single, .multiple, .trueFalse: item.optionOrder
        case .ordering: item.orderItemOrder
        case .numeric, .matching: nil
        }
        let isMatching = item.kind == .matching
        let scenario = question.caseID.flatMap { bank.caseSet(id: $0)?.scenario }
        var text = QuestionText(question: question, scenario: scenario, optionOrder: order,
                                rightOrder: isMatching ? item.rightOrder : nil,
                                leftOrder: isMatching ? item.leftOrder : nil, struck: struck, response: response)
        text.letterSuffix = ")"
        return text
    }

    /// The block for the question on screen: header, scenario, stem and answer area.
    static func block(_ session: ExamSession, bank: QuestionBank) -> [String] {
        let index = session.currentIndex
        guard session.form.items.indices.contains(index) else { return [] }
        let item = session.form.items[index]
        var lines = [""]
        lines.append(header(number: index + 1, of: session.form.items.count, questionID: item.questionID,
                            flagged: session.flags[index], remaining: session.remainingSeconds))
        if let text = questionText(for: item, in: bank, response: session.responses[index],
                                   struck: session.struckOptions[index]) {
            lines += text.lines(width: width)
        } else {
            lines.append("(bank '\(bank.id)' no longer has this question; type next to go on)")
        }
        return lines
    }

    /// The review list: every question with answered / unanswered / flagged / locked.
    static func review(_ session: ExamSession) -> [String] {
        let entries = session.review(.all)
        let answered = entries.count(where: \.isAnswered)
        let flagged = entries.count(where: \.isFlagged)
        var lines = ["Review: \(answered) of \(entries.count) answered, \(flagged) flagged."]
        let digits = String(entries.count).count
        for entry in entries {
            let number = String(entry.index + 1)
            var line = "  " + String(repeating: " ", count: max(0, digits - number.count)) + number
            line += "  [\(entry.questionID)]  " + (entry.isAnswered ? "answered" : "unanswered")
            if entry.isFlagged { line += "  flagged" }
            if entry.isLocked { line += "  locked" }
            if entry.index == session.currentIndex { line += "  <- here" }
            lines.append(line)
        }
        return lines
    }

    /// A percent without a needless `.0`: `78%`, `66.7%`.
    static func percent(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return (rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)) + "%"
    }
}
