import ArgumentParser
import BankXML
import ProctorCore
import ProctorTerminal

/// `proctor show BANK QUESTION`: one question as a candidate sees it, then its key, for authors.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Render one question as the exam screen would, with its key and explanation."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The bank's id.")
    var bank: String

    @Argument(help: "The question's id.")
    var question: String

    @Option(help: "Columns to lay the question out in.")
    var width = 80

    @Flag(name: .customLong("no-key"), help: "Show the question only, as a candidate would see it.")
    var noKey = false

    func validate() throws {
        guard (40...400).contains(width) else { throw ValidationError("--width must be between 40 and 400.") }
    }

    func run() throws {
        let bank = try global.catalog().requireBank(self.bank)
        guard let question = bank.question(id: self.question) else {
            let sample = bank.questions.prefix(5).map(\.id).joined(separator: ", ")
            throw UserError("bank '\(bank.id)' has no question '\(self.question)' (its ids look like: \(sample))")
        }
        Output.lines(QuestionSheet(bank: bank, question: question, showKey: !noKey).lines(width: width))
    }
}

/// A question laid out for an author: heading, the question as on screen, then key and explanation.
struct QuestionSheet {
    var bank: QuestionBank
    var question: Question
    var showKey: Bool

    /// FNV-1a of the id: the same on every run and platform, unlike `Hasher`.
    static func stableSeed(_ id: String) -> UInt64 {
        id.utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01b3 }
    }

    func lines(width: Int) -> [String] {
        let domain = bank.domain(id: question.domainID)
        let topic = question.topicID.flatMap { bank.topic(id: $0)?.0 }
        var heading = "\(question.id) · \(question.kind.typeName) · \(domain?.name ?? question.domainID)"
        if let topic { heading += " / \(topic.name)" }
        if let difficulty = question.difficulty { heading += " · difficulty \(difficulty)" }
        var lines = TextWrap.wrap(heading, width: width)
        lines.append(String(repeating: "─", count: width))
        // Shuffled as an exam would shuffle it (options, ordering items, matching sides), with a
        // seed taken from the question's id so the same question always shows the same way.
        var generator = SeededGenerator(seed: Self.stableSeed(question.id))
        let item = question.shuffledItem(using: &generator)
        guard var text = PlainText.questionText(for: item, in: bank, response: nil, struck: []) else { return [] }
        text.letterSuffix = ""
        lines += text.lines(width: width)
        guard showKey else { return lines }
        lines.append("")
        lines.append(String(repeating: "─", count: width))
        lines.append("Key: \(text.keyText)")
        if let explanation = question.explanation, !explanation.isEmpty {
            lines.append("")
            lines.append("Explanation")
            lines += QuestionText.lines(of: explanation, width: width, indent: "  ")
        }
        let letters = Dictionary(uniqueKeysWithValues: text.optionOrder.enumerated().map { ($1, QuestionText.letter($0)) })
        for (option, feedback) in question.feedback.sorted(by: { $0.key < $1.key }) {
            lines.append("")
            lines.append("If \(letters[option] ?? option) is chosen")
            lines += QuestionText.lines(of: feedback, width: width, indent: "  ")
        }
        if !question.references.isEmpty {
            lines.append("")
            for reference in question.references {
                lines += TextWrap.wrap(reference, width: width, indent: "Reference: ", hangingIndent: "           ")
            }
        }
        return lines
    }
}
