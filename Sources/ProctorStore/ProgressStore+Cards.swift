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
    /// Returns the card as it now stands: its lapses, and whether it is set aside as a leech (the
    /// lapse that makes a leech sets the card aside as it is saved).
    @discardableResult
    public func saveReview(_ review: ScheduledReview) throws(StoreError) -> StudyCard {
        try write { db in
            let suspended = try Self.save(review, in: db)
            let lapses = try Self.lapseCount(bank: review.bankID, question: review.questionID, in: db)
            return StudyCard(bankID: review.bankID, questionID: review.questionID, state: review.outcome.card,
                             lapses: lapses, isSuspended: suspended)
        }
    }

    /// The card of a question with its lapses, or `nil` when it has never been reviewed.
    public func studyCard(bank: String, question: String) throws(StoreError) -> StudyCard? {
        try read { db in
            guard let record = try CardRecord.fetchOne(db, key: ["bank_id": bank, "question_id": question]) else { return nil }
            return StudyCard(bankID: bank, questionID: question, state: record.state,
                             lapses: try Self.lapseCount(bank: bank, question: question, in: db),
                             isSuspended: record.suspended)
        }
    }

    /// Sets a card aside from review, or brings it back (`proctor review --unsuspend`); its
    /// schedule is kept. Returns the card as it now stands, or `nil` when the question has no card.
    @discardableResult
    public func setSuspended(_ isSuspended: Bool, bank: String, question: String) throws(StoreError) -> StudyCard? {
        try write { db in
            try db.execute(sql: "UPDATE card SET suspended = ? WHERE bank_id = ? AND question_id = ?",
                           arguments: [isSuspended, bank, question])
            guard db.changesCount > 0,
                  let record = try CardRecord.fetchOne(db, key: ["bank_id": bank, "question_id": question])
            else { return nil }
            return StudyCard(bankID: bank, questionID: question, state: record.state,
                             lapses: try Self.lapseCount(bank: bank, question: question, in: db),
                             isSuspended: record.suspended)
        }
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

    /// Saves the card's new state and a row of the review log; returns whether the card is set
    /// aside afterwards. A card stays set aside or not as it was, unless this review is the lapse
    /// that makes it a leech (`ReviewQueue.isLeechLapse`): then it is set aside, whatever the source.
    @discardableResult
    static func save(_ review: ScheduledReview, in db: Database) throws -> Bool {
        // Cached: imports save hundreds of thousands of reviews in one transaction.
        let lookup = try db.cachedStatement(sql: "SELECT phase, suspended FROM card WHERE bank_id = ? AND question_id = ?")
        let before = try Row.fetchOne(lookup, arguments: [review.bankID, review.questionID])
        let phaseBefore = (before?["phase"] as String?).flatMap(CardPhase.init(rawValue:))
        var suspended: Bool = before?["suspended"] ?? false
        if ReviewQueue.isLapse(phaseBefore: phaseBefore, rating: review.outcome.rating) {
            let lapses = try lapseCount(bank: review.bankID, question: review.questionID, in: db) + 1
            if ReviewQueue.isLeechLapse(lapses) { suspended = true }
        }
        try CardRecord(bankID: review.bankID, questionID: review.questionID, state: review.outcome.card,
                       suspended: suspended).save(db)
        var log = ReviewLogRecord(review)
        try log.insert(db)
        return suspended
    }

    /// The lapses of one card, counted in its review log (see `lapseCondition`).
    static func lapseCount(bank: String, question: String, in db: Database) throws -> Int {
        let count = try db.cachedStatement(sql: """
            SELECT COUNT(*) FROM review_log r WHERE r.bank_id = ? AND r.question_id = ? AND \(lapseCondition)
            """)
        return try Int.fetchOne(count, arguments: [bank, question]) ?? 0
    }
}
