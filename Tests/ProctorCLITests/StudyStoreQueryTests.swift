import ProctorCore
import ProctorStore
import Testing

/// The store's study queries (`ProgressStore+Study.swift`) on an in-memory database.
@Suite("Study: store queries")
struct StudyStoreQueryTests {
    static let start = Timestamp(secondsSince1970: 1_772_442_000)  // 2026-03-02T09:00:00Z

    static func at(_ seconds: Double) -> Timestamp { start.adding(seconds: seconds) }

    /// Saves `ratings` for one card, each at its due time (the first at `from`), one transaction.
    @discardableResult
    static func review(_ store: ProgressStore, bank: String = "b", _ question: String, _ ratings: [Rating],
                       from: Timestamp = start, scheduler: FSRSScheduler = FSRSScheduler(),
                       source: ReviewSource = .review) throws -> CardState? {
        var card: CardState?
        var time = from
        var reviews: [ScheduledReview] = []
        for rating in ratings {
            let outcome = scheduler.review(card, rating: rating, at: time)
            reviews.append(ScheduledReview(bankID: bank, questionID: question, outcome: outcome, durationSeconds: nil,
                                           source: source, attempt: nil))
            card = outcome.card
            time = outcome.card.due
        }
        try store.saveReviews(reviews)
        return card
    }

    @Test("lapses: Again from review counts, Again on a learning or relearning step does not, with and without steps")
    func lapses() throws {
        let store = try ProgressStore.inMemory()
        // Good, Good (graduates), Again (lapse 1), Again (still relearning), Good, Again (lapse 2).
        try Self.review(store, "steps", [.good, .good, .again, .again, .good, .again])
        // Without steps: Good graduates, and Again from review stays in review: two lapses.
        let noSteps = FSRSScheduler(parameters: FSRSParameters(enableFuzzing: false).withoutSteps)
        try Self.review(store, "none", [.again, .good, .again, .again], scheduler: noSteps)
        try Self.review(store, "fresh", [.again, .again])
        let lapses = Dictionary(uniqueKeysWithValues: try store.studyCards(bank: "b").map { ($0.questionID, $0.lapses) })
        // "none": the first Again makes a new card that graduates at once (no steps), so its second
        // review is from review: Again, Good, Again (lapse), Again (lapse).
        #expect(lapses == ["steps": 2, "none": 2, "fresh": 0])
        #expect(try store.studyCards(bank: nil).count == 3)
        #expect(try store.studyCards(bank: "other").isEmpty)
    }

    @Test("due cards of a bank or of all, with lapses; the next due time; the banks that have cards")
    func due() throws {
        let store = try ProgressStore.inMemory()
        try Self.review(store, "again", [.again])  // due in 1 minute
        try Self.review(store, "good", [.good])  // due in 10 minutes
        try Self.review(store, bank: "c", "other", [.again])
        #expect(try store.dueStudyCards(bank: "b", at: Self.at(120)).map(\.questionID) == ["again"])
        #expect(try store.dueStudyCards(bank: nil, at: Self.at(120)).map(\.questionID).sorted() == ["again", "other"])
        #expect(try store.dueStudyCards(bank: "b", at: Self.at(600)).count == 2)
        #expect(try store.nextDue(bank: "b", after: Self.at(120)) == Self.at(600))
        #expect(try store.nextDue(bank: nil, after: Self.at(600)) == nil)
        #expect(try store.bankIDsWithCards() == ["b", "c"])
    }

    @Test("new cards introduced by review in a day: first reviews from review only")
    func newCards() throws {
        let store = try ProgressStore.inMemory()
        try Self.review(store, "r1", [.good, .good])
        try Self.review(store, "r2", [.again])
        try Self.review(store, "e1", [.good], source: .exam)
        try Self.review(store, "later", [.good], from: Self.at(86_400))
        #expect(try store.newCardsReviewed(from: Self.start, to: Self.at(86_400)) == 2)
        #expect(try store.newCardsReviewed(from: Self.at(86_400), to: Self.at(2 * 86_400)) == 1)
    }

    @Test("the answer record: graded attempt answers once, plus reviews outside attempts (Again is wrong)")
    func answerRecord() throws {
        let store = try ProgressStore.inMemory()
        let question = Question(id: "q1", domainID: "d", stem: RichText("?"), kind: .trueFalse([
            Option(id: "t", text: "True", isCorrect: true), Option(id: "f", text: "False"),
        ]))
        let bank = QuestionBank(id: "b", version: "1", title: "B", domains: [Domain(id: "d", name: "D", weight: 100)],
                                questions: [question, Question(id: "q2", domainID: "d", stem: RichText("?"), kind: question.kind)])
        let form = ExamForm(examID: "practice", bankID: "b", bankVersion: "1", seed: 1, timeLimitSeconds: 0,
                            items: bank.questions.map { ExamForm.Item(unshuffled: $0) })
        let id = try store.startAttempt(form: form, kind: .practice, feedsSchedule: true, at: Self.start)
        var session = ExamSession(form: form)
        for (offset, action) in [SessionAction.open, .answer(.options(["f"])), .submit].enumerated() {
            try store.record(session.apply(action, at: Self.at(Double(offset))), attempt: id, at: Self.at(Double(offset)))
        }
        // The practice answer fed the schedule (with the attempt's number): not counted twice.
        let outcome = FSRSScheduler().review(nil, rating: .again, at: Self.at(1))
        try store.saveReview(ScheduledReview(bankID: "b", questionID: "q1", outcome: outcome, durationSeconds: 1,
                                             source: .practice, attempt: id))
        let report = scoreExam(session, bank: bank, scoring: .percent(pass: 50))
        try store.finishAttempt(id, status: .finished, report: report, reviews: [], at: Self.at(10))
        try Self.review(store, "q2", [.good, .again], from: Self.at(20))

        let record = try store.answerRecord(bank: "b")
        #expect(record.map(\.questionID) == ["q1", "q2", "q2"])
        #expect(record.map(\.isCorrect) == [false, true, false])
        #expect(record.first?.answeredAt == Self.at(2))  // when the set was submitted
        #expect(try store.answerRecord(bank: "other").isEmpty)
    }

