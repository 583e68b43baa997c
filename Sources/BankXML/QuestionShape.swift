import CLibXML2
import ProctorCore

/// The answer elements of one question, checked against its type and turned into a `QuestionKind`.
struct QuestionShape {
    let id: String
    let type: String
    let node: xmlNodePtr
    let document: XMLDocument
    let options: [xmlNodePtr]
    let answer: xmlNodePtr?
    let items: [xmlNodePtr]
    let pairs: [xmlNodePtr]

    /// The question's kind, or nil when its answer elements cannot make one; and the findings.
    func kind() -> (QuestionKind?, [Diagnostic]) {
        var findings: [Diagnostic] = []
        func report(_ rule: LintRule, _ message: String, at element: xmlNodePtr? = nil, attribute: String? = nil) {
            findings.append(Diagnostic(rule, message, at: document.location(of: element ?? node, attribute: attribute)))
        }
        let present = [("option", options.count), ("answer", answer == nil ? 0 : 1), ("item", items.count), ("pair", pairs.count)]
        let allowed: String
        switch type {
        case "single", "multiple", "truefalse": allowed = "option"
        case "numeric": allowed = "answer"
        case "ordering": allowed = "item"
        case "matching": allowed = "pair"
        default: return (nil, findings)  // the schema has reported the unknown type
        }
        for (name, count) in present where count > 0 && name != allowed {
            report(.typeContent, "a \(type) question takes <\(allowed)> elements, not <\(name)>")
            return (nil, findings)
        }
        checkUniqueIDs(options + items + pairs, report: report)

        switch type {
        case "single", "multiple", "truefalse":
            let choices = options.map { option in
                Option(id: option.attribute("id") ?? "", text: TextRules.collapse(option.directText),
                       isCorrect: option.attribute("correct").map(Self.isTrue) ?? false,
                       isPinned: option.attribute("pin").map(Self.isTrue) ?? false)
            }
            for (option, element) in zip(choices, options) where !option.isPinned && Self.isCatchAll(option.text) {
                report(.allOfTheAbove, "\"\(option.text)\" should keep its place: add pin=\"true\" (better still, write a real option)",
                       at: element)
            }
            let correct = choices.filter(\.isCorrect).count
            switch type {
            case "single":
                guard (3...6).contains(choices.count) else {
                    report(.typeContent, "a single-choice question needs 3 to 6 options; '\(id)' has \(choices.count)")
                    return (nil, findings)
                }
                if correct != 1 {
                    report(.answerKey, "a single-choice question needs exactly one correct option; '\(id)' has \(correct)")
                }
                return (.single(choices), findings)
            case "truefalse":
                guard choices.count == 2 else {
                    report(.typeContent, "a true/false question needs exactly two options; '\(id)' has \(choices.count)")
                    return (nil, findings)
                }
                if correct != 1 {
                    report(.answerKey, "a true/false question needs exactly one correct option; '\(id)' has \(correct)")
                }
                return (.trueFalse(choices), findings)
            default:
                guard (4...8).contains(choices.count) else {
                    report(.typeContent, "a multiple-response question needs 4 to 8 options; '\(id)' has \(choices.count)")
                    return (nil, findings)
                }
                guard let select = node.attribute("select").flatMap(Int.init) else {
                    report(.answerKey, "a multiple-response question needs select=\"N\", the number of options to choose")
                    return (nil, findings)
                }
                if select < 2 {
                    report(.answerKey, "select=\"\(select)\": a multiple-response question has two or more correct options; use type=\"single\" for one",
                           attribute: "select")
                } else if correct != select {
                    report(.answerKey, "select=\"\(select)\" but '\(id)' marks \(correct) option\(correct == 1 ? "" : "s") correct",
                           attribute: "select")
                }
                return (.multiple(choices, select: select), findings)
            }
        case "numeric":
            guard let answer else {
                report(.typeContent, "a numeric question needs <answer value=\"...\"/>")
                return (nil, findings)
            }
            guard let value = answer.attribute("value").flatMap(Double.init) else { return (nil, findings) }
            let tolerance = answer.attribute("tolerance").flatMap(Double.init) ?? 0
            if tolerance < 0 {
                report(.typeContent, "tolerance must not be negative", at: answer, attribute: "tolerance")
            }
            if value > 0, value - tolerance <= 0 {
                report(.numericTolerance, "tolerance \(tolerance.compact) accepts zero or negative answers for a key of \(value.compact)",
                       at: answer, attribute: "tolerance")
            }
            let unit = answer.attribute("unit").map(TextRules.collapse).flatMap { $0.isEmpty ? nil : $0 }
            return (.numeric(NumericKey(value: value, tolerance: abs(tolerance), unit: unit)), findings)
        case "ordering":
            guard (3...8).contains(items.count) else {
                report(.typeContent, "an ordering question needs 3 to 8 items; '\(id)' has \(items.count)")
                return (nil, findings)
            }
            return (.ordering(items.map { OrderItem(id: $0.attribute("id") ?? "", text: TextRules.collapse($0.directText)) }), findings)
        default:
            guard (3...8).contains(pairs.count) else {
                report(.typeContent, "a matching question needs 3 to 8 pairs; '\(id)' has \(pairs.count)")
                return (nil, findings)
            }
            let matched = pairs.map { pair in
                let sides = pair.childElements.filter { $0.isBankElement() }
                let left = sides.first { $0.localName == "left" }.map { TextRules.collapse($0.directText) } ?? ""
                let right = sides.first { $0.localName == "right" }.map { TextRules.collapse($0.directText) } ?? ""
                return MatchPair(id: pair.attribute("id") ?? "", left: left, right: right)
            }
            return (.matching(matched), findings)
        }
    }

    private func checkUniqueIDs(_ elements: [xmlNodePtr],
                                report: (LintRule, String, xmlNodePtr?, String?) -> Void) {
        var seen: Set<String> = []
        for element in elements {
            guard let id = element.attribute("id") else { continue }
            if !seen.insert(id).inserted {
                report(.duplicateID, "\(element.localName) id '\(id)' is used twice in question '\(self.id)'", element, "id")
            }
        }
    }

    private static func isTrue(_ value: String) -> Bool {
        value == "true" || value == "1"
    }

    /// "All of the above", "None of these", "Both A and B" and the like.
    static func isCatchAll(_ text: String) -> Bool {
        // Every catch-all phrase is short; most options are not, so skip them before normalising.
        guard text.utf8.count <= 40 else { return false }
        let words = TextRules.normalisedForComparison(text)
        let catchAlls = ["all of the above", "none of the above", "all of these", "none of these",
                         "all the above", "none of the options", "all of the options", "both a and b",
                         "neither a nor b"]
        return catchAlls.contains { words.hasPrefix($0) || words == $0 }
    }
}
