/// What a candidate answered, in the bank's own ids (never the shuffled letters on screen).
public enum Response: Sendable, Hashable, Codable {
    /// Chosen option ids (one for single and true/false).
    case options(Set<String>)
    /// A numeric answer.
    case number(Double)
    /// Item ids, first to last.
    case order([String])
    /// Left pair id to the pair id whose right side was chosen for it.
    case pairs([String: String])
}

extension Question {
    /// Whether `response` is fully correct (all-or-nothing for multiple, ordering and matching).
    public func isCorrect(_ response: Response?) -> Bool {
        guard let response else { return false }
        switch (kind, response) {
        case (.single(let options), .options(let chosen)),
             (.trueFalse(let options), .options(let chosen)),
             (.multiple(let options, _), .options(let chosen)):
            return chosen == Set(options.filter(\.isCorrect).map(\.id))
        case (.numeric(let key), .number(let number)):
            return key.accepts(number)
        case (.ordering(let items), .order(let order)):
            return order == items.map(\.id)
        case (.matching(let pairs), .pairs(let chosen)):
            return pairs.allSatisfy { chosen[$0.id] == $0.id } && chosen.count == pairs.count
        case (.single, _), (.trueFalse, _), (.multiple, _), (.numeric, _), (.ordering, _), (.matching, _):
            return false
        }
    }

    /// The fraction of credit `response` earns: 1 or 0, except with `partial` credit, where
    /// multiple response, ordering and matching earn their share of right parts.
    public func credit(for response: Response?, partial: Bool) -> Double {
        if isCorrect(response) { return 1 }
        guard partial, let response else { return 0 }
        switch (kind, response) {
        case (.multiple(let options, _), .options(let chosen)):
            let key = Set(options.filter(\.isCorrect).map(\.id))
            let right = chosen.intersection(key).count
            let wrong = chosen.subtracting(key).count
            return key.isEmpty ? 0 : max(0, Double(right - wrong) / Double(key.count))
        case (.ordering(let items), .order(let order)):
            let hits = zip(items.map(\.id), order).filter { $0 == $1 }.count
            return items.isEmpty ? 0 : Double(hits) / Double(items.count)
        case (.matching(let pairs), .pairs(let chosen)):
            let hits = pairs.filter { chosen[$0.id] == $0.id }.count
            return pairs.isEmpty ? 0 : Double(hits) / Double(pairs.count)
        case (.single, _), (.trueFalse, _), (.multiple, _), (.numeric, _), (.ordering, _), (.matching, _):
            return 0
        }
    }

    /// The key as a `Response`: what a fully correct answer looks like.
    public var correctResponse: Response {
        switch kind {
        case .single(let options), .trueFalse(let options), .multiple(let options, _):
            .options(Set(options.filter(\.isCorrect).map(\.id)))
        case .numeric(let key):
            .number(key.value)
        case .ordering(let items):
            .order(items.map(\.id))
        case .matching(let pairs):
            .pairs(Dictionary(uniqueKeysWithValues: pairs.map { ($0.id, $0.id) }))
        }
    }
}
