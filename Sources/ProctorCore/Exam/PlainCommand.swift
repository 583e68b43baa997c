/// A line typed at plain mode's `answer>` prompt, understood (see cli.md, "Plain mode").
public enum PlainCommand: Sendable, Hashable {
    /// An answer to the current question, in the bank's ids.
    case answer(Response)
    case next
    case previous
    /// Go to a question by its 0-based index (`goto 12` is index 11).
    case goTo(index: Int)
    case toggleFlag
    /// Strike out (or restore) an option, by its bank id.
    case strike(optionID: String)
    case review
    /// End the exam; the front end asks `really submit? [y/N]` first when questions are unanswered.
    case submit
    /// Stop now and keep everything for `resume`.
    case quit
    case help

    /// The session action the command asks for; `nil` for what the front end handles itself.
    public var sessionAction: SessionAction? {
        switch self {
        case .answer(let response): .answer(response)
        case .next: .next
        case .previous: .previous
        case .goTo(let index): .goTo(index: index)
        case .toggleFlag: .toggleFlag
        case .strike(let optionID): .toggleStrike(optionID: optionID)
        case .submit: .submit
        case .review, .quit, .help: nil
        }
    }

    /// The help table that `?` prints.
    public static let helpLines: [String] = [
        "b or 2        choose option B (multiple response: a c or a,c)",
        "12.5          a numeric answer",
        "c a b d       an ordering, first to last, by item letters",
        "1c 2a 3b      a matching: left item number to right item letter",
        "Enter, next   next question",
        "prev, goto N  move",
        "flag          flag or unflag this question",
        "strike B      strike option B out (still selectable)",
        "review        list questions: answered, unanswered, flagged",
        "submit        end the exam",
        "quit          stop now; resume carries on",
        "?             this table",
    ]
}

/// Why a typed line could not be understood; `message` is meant for the learner.
public struct PlainCommandError: Error, Sendable, Hashable {
    public var message: String

    /// An error with a message for the learner.
    public init(_ message: String) {
        self.message = message
    }
}

/// Turns a typed line into a command for the current `item`, mapping display letters to bank ids.
///
/// Commands are matched first (case does not matter); anything else is read as an answer to the
/// item's kind of question.
public func parsePlainCommand(_ line: String, for item: ExamForm.Item) -> Result<PlainCommand, PlainCommandError> {
    let text = line.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    let words = text.split(separator: " ")
    switch words.first.map(String.init) ?? "" {
    case "", "next": if words.count <= 1 { return .success(.next) }
    case "prev", "previous": if words.count == 1 { return .success(.previous) }
    case "flag": if words.count == 1 { return .success(.toggleFlag) }
    case "review": if words.count == 1 { return .success(.review) }
    case "submit": if words.count == 1 { return .success(.submit) }
    case "quit": if words.count == 1 { return .success(.quit) }
    case "?", "help": if words.count == 1 { return .success(.help) }
    case "goto":
        guard words.count == 2, let number = Int(words[1]), number >= 1 else {
            return .failure(PlainCommandError("Type goto and a question number, e.g. goto 12."))
        }
        return .success(.goTo(index: number - 1))
    case "strike":
        return parseStrike(words.dropFirst(), item: item)
    default:
        break
    }
    return parseAnswer(text, item: item).map(PlainCommand.answer)
}

private func parseStrike(_ words: ArraySlice<Substring>, item: ExamForm.Item) -> Result<PlainCommand, PlainCommandError> {
    guard item.kind.isChoice else {
        return .failure(PlainCommandError("Only options of a choice question can be struck out."))
    }
    guard words.count == 1, let first = words.first,
          let position = displayPosition(first, count: item.optionOrder.count)
    else {
        return .failure(PlainCommandError("Strike an option by its letter, \(letterRange(item.optionOrder.count))."))
    }
    return .success(.strike(optionID: item.optionOrder[position]))
}

private func parseAnswer(_ text: String, item: ExamForm.Item) -> Result<Response, PlainCommandError> {
    switch item.kind {
    case .single, .trueFalse:
        let options = item.optionOrder
        let tokens = answerTokens(text)
        guard tokens.count == 1, let position = displayPosition(tokens[0], count: options.count) else {
            return .failure(PlainCommandError("Choose one option, \(letterRange(options.count))."))
        }
        return .success(.options([options[position]]))
    case .multiple(let select):
        let options = item.optionOrder
        let positions = letterPositions(answerTokens(text), count: options.count)
        let wanted = (1...max(1, options.count)).contains(select) ? select : nil
        guard let positions, !positions.isEmpty, wanted.map({ $0 == Set(positions).count }) ?? true else {
            let how = wanted.map { "Choose \($0) options" } ?? "Choose options"
            let example = letters(count: wanted ?? 2).joined(separator: " ")
            return .failure(PlainCommandError("\(how), \(letterRange(options.count)), e.g. \(example)."))
        }
        return .success(.options(Set(positions.map { options[$0] })))
    case .numeric:
        guard let number = parseNumber(text) else {
            return .failure(PlainCommandError("Type a number, e.g. 12.5."))
        }
        return .success(.number(number))
    case .ordering:
        let items = item.orderItemOrder
        let positions = letterPositions(answerTokens(text), count: items.count)
        guard let positions, positions.count == items.count, Set(positions).count == items.count else {
            let example = letters(count: items.count).reversed().joined(separator: " ")
            return .failure(PlainCommandError(
                "Put all \(items.count) items in order, first to last, by letter, e.g. \(example)."
            ))
        }
        return .success(.order(positions.map { items[$0] }))
    case .matching:
        return parseMatching(text, item: item)
    }
}

