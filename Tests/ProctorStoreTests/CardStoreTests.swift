import Foundation
import ProctorCore
import Testing
@testable import ProctorStore

@Suite("Review cards and the review log")
struct CardStoreTests {
    @Test("a saved review updates the card and appends to the log")
    func saveReviews() throws {
        let store = try ProgressStore.inMemory()
        let scheduler = FSRSScheduler()
        #expect(try store.card(bank: "fixture", question: "q1") == nil)

        let first = scheduler.review(nil, rating: .good, at: StoreFixtures.start)
        try store.saveReview(ScheduledReview(bankID: "fixture", questionID: "q1", outcome: first,
                                             durationSeconds: 20, source: .exam, attempt: nil))
        #expect(try store.card(bank: "fixture", question: "q1") == first.card)

        let later = StoreFixtures.start.adding(seconds: 700)
        let second = scheduler.review(first.card, rating: .good, at: later)
        try store.saveReview(ScheduledReview(bankID: "fixture", questionID: "q1", outcome: second,
                                             durationSeconds: 10, source: .practice, attempt: nil))
        #expect(try store.card(bank: "fixture", question: "q1") == second.card)
        #expect(second.card.phase == .review)

        let log = try store.reviewLog(bank: "fixture", question: "q1")
        #expect(log.map(\.rating) == [.good, .good])
        #expect(log.map(\.source) == [.exam, .practice])
        #expect(log.map(\.cardAfter) == [first.card, second.card])
        #expect(log[1].intervalSeconds == second.intervalSeconds)
        #expect(log[1].elapsedDays == 0)
        #expect(try store.typicalSeconds(bank: "fixture", question: "q1") == 15)
        #expect(try store.typicalSeconds(bank: "fixture", question: "q2") == nil)
        #expect(try store.reviewLog(bank: nil).count == 2)
    }

    @Test("due cards come earliest first, per bank or for all")
    func dueCards() throws {
        let store = try ProgressStore.inMemory()
        let scheduler = FSRSScheduler()
        let reviews: [(String, String, Rating, Double)] = [
            ("fixture", "q1", .again, 0), ("fixture", "q2", .good, 0), ("other", "x1", .again, 30),
        ]
        for (bank, question, rating, offset) in reviews {
            let outcome = scheduler.review(nil, rating: rating, at: StoreFixtures.at(offset))
            try store.saveReview(ScheduledReview(bankID: bank, questionID: question, outcome: outcome,
                                                 durationSeconds: nil, source: .review, attempt: nil))
        }
        // Again waits one minute, Good ten.
        let inTwoMinutes = StoreFixtures.at(120)
        #expect(try store.dueCards(bank: nil, at: inTwoMinutes, limit: 10).map(\.questionID) == ["q1", "x1"])
        #expect(try store.dueCards(bank: "fixture", at: inTwoMinutes, limit: 10).map(\.questionID) == ["q1"])
        #expect(try store.dueCards(bank: nil, at: StoreFixtures.at(3600), limit: 2).map(\.questionID) == ["q1", "x1"])
        #expect(try store.dueCards(bank: nil, at: StoreFixtures.at(3600), limit: 10).count == 3)
        #expect(try store.cards(bank: "fixture").map(\.questionID) == ["q1", "q2"])
    }

    @Test("a finished attempt saves its reviews with it")
    func reviewsWithFinish() throws {
        let store = try ProgressStore.inMemory()
        let id = try store.startAttempt(form: StoreFixtures.form, kind: .exam, feedsSchedule: true, at: StoreFixtures.start)
        var session = ExamSession(form: StoreFixtures.form)
        try StoreFixtures.play([.open, .answer(.options(["b"])), .submit], on: &session, attempt: id, store: store)
        let report = scoreExam(session, bank: StoreFixtures.bank, scoring: .percent(pass: 50))
        let outcome = FSRSScheduler().review(nil, rating: .good, at: StoreFixtures.at(1))
        try store.finishAttempt(id, status: .finished, report: report, reviews: [
            ScheduledReview(bankID: "fixture", questionID: "q1", outcome: outcome, durationSeconds: 1,
                            source: .exam, attempt: id),
        ], at: StoreFixtures.at(2))
        let log = try store.reviewLog(bank: "fixture", question: "q1")
        #expect(log.count == 1)
        #expect(log.first?.attempt == id)
        #expect(try store.integrityProblems().isEmpty)
    }
}
