/// The 21 model weights w0…w20 of FSRS-6, checked against the reference's bounds.
///
/// A value of this type always holds exactly 21 weights inside the bounds that `fsrs` 6.3.2 accepts,
/// so the model can index them without checks.
public struct FSRSWeights: Sendable, Hashable, Codable {
    /// The weights, w0 first.
    public let values: [Double]

    /// The default weights of FSRS-6 (`fsrs` 6.3.2 `DEFAULT_PARAMETERS`).
    public static let `default` = FSRSWeights(unchecked: [
        0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
        1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
    ])

    /// The lowest value each weight may take (`LOWER_BOUNDS_PARAMETERS`).
    public static let lowerBounds: [Double] = [
        0.001, 0.001, 0.001, 0.001, 1.0, 0.001, 0.001, 0.001, 0.0, 0.0, 0.001,
        0.001, 0.001, 0.001, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.1,
    ]

    /// The highest value each weight may take (`UPPER_BOUNDS_PARAMETERS`).
    public static let upperBounds: [Double] = [
        100.0, 100.0, 100.0, 100.0, 10.0, 4.0, 4.0, 0.75, 4.5, 0.8, 3.5,
        5.0, 0.25, 0.9, 4.0, 1.0, 6.0, 2.0, 2.0, 0.8, 0.8,
    ]

    /// Weights from a list of exactly 21 values, each within its bounds; every problem is reported.
    public init(_ values: [Double]) throws(FSRSParameterErrors) {
        var problems: [FSRSParameterProblem] = []
        if values.count != Self.lowerBounds.count {
            problems.append(.weightCount(values.count))
        } else {
            for (index, value) in values.enumerated()
            where !(Self.lowerBounds[index] <= value && value <= Self.upperBounds[index]) {
                problems.append(.weightOutOfBounds(
                    index: index, value: value,
                    lower: Self.lowerBounds[index], upper: Self.upperBounds[index]))
            }
        }
        guard problems.isEmpty else { throw FSRSParameterErrors(problems: problems) }
        self.values = values
    }

    private init(unchecked values: [Double]) {
        self.values = values
    }

    /// Weights decoded from a plain list of numbers, checked as `init(_:)` checks them.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        try self.init(container.decode([Double].self))
    }

    /// The weights encoded as a plain list of numbers.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(values)
    }
}

/// The settings of an FSRS-6 scheduler: weights, target retention, steps, interval limit and fuzz.
///
/// The defaults are those of the reference `fsrs.Scheduler()`: retention 0.9, learning steps of 1 and
/// 10 minutes, one relearning step of 10 minutes, at most 36 500 days, fuzz on.
public struct FSRSParameters: Sendable, Hashable, Codable {
    /// The model weights.
    public var weights: FSRSWeights
    /// The probability of recall the schedule aims for when a card comes due, in (0, 1).
    public var desiredRetention: Double
    /// Waits, in seconds, between the answers to a new card before it graduates to review.
    public var learningSteps: [Double]
    /// Waits, in seconds, between the answers to a lapsed card before it returns to review.
    public var relearningSteps: [Double]
    /// The longest interval, in days, that a review may be scheduled for.
    public var maximumInterval: Int
    /// Whether review intervals of 3 days or more get a little random spread (see `FSRSScheduler`).
    public var enableFuzzing: Bool

    /// The default learning steps: 1 minute, then 10 minutes.
    public static let defaultLearningSteps: [Double] = [60, 600]
    /// The default relearning step: 10 minutes.
    public static let defaultRelearningSteps: [Double] = [600]

    /// Settings with the reference's defaults for anything not given.
    public init(
        weights: FSRSWeights = .default,
        desiredRetention: Double = 0.9,
        learningSteps: [Double] = FSRSParameters.defaultLearningSteps,
        relearningSteps: [Double] = FSRSParameters.defaultRelearningSteps,
        maximumInterval: Int = 36500,
        enableFuzzing: Bool = true
    ) {
        self.weights = weights
        self.desiredRetention = desiredRetention
        self.learningSteps = learningSteps
        self.relearningSteps = relearningSteps
        self.maximumInterval = maximumInterval
        self.enableFuzzing = enableFuzzing
    }

    /// These settings without learning or relearning steps: every answer is scheduled by the formulas.
    public var withoutSteps: FSRSParameters {
        var copy = self
        copy.learningSteps = []
        copy.relearningSteps = []
        return copy
    }

    /// Everything wrong with these settings; empty when they are fine to schedule with.
    ///
    /// The scheduler never traps on bad settings, but its results are meaningless with them.
    public var problems: [FSRSParameterProblem] {
        var problems: [FSRSParameterProblem] = []
        if !(desiredRetention > 0 && desiredRetention < 1) {
            problems.append(.retentionOutOfRange(desiredRetention))
        }
        for step in learningSteps + relearningSteps where !(step > 0 && step.isFinite) {
            problems.append(.stepNotPositive(step))
        }
        if maximumInterval < 1 {
            problems.append(.maximumIntervalTooSmall(maximumInterval))
        }
        return problems
    }
}

/// One thing wrong with FSRS settings.
public enum FSRSParameterProblem: Sendable, Hashable, CustomStringConvertible {
    /// The weights list does not have 21 values.
    case weightCount(Int)
    /// A weight lies outside the bounds the reference accepts.
    case weightOutOfBounds(index: Int, value: Double, lower: Double, upper: Double)
    /// The desired retention is not strictly between 0 and 1.
    case retentionOutOfRange(Double)
    /// A learning or relearning step is zero, negative or not finite.
    case stepNotPositive(Double)
    /// The maximum interval is under one day.
    case maximumIntervalTooSmall(Int)

    /// A one-line message for the learner or author.
    public var description: String {
        switch self {
        case .weightCount(let count):
            "FSRS needs 21 weights, got \(count)"
        case .weightOutOfBounds(let index, let value, let lower, let upper):
            "weight w\(index) = \(value) is outside \(lower)...\(upper)"
        case .retentionOutOfRange(let value):
            "desired retention \(value) must be between 0 and 1 (for example 0.9)"
        case .stepNotPositive(let value):
            "a learning step of \(value) seconds must be a positive number"
        case .maximumIntervalTooSmall(let value):
            "the maximum interval of \(value) days must be at least 1"
        }
    }
}

/// All the problems found in FSRS settings, thrown together.
public struct FSRSParameterErrors: Error, Sendable, Hashable, CustomStringConvertible {
    /// The problems, in the order found.
    public var problems: [FSRSParameterProblem]

    /// One problem a line.
    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}
