import Foundation
import GRDB
import ProctorCore
import Testing
@testable import ProctorStore

/// Opening a database written by an older Proctor: its data kept, the new columns added.
@Suite("Migrating the progress database")
struct StoreMigrationTests {
    @Test("a version 1 database upgrades to version 2: old reviews keep the old rule, old leeches stay set aside")
    func version1() throws {
        try StoreFixtures.withDatabasePath { path in
            try makeVersion1Database(at: path)

            let store = try ProgressStore(path: path)
            #expect(try store.schemaVersion() == 2)
            #expect(try store.integrityProblems().isEmpty)
            // Rows from before know nothing of correctness: right unless rated Again, as before.
            let log = try store.reviewLog(bank: "fixture")
            #expect(log.count == 1 + 2 * 8 + 1)
            #expect(log.allSatisfy { $0.correct == nil })
            let record = try store.answerRecord(bank: "fixture")
            #expect(record.filter { $0.questionID == "q2" }.map(\.isCorrect) == [true])
            // q1 lapsed eight times under version 1: a leech then, set aside now.
            let cards = Dictionary(uniqueKeysWithValues: try store.studyCards(bank: "fixture").map { ($0.questionID, $0) })
            #expect(cards["q1"]?.lapses == 8 && cards["q1"]?.isSuspended == true)
            #expect(cards["q2"]?.lapses == 0 && cards["q2"]?.isSuspended == false)

            // New reviews carry their judgement: q2 answered wrongly, rated Hard, counts as wrong.
            let q2 = try #require(cards["q2"])
            let outcome = FSRSScheduler().review(q2.state, rating: .hard, at: q2.state.due)
            try store.saveReview(ScheduledReview(bankID: "fixture", questionID: "q2", outcome: outcome, durationSeconds: 5,
                                                 source: .review, attempt: nil, correct: false))
            #expect(try store.answerRecord(bank: "fixture").filter { $0.questionID == "q2" }.map(\.isCorrect) == [true, false])
            try store.close()

            // Opening it again applies nothing more.
            let again = try ProgressStore(path: path)
            #expect(try again.schemaVersion() == 2)
            #expect(try again.reviewLog(bank: "fixture", question: "q2").map(\.correct) == [nil, false])
            try again.close()
        }
    }

    /// The schema's migrations are only ever appended: the first is still `v1`, creating the tables
    /// without the columns `v2` adds.
    @Test("v1 is unchanged: no correct or suspended column")
    func version1Unchanged() throws {
        let queue = try DatabaseQueue()
        try StoreSchema.migrator.migrate(queue, upTo: "v1")
        let columns = try queue.read { db in
            (try db.columns(in: "review_log").map(\.name), try db.columns(in: "card").map(\.name))
        }
        #expect(!columns.0.contains("correct") && !columns.1.contains("suspended"))
        #expect(StoreSchema.migrations.map(\.identifier) == ["v1", "v2"])
    }

    /// A database as Proctor with schema version 1 left it: q1 graduated with Easy, then lapsed and
    /// came back eight times (a leech by version 1's count); q2 answered once, rated Hard.
    private func makeVersion1Database(at path: String) throws {
        try FileManager.default.createDirectory(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path,
                                                withIntermediateDirectories: true)
        let queue = try DatabaseQueue(path: path)
        try StoreSchema.migrator.migrate(queue, upTo: "v1")
        let scheduler = FSRSScheduler()
        try queue.write { db in
            #expect(try Int.fetchOne(db, sql: "PRAGMA user_version") == 1)
            for (question, ratings) in [("q1", [Rating.easy] + Array(repeating: [Rating.again, .good], count: 8).flatMap { $0 }),
                                        ("q2", [.hard])] {
                var card: CardState?
                var time = StoreFixtures.start
                for rating in ratings {
                    let outcome = scheduler.review(card, rating: rating, at: time)
                    let after = outcome.card
                    try db.execute(sql: """
                        INSERT INTO card (bank_id, question_id, phase, step, stability, difficulty, due, last_review)
                        VALUES ('fixture', ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (bank_id, question_id) DO UPDATE SET phase = excluded.phase, step = excluded.step,
                            stability = excluded.stability, difficulty = excluded.difficulty, due = excluded.due,
                            last_review = excluded.last_review
                        """, arguments: [question, after.phase.rawValue, after.step, after.stability, after.difficulty,
                                         after.due.secondsSince1970, after.lastReview.secondsSince1970])
                    try db.execute(sql: """
                        INSERT INTO review_log (bank_id, question_id, rating, reviewed_at, source, phase, step,
                                                stability, difficulty, due, elapsed_days, interval_seconds)
                        VALUES ('fixture', ?, ?, ?, 'review', ?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [question, rating.rawValue, time.secondsSince1970, after.phase.rawValue, after.step,
                                         after.stability, after.difficulty, after.due.secondsSince1970,
                                         outcome.elapsedDays, outcome.intervalSeconds])
                    card = after
                    time = after.due
                }
            }
        }
        try queue.close()
    }
}