    @Test("the answer record takes each review's judgement when saved: a wrong answer rated Hard is wrong")
    func judgedAnswers() throws {
        let store = try ProgressStore.inMemory()
        let scheduler = FSRSScheduler()
        var card: CardState?
        // Wrong but rated Hard, right but rated Again by hand, then two saved without a judgement.
        let reviews: [(Rating, Bool?)] = [(.hard, false), (.again, true), (.hard, nil), (.again, nil)]
        for (offset, (rating, correct)) in reviews.enumerated() {
            let outcome = scheduler.review(card, rating: rating, at: Self.at(Double(offset) * 60))
            card = outcome.card
            try store.saveReview(ScheduledReview(bankID: "b", questionID: "q", outcome: outcome, durationSeconds: nil,
                                                 source: .review, attempt: nil, correct: correct))
        }
        #expect(try store.reviewLog(bank: "b").map(\.correct) == [false, true, nil, nil])
        #expect(try store.answerRecord(bank: "b").map(\.isCorrect) == [false, true, true, false])
    }

    @Test("the eighth lapse sets a card aside as it is saved, from any source; brought back, the twelfth does again")
    func leechesSetAside() throws {
        let store = try ProgressStore.inMemory()
        let scheduler = FSRSScheduler()
        var card: CardState?
        /// Saves `ratings` for "q", each at the card's due time; returns the card as the store has it after the last.
        func review(_ ratings: [Rating], source: ReviewSource) throws -> StudyCard? {
            var saved: StudyCard?
            for rating in ratings {
                let outcome = scheduler.review(card, rating: rating, at: card?.due ?? Self.start)
                card = outcome.card
                saved = try store.saveReview(ScheduledReview(bankID: "b", questionID: "q", outcome: outcome,
                                                             durationSeconds: nil, source: source, attempt: nil))
            }
            return saved
        }
        // Easy graduates at once; each Again from review is a lapse, each Good brings the card back to review.
        let lapseAndBack = [Rating.again, .good]
        let seventh = try #require(try review([.easy] + Array(repeating: lapseAndBack, count: 7).flatMap { $0 }, source: .exam))
        #expect(seventh.lapses == 7 && !seventh.isSuspended)
        let eighth = try #require(try review([.again], source: .drill))
        #expect(eighth.lapses == 8 && eighth.isSuspended)
        #expect(try store.studyCard(bank: "b", question: "q") == eighth)
        #expect(try store.studyCards(bank: "b").map(\.isSuspended) == [true])
        // A leech drilled stays set aside, right answer or not.
        let drilled = try #require(try review([.good], source: .drill))
        #expect(drilled.lapses == 8 && drilled.isSuspended)

        let back = try #require(try store.setSuspended(false, bank: "b", question: "q"))
        #expect(!back.isSuspended && back.lapses == 8 && back.state == card)
        #expect(try store.setSuspended(false, bank: "b", question: "nope") == nil)
        // Three more lapses leave it in review; the twelfth sets it aside again.
        let eleventh = try #require(try review([.good] + Array(repeating: lapseAndBack, count: 3).flatMap { $0 }, source: .review))
        #expect(eleventh.lapses == 11 && !eleventh.isSuspended)
        let twelfth = try #require(try review([.again], source: .review))
        #expect(twelfth.lapses == 12 && twelfth.isSuspended)
    }

    @Test("reviews by study day, in the calendar's time zone")
    func reviewDays() throws {
        let store = try ProgressStore.inMemory()
        try Self.review(store, "a", [.good], from: StudyStatsTime.at("2026-03-02T03:30:00Z"))
        try Self.review(store, "b", [.good], from: StudyStatsTime.at("2026-03-02T05:00:00Z"))
        try Self.review(store, bank: "c", "c", [.good], from: StudyStatsTime.at("2026-03-03T12:00:00Z"))
        #expect(try store.reviewCountsByDay(bank: nil, calendar: StudyCalendar()) == [20_513: 1, 20_514: 1, 20_515: 1])
        #expect(try store.reviewCountsByDay(bank: "b", calendar: StudyCalendar(utcOffsetSeconds: 3_600)) == [20_514: 2])
        #expect(try store.reviewCountsByDay(bank: "b", calendar: StudyCalendar(utcOffsetSeconds: -36_000)) == [20_513: 2])
    }
}

/// ISO 8601 times for the tests.
enum StudyStatsTime {
    static func at(_ text: String) -> Timestamp {
        guard case .success(let time) = ISO8601Timestamp.parse(text) else { return Timestamp(secondsSince1970: 0) }
        return time
    }
}