private func parseMatching(_ text: String, item: ExamForm.Item) -> Result<Response, PlainCommandError> {
    let lefts = item.leftOrder
    let rights = item.rightOrder
    let failure = PlainCommandError(
        "Match each left number (1 to \(lefts.count)) to a different right letter "
            + "(\(letterRange(rights.count))), e.g. 1c 2a 3b."
    )
    var pairs: [String: String] = [:]
    var usedRights: Set<Int> = []
    let tokens = answerTokens(text)
    guard !tokens.isEmpty else { return .failure(failure) }
    for token in tokens {
        let digits = token.prefix(while: \.isASCIIDigit)
        var rest = token.dropFirst(digits.count)
        if let separator = rest.first, "-=:".contains(separator) { rest = rest.dropFirst() }
        guard let number = Int(digits), number >= 1, number <= lefts.count,
              let right = displayPosition(rest, count: rights.count), rest.first?.isLetter == true,
              pairs[lefts[number - 1]] == nil, usedRights.insert(right).inserted
        else { return .failure(failure) }
        pairs[lefts[number - 1]] = rights[right]
    }
    return .success(.pairs(pairs))
}

/// Tokens of an answer line: split on spaces and commas.
private func answerTokens(_ text: String) -> [Substring] {
    text.split(whereSeparator: { $0 == " " || $0 == "," })
}

/// The display positions that `tokens` name, reading a lone run of letters (`cabd`) letter by
/// letter; `nil` if any is not a position below `count`.
private func letterPositions(_ tokens: [Substring], count: Int) -> [Int]? {
    var tokens = tokens
    if tokens.count == 1, let only = tokens.first, only.count > 1, only.allSatisfy(\.isASCIILetter) {
        tokens = only.map { Substring(String($0)) }
    }
    var positions: [Int] = []
    for token in tokens {
        guard let position = displayPosition(token, count: count) else { return nil }
        positions.append(position)
    }
    return positions
}

/// The 0-based position a letter (`b`) or 1-based number (`2`) names, if below `count`.
private func displayPosition(_ token: Substring, count: Int) -> Int? {
    let position: Int?
    if token.count == 1, let letter = token.first, letter.isASCIILetter, let ascii = letter.asciiValue {
        position = Int(ascii) - Int(Character("a").asciiValue ?? 97)
    } else if token.allSatisfy(\.isASCIIDigit), let number = Int(token) {
        position = number - 1
    } else {
        position = nil
    }
    guard let position, position >= 0, position < count else { return nil }
    return position
}

/// A plain decimal: optional sign, digits with optional thousands commas, optional fraction.
private func parseNumber(_ text: String) -> Double? {
    var body = Substring(text)
    var sign = ""
    if let first = body.first, first == "-" || first == "+" {
        sign = first == "-" ? "-" : ""
        body = body.dropFirst()
    }
    let parts = body.split(separator: ".", omittingEmptySubsequences: false)
    guard (1...2).contains(parts.count), parts.allSatisfy({ $0.allSatisfy { $0.isASCIIDigit || $0 == "," } }) else {
        return nil
    }
    let whole = parts[0]
    let fraction = parts.count == 2 ? parts[1] : ""
    guard !(whole.isEmpty && fraction.isEmpty), !fraction.contains(",") else { return nil }
    if whole.contains(",") {
        let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
        guard let head = groups.first, (1...3).contains(head.count),
              groups.dropFirst().allSatisfy({ $0.count == 3 })
        else { return nil }
    }
    let digits = whole.filter { $0 != "," }
    let number = Double(sign + (digits.isEmpty ? "0" : digits) + (fraction.isEmpty ? "" : "." + fraction))
    return number.flatMap { $0.isFinite ? $0 : nil }
}

/// `A to D`, `A or B`, or `A` for a list of `count` options.
private func letterRange(_ count: Int) -> String {
    let shown = letters(count: count).map { $0.uppercased() }
    switch shown.count {
    case 0: return "but there are none"
    case 1: return shown[0]
    case 2: return "\(shown[0]) or \(shown[1])"
    default: return "\(shown[0]) to \(shown[shown.count - 1])"
    }
}

/// The first `count` display letters, `a` onwards (at most 26).
private func letters(count: Int) -> [String] {
    "abcdefghijklmnopqrstuvwxyz".prefix(max(0, count)).map(String.init)
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
    fileprivate var isASCIILetter: Bool { isASCII && isLetter }
}
