import GRDB
import ProctorCore

extension ProgressStore {
    /// The review card of a question, or `nil` when it has never been reviewed.
    public func card(bank: String, question: String) throws(StoreError) -> CardState? {
        try read { db in
            try CardRecord.fetchOne(db, key: ["bank_id": bank, "question_id": question])?.state
        }
    }

    /// Every card of `bank`.
    public func cards(bank: String) throws(StoreError) -> [StoredCard] {
        try read { db in
            try CardRecord.filter(Column("bank_id") == bank).order(Column("question_id")).fetchAll(db).map(\.stored)
        }
    }

    /// Cards due at `time` (of `bank`, or of every bank), earliest due first, at most `limit`.
    public func dueCards(bank: String?, at time: Timestamp, limit: Int) throws(StoreError) -> [StoredCard] {
        try read { db in
            var request = CardRecord.filter(Column("due") <= time.secondsSince1970)
            if let bank { request = request.filter(Column("bank_id") == bank) }
            return try request.order(Column("due"), Column("bank_id"), Column("question_id"))
                .limit(max(0, limit)).fetchAll(db).map(\.stored)
        }
    }

    /// Saves a review in one transaction: the card's new state and a row of the review log.
    public func saveReview(_ review: ScheduledReview) throws(StoreError) {
        try write { db in try Self.save(review, in: db) }
    }

    /// The review log of one question, oldest first.
    public func reviewLog(bank: String, question: String) throws(StoreError) -> [ReviewLogRow] {
        try read { db in
            try ReviewLogRecord.filter(Column("bank_id") == bank && Column("question_id") == question)
                .order(Column("reviewed_at"), Column("id")).fetchAll(db).map(\.row)
        }
    }

    /// The whole review log (of `bank`, or of every bank), oldest first.
    public func reviewLog(bank: String?) throws(StoreError) -> [ReviewLogRow] {
        try read { db in
            var request = ReviewLogRecord.all()
            if let bank { request = request.filter(Column("bank_id") == bank) }
            return try request.order(Column("reviewed_at"), Column("id")).fetchAll(db).map(\.row)
        }
    }

    /// The learner's usual time on a question: the median duration of its past reviews, if any
    /// were timed. `AnswerRating` compares a new answer's time against it.
    public func typicalSeconds(bank: String, question: String) throws(StoreError) -> Double? {
        let durations: [Int] = try read { db in
            try Int.fetchAll(db, sql: """
                SELECT duration_ms FROM review_log
                WHERE bank_id = ? AND question_id = ? AND duration_ms IS NOT NULL ORDER BY duration_ms
                """, arguments: [bank, question])
        }
        guard !durations.isEmpty else { return nil }
        let middle = durations.count / 2
        let median = durations.count.isMultiple(of: 2)
            ? Double(durations[middle - 1] + durations[middle]) / 2 : Double(durations[middle])
        return median / 1000
    }

    static func save(_ review: ScheduledReview, in db: Database) throws {
        try CardRecord(bankID: review.bankID, questionID: review.questionID, state: review.outcome.card).save(db)
        var log = ReviewLogRecord(review)
        try log.insert(db)
    }
}
