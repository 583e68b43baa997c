/// One exam item: its stem, what kind of answer it takes, and how it is explained.
public struct Question: Sendable, Hashable, Identifiable {
    /// Unique in the bank and stable forever: answer history and review cards are keyed on it.
    public var id: String
    public var domainID: String
    public var topicID: String?
    /// 1 (recall) to 5 (analysis of a long scenario), when the author gave one.
    public var difficulty: Int?
    /// The case this question belongs to, if any.
    public var caseID: String?
    public var stem: RichText
    public var kind: QuestionKind
    public var explanation: RichText?
    /// Extra feedback shown when a particular option was chosen, keyed by option id.
    public var feedback: [String: RichText]
    public var references: [String]
    public var tags: [String]

    public init(
        id: String, domainID: String, topicID: String? = nil, difficulty: Int? = nil,
        caseID: String? = nil, stem: RichText, kind: QuestionKind, explanation: RichText? = nil,
        feedback: [String: RichText] = [:], references: [String] = [], tags: [String] = []
    ) {
        self.id = id
        self.domainID = domainID
        self.topicID = topicID
        self.difficulty = difficulty
        self.caseID = caseID
        self.stem = stem
        self.kind = kind
        self.explanation = explanation
        self.feedback = feedback
        self.references = references
        self.tags = tags
    }
}

/// The kinds of question the format knows, each with what its key needs.
public enum QuestionKind: Sendable, Hashable {
    /// Exactly one correct option.
    case single([Option])
    /// `select` correct options to choose together.
    case multiple([Option], select: Int)
    /// Two options, one correct.
    case trueFalse([Option])
    /// A number within a tolerance.
    case numeric(NumericKey)
    /// Items to put in order; stored in the correct order.
    case ordering([OrderItem])
    /// Left sides to match with right sides; stored as correct pairs.
    case matching([MatchPair])

    /// The name used for this kind in the bank format's `type` attribute.
    public var typeName: String {
        switch self {
        case .single: "single"
        case .multiple: "multiple"
        case .trueFalse: "truefalse"
        case .numeric: "numeric"
        case .ordering: "ordering"
        case .matching: "matching"
        }
    }

    /// The options of a choice question; empty for other kinds.
    public var options: [Option] {
        switch self {
        case .single(let options), .multiple(let options, _), .trueFalse(let options): options
        case .numeric, .ordering, .matching: []
        }
    }
}

/// An answer option of a choice question.
public struct Option: Sendable, Hashable, Identifiable {
    public var id: String
    public var text: String
    public var isCorrect: Bool
    /// Keeps its position when options are shuffled ("All of the above").
    public var isPinned: Bool

    public init(id: String, text: String, isCorrect: Bool = false, isPinned: Bool = false) {
        self.id = id
        self.text = text
        self.isCorrect = isCorrect
        self.isPinned = isPinned
    }
}

/// The key of a numeric question.
public struct NumericKey: Sendable, Hashable {
    public var value: Double
    /// Absolute tolerance either side of `value`.
    public var tolerance: Double
    /// Shown after the input, e.g. `USD` or `days`.
    public var unit: String?

    public init(value: Double, tolerance: Double = 0, unit: String? = nil) {
        self.value = value
        self.tolerance = tolerance
        self.unit = unit
    }

    /// Whether `number` is within tolerance of the key.
    public func accepts(_ number: Double) -> Bool {
        guard number.isFinite else { return false }
        // A hair of slack so that a tolerance of 0.005 accepts 1.255 despite binary rounding.
        return abs(number - value) <= tolerance + 1e-9 * max(1, abs(value))
    }
}

/// One item of an ordering question.
public struct OrderItem: Sendable, Hashable, Identifiable {
    public var id: String
    public var text: String

    public init(id: String, text: String) {
        self.id = id
        self.text = text
    }
}

/// One correct pair of a matching question.
public struct MatchPair: Sendable, Hashable, Identifiable {
    public var id: String
    public var left: String
    public var right: String

    public init(id: String, left: String, right: String) {
        self.id = id
        self.left = left
        self.right = right
    }
}
