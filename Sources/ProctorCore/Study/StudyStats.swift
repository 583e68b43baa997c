/// Answers of one study day.
public struct DayTally: Sendable, Hashable {
    /// The study day (see `StudyCalendar`).
    public var day: Int
    public var tally: AnswerTally

    /// The answers of study day `day`.
    public init(day: Int, tally: AnswerTally) {
        self.day = day
        self.tally = tally
    }

    /// The share of right answers, or `nil` on a day without answers.
    public var accuracy: Double? {
        tally.answered == 0 ? nil : Double(tally.correct) / Double(tally.answered)
    }
}

/// A study streak: consecutive days with at least one review.
public struct Streak: Sendable, Hashable {
    /// Days in the streak that is still alive: it ends today, or yesterday when today has had no
    /// review yet (the day is not over).
    public var current: Int
    /// The longest run of consecutive review days ever.
    public var longest: Int
    /// Whether there was a review today.
    public var reviewedToday: Bool

    /// A streak from its parts.
    public init(current: Int, longest: Int, reviewedToday: Bool) {
        self.current = current
        self.longest = longest
        self.reviewedToday = reviewedToday
    }
}

/// The figures behind `proctor stats`: reviews coming due, the streak, accuracy over time, and the
/// text charts they are drawn with. Pure functions of what they are given.
public enum StudyStats {
    /// Cards falling due on each of the `days` study days from `today`; day 0 also counts every card
    /// already overdue.
    public static func dueForecast(_ cards: [CardState], calendar: StudyCalendar, today: Int, days: Int = 14) -> [Int] {
        var counts = Array(repeating: 0, count: Swift.max(0, days))
        guard !counts.isEmpty else { return counts }
        for card in cards {
            let offset = Swift.max(0, calendar.day(of: card.due) - today)
            if offset < counts.count { counts[offset] += 1 }
        }
        return counts
    }

    /// The streak as of `today`, from the days that had reviews.
    public static func streak(reviewDays: Set<Int>, today: Int) -> Streak {
        let reviewedToday = reviewDays.contains(today)
        var current = 0
        var day = reviewedToday ? today : today - 1
        while reviewDays.contains(day) {
            current += 1
            day -= 1
        }
        var longest = 0
        var run = 0
        var previous: Int?
        for day in reviewDays.sorted() {
            run = previous.map { day == $0 + 1 } == true ? run + 1 : 1
            longest = Swift.max(longest, run)
            previous = day
        }
        return Streak(current: current, longest: longest, reviewedToday: reviewedToday)
    }

    /// Answers per study day for the `days` days ending `today` (oldest first), empty days included.
    public static func dailyAnswers(_ answers: [DatedAnswer], calendar: StudyCalendar, today: Int,
                                    days: Int = 30) -> [DayTally] {
        let first = today - Swift.max(0, days) + 1
        var tallies = (0..<Swift.max(0, days)).map { DayTally(day: first + $0, tally: AnswerTally()) }
        for answer in answers {
            let index = calendar.day(of: answer.answeredAt) - first
            if tallies.indices.contains(index) { tallies[index].tally.add(correct: answer.isCorrect) }
        }
        return tallies
    }

    /// The eight block heights a sparkline is drawn with, lowest first.
    public static let sparkBlocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// One character per value, its height scaled from `range` onto eight blocks (values outside
    /// are clamped); a missing or non-finite value is a space.
    public static func sparkline(_ values: [Double?], range: ClosedRange<Double>) -> String {
        let span = range.upperBound - range.lowerBound
        return String(values.map { value -> Character in
            guard let value, value.isFinite else { return " " }
            guard span > 0 else { return sparkBlocks[sparkBlocks.count / 2] }
            let scaled = (Swift.min(Swift.max(value, range.lowerBound), range.upperBound) - range.lowerBound) / span
            return sparkBlocks[Int((scaled * Double(sparkBlocks.count - 1)).rounded())]
        })
    }

    /// Eighths of a cell, for bars drawn to a fraction of a character.
    private static let partialBlocks: [String] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// A horizontal bar `fraction` of `width` cells long (clamped to [0, 1]), in eighths of a
    /// cell, padded with spaces to `width`.
    public static func bar(_ fraction: Double, width: Int) -> String {
        let cells = Swift.max(0, width)
        let clamped = fraction.isFinite ? Swift.min(Swift.max(fraction, 0), 1) : 0
        let eighths = Int((clamped * Double(cells * 8)).rounded())
        let full = eighths / 8
        let partial = partialBlocks[eighths % 8]
        let drawn = String(repeating: "█", count: full) + partial
        return drawn + String(repeating: " ", count: cells - full - (partial.isEmpty ? 0 : 1))
    }
}
