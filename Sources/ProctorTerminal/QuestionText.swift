import ProctorCore

/// A question laid out as text lines at a width: the same layout for `proctor show`, plain mode
/// and the full-screen exam screen, so what an author previews is what a candidate sees.
public struct QuestionText {
    public var question: Question
    /// The case scenario shown above the question, when it belongs to one.
    public var scenario: RichText?
    /// Display order of option / item ids and of matching right sides (bank ids).
    public var optionOrder: [String]
    public var rightOrder: [String]
    /// Option ids struck out by the candidate.
    public var struck: Set<String>
    /// The candidate's current answer, shown as selection marks.
    public var response: Response?

    public init(question: Question, scenario: RichText? = nil, optionOrder: [String]? = nil,
                rightOrder: [String]? = nil, struck: Set<String> = [], response: Response? = nil) {
        self.question = question
        self.scenario = scenario
        switch question.kind {
        case .single(let options), .multiple(let options, _), .trueFalse(let options):
            self.optionOrder = optionOrder ?? options.map(\.id)
        case .ordering(let items):
            self.optionOrder = optionOrder ?? items.map(\.id)
        case .numeric, .matching:
            self.optionOrder = optionOrder ?? []
        }
        if case .matching(let pairs) = question.kind {
            self.rightOrder = rightOrder ?? pairs.map(\.id)
        } else {
            self.rightOrder = []
        }
        self.struck = struck
        self.response = response
    }

    /// The letter shown for the option at display position `index`.
    public static func letter(_ index: Int) -> String {
        String(Character(UnicodeScalar(UInt8(ascii: "A") + UInt8(min(index, 25)))))
    }

