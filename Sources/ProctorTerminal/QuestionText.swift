import ProctorCore

/// A question laid out as text lines at a width: the same layout for `proctor show`, plain mode
/// and the full-screen exam screen, so what an author previews is what a candidate sees.
public struct QuestionText: Sendable {
    public var question: Question
    /// The case scenario shown above the question, when it belongs to one.
    public var scenario: RichText?
    /// Display order of option / item ids and of matching right sides (bank ids).
    public var optionOrder: [String]
    public var rightOrder: [String]
    /// Display order of matching left sides (pair ids): item 1 is `leftOrder[0]`.
    public var leftOrder: [String]
    /// Option ids struck out by the candidate.
    public var struck: Set<String>
    /// The candidate's current answer, shown as selection marks.
    public var response: Response?
    /// Written after each option and item letter in the answer area: empty on screen (`A`),
    /// `)` in plain mode (`A)`, as cli.md shows). Set it after `init`.
    public var letterSuffix = ""

    public init(question: Question, scenario: RichText? = nil, optionOrder: [String]? = nil,
                rightOrder: [String]? = nil, leftOrder: [String]? = nil, struck: Set<String> = [],
                response: Response? = nil) {
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
            self.leftOrder = leftOrder ?? pairs.map(\.id)
        } else {
            self.rightOrder = []
            self.leftOrder = []
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
        styledLines(width: width, theme: .monochrome).map(\.text)
    }

    /// The options, items, pairs or numeric prompt.
    public func answerLines(width: Int) -> [String] {
        styledAnswerLines(width: width, theme: .monochrome).map(\.text)
    }

    /// `lines(width:)` with styles from `theme`: chosen options stand out, struck options are
    /// crossed through (or marked `(struck)` without colour).
    public func styledLines(width: Int, theme: Theme) -> [StyledLine] {
        var lines: [StyledLine] = []
        if let scenario, !scenario.isEmpty {
            lines.append(StyledLine("Scenario", style: theme.heading))
            lines += Self.lines(of: scenario, width: width, indent: "  ").map { StyledLine($0) }
            lines.append(StyledLine())
        }
        lines += Self.lines(of: question.stem, width: width).map { StyledLine($0) }
        lines.append(StyledLine())
        lines += styledAnswerLines(width: width, theme: theme)
        return lines
    }

    /// `answerLines(width:)` with styles from `theme`.
    public func styledAnswerLines(width: Int, theme: Theme) -> [StyledLine] {
        var lines: [StyledLine] = []
        switch question.kind {
        case .single(let options), .multiple(let options, _), .trueFalse(let options):
            let chosen: Set<String> = if case .options(let ids) = response { ids } else { [] }
            let byID = Dictionary(uniqueKeysWithValues: options.map { ($0.id, $0) })
            for (index, id) in optionOrder.enumerated() {
                guard let option = byID[id] else { continue }
                let isChosen = chosen.contains(id)
                let isStruck = struck.contains(id)
                let head = " \(isChosen ? "●" : " ")\(Self.letter(index))\(letterSuffix) "
                let text = isStruck ? theme.struckMarker + option.text : option.text
                let textStyle = isStruck ? theme.struck : isChosen ? theme.chosen : .plain
                lines += Self.hanging(text, head: head, width: width, headStyle: isChosen ? theme.chosen : .plain,
                                      textStyle: textStyle)
            }
            if case .multiple(_, let select) = question.kind {
                lines.append(StyledLine())
                lines.append(StyledLine("  Choose \(select)."))
            }
        case .numeric(let key):
            let current: String = if case .number(let value) = response { value.compact } else { "____" }
            lines.append(StyledLine("  Answer: \(current)" + (key.unit.map { " \($0)" } ?? "")))
        case .ordering(let items):
            let byID = Dictionary(uniqueKeysWithValues: items.map { ($0.id, $0) })
            lines += TextWrap.wrap("Put these in order, first to last:", width: width, indent: "  ").map { StyledLine($0) }
            for (index, id) in optionOrder.enumerated() {
                guard let item = byID[id] else { continue }
                lines += Self.hanging(item.text, head: "   \(Self.letter(index))\(letterSuffix) ", width: width)
            }
            if case .order(let order) = response {
                let letters = order.compactMap { id in optionOrder.firstIndex(of: id).map(Self.letter) }
                lines.append(StyledLine())
                lines.append(StyledLine("  Your order: ") + StyledLine(letters.joined(separator: " "), style: theme.chosen))
            }
        case .matching(let pairs):
            let byID = Dictionary(uniqueKeysWithValues: pairs.map { ($0.id, $0) })
            lines += TextWrap.wrap("Match each item on the left with one on the right:", width: width, indent: "  ")
                .map { StyledLine($0) }
            let chosen: [String: String] = if case .pairs(let map) = response { map } else { [:] }
            for (index, id) in leftOrder.enumerated() {
                guard let pair = byID[id] else { continue }
                var text = pair.left
                if let right = chosen[pair.id], let position = rightOrder.firstIndex(of: right) {
                    text += "  → \(Self.letter(position))"
                }
                lines += Self.hanging(text, head: "   \(index + 1) ", width: width)
            }
            lines.append(StyledLine())
            for (index, id) in rightOrder.enumerated() {
                guard let pair = byID[id] else { continue }
                lines += Self.hanging(pair.right, head: "   \(Self.letter(index))\(letterSuffix) ", width: width)
            }
        }
        return lines
    }

    /// `text` wrapped after `head`, continuation lines indented to line up under the text.
    private static func hanging(_ text: String, head: String, width: Int, headStyle: Style = .plain,
                                textStyle: Style = .plain) -> [StyledLine] {
        let hanging = String(repeating: " ", count: DisplayWidth.of(head))
        return TextWrap.wrap(text, width: width, indent: head, hangingIndent: hanging).enumerated().map { index, line in
            let prefix = index == 0 ? head : hanging
            let body = line.hasPrefix(prefix) ? String(line.dropFirst(prefix.count)) : line
            return StyledLine(prefix, style: index == 0 ? headStyle : .plain) + StyledLine(body, style: textStyle)
        }
    }

    /// The key in display terms ("B", "A C", "C A B D", "1B 2A 3C", "12.5").
    public var keyText: String {
        switch question.kind {
        case .single(let options), .multiple(let options, _), .trueFalse(let options):
            let correct = Set(options.filter(\.isCorrect).map(\.id))
            return optionOrder.enumerated().filter { correct.contains($0.element) }.map { Self.letter($0.offset) }
                .joined(separator: " ")
        case .numeric(let key):
            let tolerance = key.tolerance > 0 ? " (± \(key.tolerance.compact))" : ""
            return key.value.compact + (key.unit.map { " \($0)" } ?? "") + tolerance
        case .ordering(let items):
            return items.compactMap { item in optionOrder.firstIndex(of: item.id).map(Self.letter) }.joined(separator: " ")
        case .matching:
            return leftOrder.enumerated().compactMap { index, id in
                rightOrder.firstIndex(of: id).map { "\(index + 1)\(Self.letter($0))" }
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
            return value.compact
        case .order(let order):
            return order.compactMap { id in optionOrder.firstIndex(of: id).map(Self.letter) }.joined(separator: " ")
        case .pairs(let map):
            return leftOrder.enumerated().compactMap { index, id in
                map[id].flatMap { rightOrder.firstIndex(of: $0) }.map { "\(index + 1)\(Self.letter($0))" }
            }.joined(separator: " ")
        }
    }
}
