/// An exam as a bank defines it: length, time, breaks and how it is scored.
public struct ExamProfile: Sendable, Hashable, Identifiable {
    /// Unique across every installed bank: `proctor take ID` starts it.
    public var id: String
    public var name: String
    /// Form length: how many questions one sitting holds.
    public var questionCount: Int
    /// Time limit in minutes; `0` means untimed.
    public var minutes: Int
    /// Breaks in increasing `after` order.
    public var breaks: [ExamBreak]
    public var scoring: ScoringModel
    /// How many of the form's questions are unscored pretest items.
    public var pretestCount: Int

    public init(
        id: String, name: String, questionCount: Int, minutes: Int,
        breaks: [ExamBreak] = [], scoring: ScoringModel, pretestCount: Int = 0
    ) {
        self.id = id
        self.name = name
        self.questionCount = questionCount
        self.minutes = minutes
        self.breaks = breaks
        self.scoring = scoring
        self.pretestCount = pretestCount
    }

    /// Whether the exam has a time limit.
    public var isTimed: Bool { minutes > 0 }
}

/// A break offered after a question number; the questions before it lock once it is taken.
public struct ExamBreak: Sendable, Hashable {
    /// The number (1-based) of the last question before the break.
    public var after: Int
    public var minutes: Int

    public init(after: Int, minutes: Int) {
        self.after = after
        self.minutes = minutes
    }
}

/// How a raw result turns into the score the candidate is shown.
public enum ScoringModel: Sendable, Hashable {
    /// Percent correct; pass at `pass` percent.
    case percent(pass: Double)
    /// Linear from raw percent to `min`...`max`; pass at the scaled `pass` mark.
    case scaled(min: Double, max: Double, pass: Double)
    /// A named band per domain and overall, as PMI reports; pass at `pass` percent overall.
    /// Bands run from highest to lowest `min`.
    case bands([ScoreBand], pass: Double)
}

/// A performance band: a name and the lowest percent that earns it.
public struct ScoreBand: Sendable, Hashable {
    public var name: String
    public var minimumPercent: Double

    public init(name: String, minimumPercent: Double) {
        self.name = name
        self.minimumPercent = minimumPercent
    }
}
