import ProctorCore
import Testing

/// Study days, the due forecast, streaks, accuracy by day, and the text charts.
@Suite("Study: statistics")
struct StudyStatsTests {
    /// 2026-03-02T09:00:00Z, in study day 20514 (days since 1970-01-01) in UTC.
    static let now = Timestamp(secondsSince1970: 1_772_442_000)
    static let today = 20_514

    static func at(_ iso: String) -> Timestamp {
        guard case .success(let time) = ISO8601Timestamp.parse(iso) else { return Timestamp(secondsSince1970: .nan) }
        return time
    }

    @Test("a study day begins at 4 a.m. local time", arguments: [
        ("2026-03-02T09:00:00Z", 0, 20_514),
        ("2026-03-02T04:00:00Z", 0, 20_514),
        ("2026-03-02T03:59:59Z", 0, 20_513),
        ("2026-03-02T02:59:59Z", 3_600, 20_513),  // 03:59:59 at UTC+1
        ("2026-03-02T03:00:00Z", 3_600, 20_514),  // 04:00 at UTC+1
        ("2026-03-02T08:30:00Z", -18_000, 20_513),  // 03:30 at UTC−5
        ("1969-12-31T12:00:00Z", 0, -1),
    ])
    func days(time: String, offset: Int, day: Int) {
        let calendar = StudyCalendar(utcOffsetSeconds: offset)
        #expect(calendar.day(of: Self.at(time)) == day)
        #expect(calendar.day(of: calendar.start(ofDay: day)) == day)
        #expect(calendar.day(of: calendar.start(ofDay: day).adding(seconds: -1)) == day - 1)
    }

    @Test("the due forecast: overdue cards count today; cards past the horizon are left out")
    func forecast() {
        let calendar = StudyCalendar()
        func card(due: String) -> CardState {
            CardState(phase: .review, step: nil, stability: 1, difficulty: 5, due: Self.at(due), lastReview: Self.at("2026-01-01T00:00:00Z"))
        }
        let cards = [
            card(due: "2026-02-20T10:00:00Z"),  // overdue
            card(due: "2026-03-02T23:00:00Z"),  // later today
            card(due: "2026-03-03T03:00:00Z"),  // before 4 a.m.: still today
            card(due: "2026-03-03T09:00:00Z"),  // tomorrow
            card(due: "2026-03-15T09:00:00Z"),  // day 13
            card(due: "2026-03-16T09:00:00Z"),  // day 14: beyond
        ]
        let counts = StudyStats.dueForecast(cards, calendar: calendar, today: Self.today)
        #expect(counts.count == 14)
        #expect(counts[0] == 3 && counts[1] == 1 && counts[13] == 1)
        #expect(counts.reduce(0, +) == 5)
        #expect(StudyStats.dueForecast(cards, calendar: calendar, today: Self.today, days: 0).isEmpty)
    }

    @Test("a streak ends today, or yesterday while today has no review yet")
    func streaks() {
        let days: Set<Int> = [3, 4, 5, 8, 9, 10, 11]
        #expect(StudyStats.streak(reviewDays: days, today: 11) == Streak(current: 4, longest: 4, reviewedToday: true))
        #expect(StudyStats.streak(reviewDays: days, today: 12) == Streak(current: 4, longest: 4, reviewedToday: false))
        #expect(StudyStats.streak(reviewDays: days, today: 13) == Streak(current: 0, longest: 4, reviewedToday: false))
        #expect(StudyStats.streak(reviewDays: [3, 4, 5], today: 9) == Streak(current: 0, longest: 3, reviewedToday: false))
        #expect(StudyStats.streak(reviewDays: [], today: 9) == Streak(current: 0, longest: 0, reviewedToday: false))
    }

    @Test("answers by day for the last N days, oldest first, empty days included")
    func daily() {
        let answers = [
            DatedAnswer(questionID: "q", isCorrect: true, answeredAt: Self.at("2026-03-02T05:00:00Z")),
            DatedAnswer(questionID: "q", isCorrect: false, answeredAt: Self.at("2026-03-02T20:00:00Z")),
            DatedAnswer(questionID: "q", isCorrect: true, answeredAt: Self.at("2026-02-28T12:00:00Z")),
            DatedAnswer(questionID: "q", isCorrect: true, answeredAt: Self.at("2026-02-01T12:00:00Z")),  // too old
        ]
        let tallies = StudyStats.dailyAnswers(answers, calendar: StudyCalendar(), today: Self.today, days: 3)
        #expect(tallies.map(\.day) == [20_512, 20_513, 20_514])
        #expect(tallies.map(\.tally) == [AnswerTally(answered: 1, correct: 1), AnswerTally(), AnswerTally(answered: 2, correct: 1)])
        #expect(tallies.map(\.accuracy) == [1, nil, 0.5])
        #expect(AnswerTally.byQuestion(answers)["q"] == AnswerTally(answered: 4, correct: 3))
    }

    @Test("sparklines: eight heights over the range, a space for no value")
    func sparklines() {
        #expect(StudyStats.sparkline([0, 0.5, 1, nil, 2, -1, .nan], range: 0...1) == "▁▅█ █▁ ")
        #expect(StudyStats.sparkline([50, 100, 75], range: 0...100) == "▅█▆")
        #expect(StudyStats.sparkline([3, 3], range: 3...3) == "▅▅")
        #expect(StudyStats.sparkline([], range: 0...1) == "")
    }

    @Test("bars are drawn in eighths of a cell and padded to the width")
    func bars() {
        #expect(StudyStats.bar(0.5, width: 4) == "██  ")
        #expect(StudyStats.bar(0.3, width: 4) == "█▎  ")
        #expect(StudyStats.bar(1, width: 3) == "███")
        #expect(StudyStats.bar(0, width: 3) == "   ")
        #expect(StudyStats.bar(7, width: 2) == "██")
        #expect(StudyStats.bar(.nan, width: 2) == "  ")
        #expect(StudyStats.bar(0.5, width: 0) == "")
    }
}
