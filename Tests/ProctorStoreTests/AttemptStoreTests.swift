import Foundation
import ProctorCore
import Testing
@testable import ProctorStore

@Suite("Recording attempts")
struct AttemptStoreTests {
    static let actions: [SessionAction] = [
        .open, .answer(.options(["a"])), .toggleFlag, .next, .toggleStrike(optionID: "b"),
        .answer(.options(["a", "c"])), .tick, .next, .answer(.number(12.5)), .previous, .previous,
        .answer(.options(["b"])), .goTo(index: 7), .tick,
    ]

    @Test("an attempt rebuilt from the database equals the live session, on disk and in memory",
          arguments: [true, false])
    func recordAndRebuild(onDisk: Bool) throws {
        try withStore(onDisk: onDisk) { store, reopen in
            let id = try store.startAttempt(form: StoreFixtures.form, kind: .exam, feedsSchedule: true,
                                            at: StoreFixtures.start)
            var session = ExamSession(form: StoreFixtures.form)
            try StoreFixtures.play(Self.actions, on: &session, attempt: id, store: store)

            let loaded = try #require(try reopen().attempt(id: id))
            #expect(loaded.form == StoreFixtures.form)
            #expect(loaded.status == .inProgress)
            #expect(loaded.kind == .exam)
            #expect(loaded.feedsSchedule)
            #expect(loaded.startedAt == StoreFixtures.start)
            #expect(!loaded.events.contains { if case .rejected = $0 { true } else { false } })
            let rebuilt = loaded.session
            #expect(rebuilt == session)
            #expect(rebuilt.responses == [.options(["b"]), .options(["a", "c"]), .number(12.5)])
            #expect(rebuilt.flags == [true, false, false])
            #expect(rebuilt.struckOptions[1] == ["b"])
            #expect(rebuilt.elapsedSeconds == 13)
        }
    }

    @Test("history and the list of unfinished exams follow the attempts")
    func history() throws {
        let store = try ProgressStore.inMemory()
        let first = try store.startAttempt(form: StoreFixtures.form, kind: .exam, feedsSchedule: false, at: StoreFixtures.at(0))
        var session = ExamSession(form: StoreFixtures.form)
        try StoreFixtures.play([.open, .answer(.options(["b"])), .next, .answer(.options(["a", "c"])), .tick],
                               on: &session, attempt: first, store: store)
        let second = try store.startAttempt(form: StoreFixtures.form, kind: .practice, feedsSchedule: true,
                                            at: StoreFixtures.at(100))

        let all = try store.history()
        #expect(all.map(\.id) == [second, first])
        let summary = try #require(all.last)
        #expect(summary.answeredCount == 2)
        #expect(summary.elapsedSeconds == 4)
        #expect(summary.questionCount == 3)
        #expect(summary.timeLimitSeconds == 600)
        #expect(summary.status == .inProgress)
        // Practice sets are not resumed as exams.
        #expect(try store.unfinishedAttempts().map(\.id) == [first])

        let times = try store.answerTimes(attempt: first)
        #expect(times == [0: StoreFixtures.at(1), 1: StoreFixtures.at(3)])
    }

    @Test("finishing saves the report and results, and closes the attempt to recording")
    func finish() throws {
        let store = try ProgressStore.inMemory()
        let id = try store.startAttempt(form: StoreFixtures.form, kind: .exam, feedsSchedule: false, at: StoreFixtures.start)
        var session = ExamSession(form: StoreFixtures.form)
        try StoreFixtures.play([.open, .answer(.options(["b"])), .toggleFlag, .next, .next, .answer(.number(3)), .submit],
                               on: &session, attempt: id, store: store)
        #expect(session.isSubmitted)
        var report = scoreExam(session, bank: StoreFixtures.bank, scoring: .percent(pass: 50))
        report.attempt = id
        try store.finishAttempt(id, status: .finished, report: report, reviews: [], at: StoreFixtures.at(10))

        let loaded = try #require(try store.attempt(id: id))
        #expect(loaded.status == .finished)
        #expect(loaded.report == report)
        #expect(loaded.finishedAt == session.finishedAt)
        let summary = try #require(try store.history().first)
        #expect(summary.percent == report.percent)
        #expect(summary.passed == false)
        #expect(summary.answeredCount == 2)
        #expect(summary.submitReason == .candidate)
        #expect(try store.unfinishedAttempts().isEmpty)

        #expect(throws: StoreError.attemptClosed(id)) {
            try store.record(.flagged(index: 0, isFlagged: false), attempt: id, at: StoreFixtures.at(11))
        }
        #expect(throws: StoreError.attemptClosed(id)) {
            try store.finishAttempt(id, status: .finished, report: report, reviews: [], at: StoreFixtures.at(12))
        }
        #expect(throws: StoreError.noSuchAttempt(999)) {
            try store.record(.flagged(index: 0, isFlagged: false), attempt: 999, at: StoreFixtures.at(11))
        }
        #expect(try store.attempt(id: 999) == nil)
    }

    @Test("an abandoned attempt stays in history but is not resumed")
    func abandon() throws {
        let store = try ProgressStore.inMemory()
        let id = try store.startAttempt(form: StoreFixtures.form, kind: .exam, feedsSchedule: false, at: StoreFixtures.start)
        try store.abandonAttempt(id, at: StoreFixtures.at(5))
        #expect(try store.unfinishedAttempts().isEmpty)
        #expect(try store.history().first?.status == .abandoned)
        #expect(try store.attempt(id: id)?.finishedAt == StoreFixtures.at(5))
    }

    @Test("exposure counts questions on forms and reviews outside attempts")
    func exposure() throws {
        let store = try ProgressStore.inMemory()
        _ = try store.startAttempt(form: StoreFixtures.form, kind: .exam, feedsSchedule: false, at: StoreFixtures.start)
        var practice = StoreFixtures.form
        practice.items = [practice.items[0]]
        let attempt = try store.startAttempt(form: practice, kind: .practice, feedsSchedule: true, at: StoreFixtures.start)
        let scheduler = FSRSScheduler()
        // A review from inside an attempt is already counted by its form; one outside adds one.
        try store.saveReview(ScheduledReview(
            bankID: "fixture", questionID: "q1", outcome: scheduler.review(nil, rating: .good, at: StoreFixtures.start),
            durationSeconds: 12, source: .practice, attempt: attempt))
        try store.saveReview(ScheduledReview(
            bankID: "fixture", questionID: "q3", outcome: scheduler.review(nil, rating: .again, at: StoreFixtures.start),
            durationSeconds: nil, source: .review, attempt: nil))
        #expect(try store.exposureCounts(bank: "fixture") == ["q1": 2, "q2": 1, "q3": 2])
        #expect(try store.exposureCounts(bank: "other").isEmpty)
    }

    /// Runs `body` with a store and a way to open the same data afresh (a new connection on disk).
    private func withStore(onDisk: Bool, _ body: (ProgressStore, () throws -> ProgressStore) throws -> Void) throws {
        if onDisk {
            try StoreFixtures.withDatabasePath { path in
                let store = try ProgressStore(path: path)
                var reopened: [ProgressStore] = []
                try body(store) {
                    let another = try ProgressStore(path: path)
                    reopened.append(another)
                    return another
                }
                #expect(try store.integrityProblems().isEmpty)
                for other in reopened { try other.close() }
                try store.close()
            }
        } else {
            let store = try ProgressStore.inMemory()
            try body(store) { store }
        }
    }
}
