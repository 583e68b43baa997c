/// Where a card is in its cycle: being learnt, in long-term review, or being relearnt after a lapse.
public enum CardPhase: String, Sendable, Hashable, Codable, CaseIterable {
    /// A new card working through the learning steps.
    case learning
    /// A graduated card scheduled in whole days by the memory model.
    case review
    /// A lapsed card working through the relearning steps.
    case relearning
}

/// What the scheduler remembers about one card after at least one review.
///
/// A card never reviewed has no state: pass `nil` to `FSRSScheduler.review`.
public struct CardState: Sendable, Hashable, Codable {
    /// Learning, review or relearning.
    public var phase: CardPhase
    /// The index of the current learning or relearning step; `nil` in review.
    public var step: Int?
    /// The memory's stability S, in days: the time for retrievability to fall to 90%.
    public var stability: Double
    /// The card's difficulty D, in [1, 10].
    public var difficulty: Double
    /// When the card should be reviewed next.
    public var due: Timestamp
    /// When the card was last reviewed.
    public var lastReview: Timestamp

    /// A card state from its parts, as loaded from storage.
    public init(phase: CardPhase, step: Int?, stability: Double, difficulty: Double,
                due: Timestamp, lastReview: Timestamp) {
        self.phase = phase
        self.step = step
        self.stability = stability
        self.difficulty = difficulty
        self.due = due
        self.lastReview = lastReview
    }
}

/// The result of one review: the card's new state and how it was scheduled.
public struct ReviewOutcome: Sendable, Hashable {
    /// The card after the review.
    public var card: CardState
    /// The rating given.
    public var rating: Rating
    /// When the review happened.
    public var reviewedAt: Timestamp
    /// Whole 24-hour periods since the previous review (negative if it was later); `nil` for a new card.
    public var elapsedDays: Int?
    /// The probability of recall just before this review; `nil` for a new card.
    public var retrievabilityBefore: Double?
    /// Seconds from the review to the new due time.
    public var intervalSeconds: Double
    /// The interval in days when the card was scheduled by the memory model (after any fuzz);
    /// `nil` when it was scheduled by a learning or relearning step.
    public var intervalDays: Int?
}

/// Whole microseconds since the epoch: the scheduler's exact time arithmetic, like Python's datetime.
enum SchedulingTime {
    static let microsecondsPerDay: Int64 = 86_400_000_000
    /// Far beyond any real date, and small enough that sums of two never overflow.
    private static let limit = 4.0e18

    /// The timestamp in whole microseconds, saturating for absurd or non-finite values.
    static func microseconds(_ time: Timestamp) -> Int64 {
        microseconds(seconds: time.secondsSince1970)
    }

    /// A duration in seconds as whole microseconds, rounded half to even like `timedelta`.
    static func microseconds(seconds: Double) -> Int64 {
        let scaled = (seconds * 1_000_000).rounded(.toNearestOrEven)
        if scaled.isNaN { return 0 }
        return Int64(Swift.min(Swift.max(scaled, -limit), limit))
    }

    /// The timestamp for a count of microseconds since the epoch.
    static func timestamp(_ microseconds: Int64) -> Timestamp {
        Timestamp(secondsSince1970: Double(microseconds) / 1_000_000)
    }

    /// `a + b`, saturating instead of overflowing.
    static func add(_ a: Int64, _ b: Int64) -> Int64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        if overflow { return b > 0 ? Int64.max : Int64.min }
        return sum
    }

    /// Whole days in `count` days as microseconds, saturating.
    static func days(_ count: Int) -> Int64 {
        let (product, overflow) = Int64(count).multipliedReportingOverflow(by: microsecondsPerDay)
        if overflow { return count > 0 ? Int64.max : Int64.min }
        return product
    }

    /// Whole 24-hour periods from `earlier` to `later`, rounded down (Python's `timedelta.days`).
    static func elapsedDays(from earlier: Timestamp, to later: Timestamp) -> Int {
        let difference = microseconds(later) - microseconds(earlier)
        var days = difference / microsecondsPerDay
        if difference % microsecondsPerDay < 0 { days -= 1 }
        return Int(days)
    }
}
