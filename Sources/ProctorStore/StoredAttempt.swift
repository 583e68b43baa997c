import ProctorCore

/// What kind of sitting an attempt is.
public enum AttemptKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A timed (or untimed) exam form from `proctor take`; resumable.
    case exam
    /// A practice set from `proctor practice`: verdicts after each answer.
    case practice
}

/// Where an attempt stands; the same words `history` and `results --json` use.
public typealias AttemptStatus = ScoreReport.Status

/// One attempt as stored: its form, every event recorded for it, and its report once finished.
public struct StoredAttempt: Sendable, Hashable {
    /// The number `history` prints and `results` / `resume` take.
    public var id: Int
    public var kind: AttemptKind
    public var form: ExamForm
    public var status: AttemptStatus
    /// Whether its answers feed the review schedule (`take` without `--no-srs`, `practice`).
    public var feedsSchedule: Bool
    public var startedAt: Timestamp
    public var finishedAt: Timestamp?
    /// The events in the order they were recorded.
    public var events: [SessionEvent]
    /// The score report saved when the attempt finished.
    public var report: ScoreReport?

    /// The session the events rebuild.
    public var session: ExamSession { ExamSession.replay(form: form, events: events) }
}

/// One line of `history`: an attempt without its form and events.
public struct AttemptSummary: Sendable, Hashable {
    public var id: Int
    public var kind: AttemptKind
    public var examID: String
    public var bankID: String
    public var status: AttemptStatus
    public var startedAt: Timestamp
    public var finishedAt: Timestamp?
    public var questionCount: Int
    /// Questions with an answer (kept up to date as answers are recorded).
    public var answeredCount: Int
    /// Exam time used so far, from the last clock event.
    public var elapsedSeconds: Double
    public var timeLimitSeconds: Int
    /// Percent score, once finished.
    public var percent: Double?
    public var scaledScore: Int?
    public var passed: Bool?
    public var submitReason: SubmitReason?
}

/// Where a review came from, kept in the review log.
public enum ReviewSource: String, Sendable, Hashable, Codable, CaseIterable {
    case exam, practice, review, drill
}

/// One review to save: the card it is for and what the scheduler made of it.
public struct ScheduledReview: Sendable, Hashable {
    public var bankID: String
    public var questionID: String
    /// The rating, review time and the card's state after the review.
    public var outcome: ReviewOutcome
    /// Time spent answering, if measured.
    public var durationSeconds: Double?
    public var source: ReviewSource
    /// The attempt the answer was given in, if any.
    public var attempt: Int?
    /// Whether the answer was right, when it was judged. The rating alone cannot say: a learner may
    /// rate a wrong answer Hard.
    public var correct: Bool?

    /// A review of `questionID` in `bankID`.
    public init(bankID: String, questionID: String, outcome: ReviewOutcome, durationSeconds: Double?,
                source: ReviewSource, attempt: Int?, correct: Bool? = nil) {
        self.bankID = bankID
        self.questionID = questionID
        self.outcome = outcome
        self.durationSeconds = durationSeconds
        self.source = source
        self.attempt = attempt
        self.correct = correct
    }
}

/// One row of the review log, as read back.
public struct ReviewLogRow: Sendable, Hashable {
    public var bankID: String
    public var questionID: String
    public var rating: Rating
    public var reviewedAt: Timestamp
    public var durationSeconds: Double?
    public var source: ReviewSource
    public var attempt: Int?
    /// The card's state after this review.
    public var cardAfter: CardState
    public var elapsedDays: Int?
    public var retrievabilityBefore: Double?
    public var intervalSeconds: Double
    /// Whether the answer was right; `nil` when not recorded (reviews saved before Proctor kept it).
    public var correct: Bool?
}

/// A review card and the question it is for.
public struct StoredCard: Sendable, Hashable {
    public var bankID: String
    public var questionID: String
    public var state: CardState
}