    /// Paragraphs and exhibits as lines at `width`.
    public static func lines(of text: RichText, width: Int, indent: String = "") -> [String] {
        var lines: [String] = []
        for (index, block) in text.blocks.enumerated() {
            if index > 0 { lines.append("") }
            switch block {
            case .paragraph(let paragraph):
                lines += TextWrap.wrap(paragraph, width: width, indent: indent)
            case .exhibit(let title, let body):
                let inner = indent + "  "
                if let title { lines.append(indent + "┌ " + title) } else { lines.append(indent + "┌") }
                for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
                    let text = String(line)
                    if DisplayWidth.of(inner + text) <= width {
                        lines.append(inner + text)
                    } else {
                        lines += TextWrap.wrap(text, width: width, indent: inner, hangingIndent: inner + "  ")
                    }
                }
                lines.append(indent + "└")
            }
        }
        return lines
    }

    /// The scenario (if any), the stem, and the answer area, at `width` columns.
    public func lines(width: Int) -> [String] {
        var lines: [String] = []
        if let scenario, !scenario.isEmpty {
            lines.append("Scenario")
            lines += Self.lines(of: scenario, width: width, indent: "  ")
            lines.append("")
        }
        lines += Self.lines(of: question.stem, width: width)
        lines.append("")
        lines += answerLines(width: width)
        return lines
    }

    /// The options, items, pairs or numeric prompt.
    public func answerLines(width: Int) -> [String] {
        var lines: [String] = []
        switch question.kind {
        case .single(let options), .multiple(let options, _), .trueFalse(let options):
            let chosen: Set<String> = if case .options(let ids) = response { ids } else { [] }
            let byID = Dictionary(uniqueKeysWithValues: options.map { ($0.id, $0) })
            for (index, id) in optionOrder.enumerated() {
                guard let option = byID[id] else { continue }
                let mark = chosen.contains(id) ? "●" : " "
                let head = " \(mark)\(Self.letter(index)) "
                let text = struck.contains(id) ? "(struck) " + option.text : option.text
                lines += TextWrap.wrap(text, width: width, indent: head, hangingIndent: String(repeating: " ", count: DisplayWidth.of(head)))
            }
            if case .multiple(_, let select) = question.kind {
                lines.append("")
                lines.append("  Choose \(select).")
            }
        case .numeric(let key):
            let current: String = if case .number(let value) = response { Self.format(value) } else { "____" }
            lines.append("  Answer: \(current)" + (key.unit.map { " \($0)" } ?? ""))
        case .ordering(let items):
            let byID = Dictionary(uniqueKeysWithValues: items.map { ($0.id, $0) })
            lines.append("  Put these in order, first to last:")
            for (index, id) in optionOrder.enumerated() {
                guard let item = byID[id] else { continue }
                let head = "   \(Self.letter(index)) "
                lines += TextWrap.wrap(item.text, width: width, indent: head, hangingIndent: String(repeating: " ", count: DisplayWidth.of(head)))
            }
            if case .order(let order) = response {
                let letters = order.compactMap { id in optionOrder.firstIndex(of: id).map(Self.letter) }
                lines.append("")
                lines.append("  Your order: " + letters.joined(separator: " "))
            }
        case .matching(let pairs):
            let byID = Dictionary(uniqueKeysWithValues: pairs.map { ($0.id, $0) })
            lines.append("  Match each item on the left with one on the right:")
            let chosen: [String: String] = if case .pairs(let map) = response { map } else { [:] }
            for (index, pair) in pairs.enumerated() {
                let head = "   \(index + 1) "
                var text = pair.left
                if let right = chosen[pair.id], let position = rightOrder.firstIndex(of: right) {
                    text += "  → \(Self.letter(position))"
                }
                lines += TextWrap.wrap(text, width: width, indent: head, hangingIndent: String(repeating: " ", count: DisplayWidth.of(head)))
            }
            lines.append("")
            for (index, id) in rightOrder.enumerated() {
                guard let pair = byID[id] else { continue }
                let head = "   \(Self.letter(index)) "
                lines += TextWrap.wrap(pair.right, width: width, indent: head, hangingIndent: String(repeating: " ", count: DisplayWidth.of(head)))
            }
        }
        return lines
    }

    /// The key in display terms ("B", "A C", "C A B D", "1B 2A 3C", "12.5").
    public var keyText: String {
        switch question.kind {
        case .single(let options), .multiple(let options, _), .trueFalse(let options):
            let correct = Set(options.filter(\.isCorrect).map(\.id))
            return optionOrder.enumerated().filter { correct.contains($0.element) }.map { Self.letter($0.offset) }
                .joined(separator: " ")
        case .numeric(let key):
            let tolerance = key.tolerance > 0 ? " (± \(Self.format(key.tolerance)))" : ""
            return Self.format(key.value) + (key.unit.map { " \($0)" } ?? "") + tolerance
        case .ordering(let items):
            return items.compactMap { item in optionOrder.firstIndex(of: item.id).map(Self.letter) }.joined(separator: " ")
        case .matching(let pairs):
            return pairs.enumerated().compactMap { index, pair in
                rightOrder.firstIndex(of: pair.id).map { "\(index + 1)\(Self.letter($0))" }
            }.joined(separator: " ")
        }
    }

    /// A candidate's response in display terms, like `keyText`.
    public func responseText(_ response: Response?) -> String {
        guard let response else { return "(no answer)" }
        switch response {
        case .options(let ids):
            return optionOrder.enumerated().filter { ids.contains($0.element) }.map { Self.letter($0.offset) }
                .joined(separator: " ")
        case .number(let value):
            return Self.format(value)
        case .order(let order):
            return order.compactMap { id in optionOrder.firstIndex(of: id).map(Self.letter) }.joined(separator: " ")
        case .pairs(let map):
            guard case .matching(let pairs) = question.kind else { return "" }
            return pairs.enumerated().compactMap { index, pair in
                map[pair.id].flatMap { rightOrder.firstIndex(of: $0) }.map { "\(index + 1)\(Self.letter($0))" }
            }.joined(separator: " ")
        }
    }

    /// A number without needless trailing zeros.
    public static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        var text = String(value)
        if text.contains("e") { return text }
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}
