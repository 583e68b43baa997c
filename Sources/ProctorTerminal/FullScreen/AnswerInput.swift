import ProctorCore

/// What a key did to the answer of the question on screen.
enum AnswerInputOutcome: Sendable, Hashable {
    /// Not an answering key: navigation and commands get it.
    case unhandled
    /// Used up by the draft (a digit typed, an item placed); the answer is unchanged.
    case handled
    /// The answer is now this (`nil`: cleared).
    case changed(Response?)
    /// Strike this option out, or restore it.
    case strike(optionID: String)
    /// The key made no sense here; the message says why.
    case invalid(String)
}

/// Turns keys into answers for each kind of question: choosing and toggling options, typing a
/// number, building an order, pairing matches, striking out. Pure: the answer goes in, the new
/// answer comes out, and the exam or practice driver decides what to do with it.
enum AnswerInput {
    /// The most options a key can choose: `a`-`h` or `1`-`8`, as cli.md says.
    static let maximumChoices = 8

    static func handle(_ key: Key, item: ExamForm.Item, response: Response?, draft: inout AnswerDraft)
        -> AnswerInputOutcome {
        if draft.strikePending {
            draft.strikePending = false
            if let position = choicePosition(key, count: item.optionOrder.count) {
                return .strike(optionID: item.optionOrder[position])
            }
            return .handled
        }
        if case .character("x") = key {
            guard item.kind.isChoice else { return .invalid("Only options of a choice question can be struck out.") }
            draft.strikePending = true
            return .handled
        }
        switch item.kind {
        case .single, .trueFalse:
            guard let position = choicePosition(key, count: item.optionOrder.count) else { return escapeOrUnhandled(key, &draft) }
            return .changed(.options([item.optionOrder[position]]))
        case .multiple:
            guard let position = choicePosition(key, count: item.optionOrder.count) else { return escapeOrUnhandled(key, &draft) }
            var chosen: Set<String> = if case .options(let ids) = response { ids } else { [] }
            let id = item.optionOrder[position]
            if chosen.contains(id) { chosen.remove(id) } else { chosen.insert(id) }
            return .changed(chosen.isEmpty ? nil : .options(chosen))
        case .numeric:
            return numeric(key, response: response, draft: &draft)
        case .ordering:
            return ordering(key, item: item, response: response, draft: &draft)
        case .matching:
            return matching(key, item: item, response: response, draft: &draft)
        }
    }

    /// Saves a number being typed (on Enter, a move, submit or quit): the parsed answer, `nil` to
    /// clear when the text was deleted, or why it is not a number. `.handled` when nothing is typed.
    static func commitNumber(item: ExamForm.Item, draft: inout AnswerDraft) -> AnswerInputOutcome {
        guard case .numeric = item.kind, let text = draft.number else { return .handled }
        if text.isEmpty {
            draft.number = nil
            return .changed(nil)
        }
        switch parsePlainCommand(text, for: item) {
        case .success(.answer(let response)):
            draft.number = nil
            return .changed(response)
        case .success, .failure:
            return .invalid("'\(text)' is not a number. Type digits, with . for decimals.")
        }
    }

    /// The display position a letter (`a`-`h`, either case) or digit (`1`-`8`) names, if below `count`.
    static func choicePosition(_ key: Key, count: Int) -> Int? {
        guard case .character(let character) = key, let ascii = character.asciiValue else { return nil }
        let position: Int
        switch ascii {
        case UInt8(ascii: "a")...UInt8(ascii: "h"): position = Int(ascii - UInt8(ascii: "a"))
        case UInt8(ascii: "A")...UInt8(ascii: "H"): position = Int(ascii - UInt8(ascii: "A"))
        case UInt8(ascii: "1")...UInt8(ascii: "8"): position = Int(ascii - UInt8(ascii: "1"))
        default: return nil
        }
        return position < min(count, maximumChoices) ? position : nil
    }

    private static func escapeOrUnhandled(_ key: Key, _ draft: inout AnswerDraft) -> AnswerInputOutcome {
        guard key == .escape, !draft.isEmpty else { return .unhandled }
        draft = AnswerDraft()
        return .handled
    }

    private static func numeric(_ key: Key, response: Response?, draft: inout AnswerDraft) -> AnswerInputOutcome {
        switch key {
        case .character(let character) where character.isASCII && (character.isNumber || ".,-".contains(character)):
            guard (draft.number?.count ?? 0) < 24 else { return .handled }
            draft.number = (draft.number ?? "") + String(character)
            return .handled
        case .backspace:
            if draft.number == nil, case .number(let value) = response { draft.number = value.compact }
            guard var text = draft.number else { return .handled }
            if !text.isEmpty { text.removeLast() }
            draft.number = text
            return .handled
        case .escape:
            guard draft.number != nil else { return .unhandled }
            draft.number = nil
            return .handled
        default:
            return .unhandled
        }
    }

    private static func ordering(_ key: Key, item: ExamForm.Item, response: Response?, draft: inout AnswerDraft)
        -> AnswerInputOutcome {
        let ids = item.orderItemOrder
        if let position = choicePosition(key, count: ids.count) {
            var order = draft.order ?? []
            let id = ids[position]
            guard !order.contains(id) else {
                return .invalid("\(QuestionText.letter(position)) is already placed; Backspace undoes the last one.")
            }
            order.append(id)
            if order.count == ids.count {
                draft.order = nil
                return .changed(.order(order))
            }
            draft.order = order
            return .handled
        }
        switch key {
        case .backspace:
            if draft.order == nil, case .order(let placed) = response { draft.order = placed }
            guard var order = draft.order, !order.isEmpty else { return .handled }
            order.removeLast()
            draft.order = order
            return .handled
        case .escape:
            guard draft.order != nil else { return .unhandled }
            draft.order = nil
            return .handled
        default:
            return .unhandled
        }
    }

    private static func matching(_ key: Key, item: ExamForm.Item, response: Response?, draft: inout AnswerDraft)
        -> AnswerInputOutcome {
        var pairs: [String: String] = if case .pairs(let chosen) = response { chosen } else { [:] }
        if case .character(let character) = key, let digit = character.wholeNumberValue, character.isASCII {
            guard digit >= 1, digit <= item.leftOrder.count else {
                return .invalid("There is no item \(digit); the items are 1 to \(item.leftOrder.count).")
            }
            draft.matchLeft = digit - 1
            return .handled
        }
        if let position = choicePosition(key, count: item.rightOrder.count) {
            guard let left = draft.matchLeft, item.leftOrder.indices.contains(left) else {
                return .invalid("Press an item's number first, then the letter of its match.")
            }
            let right = item.rightOrder[position]
            for (other, chosen) in pairs where chosen == right { pairs[other] = nil }
            pairs[item.leftOrder[left]] = right
            draft.matchLeft = nil
            return .changed(.pairs(pairs))
        }
        switch key {
        case .backspace:
            guard let left = draft.matchLeft, item.leftOrder.indices.contains(left) else { return .handled }
            pairs[item.leftOrder[left]] = nil
            draft.matchLeft = nil
            return .changed(pairs.isEmpty ? nil : .pairs(pairs))
        case .escape:
            guard draft.matchLeft != nil else { return .unhandled }
            draft.matchLeft = nil
            return .handled
        default:
            return .unhandled
        }
    }
}
