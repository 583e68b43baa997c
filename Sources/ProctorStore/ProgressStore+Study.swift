import GRDB
import ProctorCore

/// Queries for review, drill and stats: cards with their lapses, the answer record, review days.
extension ProgressStore {
    /// Saves many reviews in one transaction, in order (imports and benchmarks).
    public func saveReviews(_ reviews: [ScheduledReview]) throws(StoreError) {
        guard !reviews.isEmpty else { return }
        try write { db in
            for review in reviews { try Self.save(review, in: db) }
        }
    }

    /// The cards due at `time` (of `bank`, or of every bank) with their lapses, in no particular
    /// order: `ReviewQueue` orders them (sorting here would cost a temporary B-tree).
    public func dueStudyCards(bank: String?, at time: Timestamp) throws(StoreError) -> [StudyCard] {
        var condition = "due <= ?"
        var arguments: StatementArguments = [time.secondsSince1970]
        if let bank {
            condition = "bank_id = ? AND " + condition
            arguments = [bank, time.secondsSince1970]
        }
        return try studyCards(where: condition, arguments: arguments, bank: bank, ordered: false)
    }

    /// Every card (of `bank`, or of every bank) with its lapses, by bank and question id.
    public func studyCards(bank: String?) throws(StoreError) -> [StudyCard] {
        if let bank { return try studyCards(where: "bank_id = ?", arguments: [bank], bank: bank, ordered: true) }
        return try studyCards(where: "1 = 1", arguments: [], bank: nil, ordered: true)
    }

    /// The ids of the banks that have cards, sorted.
    public func bankIDsWithCards() throws(StoreError) -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT DISTINCT bank_id FROM card ORDER BY bank_id") }
    }

    /// The earliest due time after `time` (of `bank`, or of every bank), if any card has one.
    public func nextDue(bank: String?, after time: Timestamp) throws(StoreError) -> Timestamp? {
        try read { db in
            let seconds: Double? = if let bank {
                try Double.fetchOne(db, sql: "SELECT MIN(due) FROM card WHERE bank_id = ? AND due > ?",
                                    arguments: [bank, time.secondsSince1970])
            } else {
                try Double.fetchOne(db, sql: "SELECT MIN(due) FROM card WHERE due > ?", arguments: [time.secondsSince1970])
            }
            return seconds.map(Timestamp.init(secondsSince1970:))
        }
    }

    /// How many new cards `proctor review` introduced from `start` up to (not including) `end`:
    /// first reviews (no elapsed time, as only a new card has) whose source is `review`. The daily
    /// new-card limit counts these; questions first met in exams, practice or drills do not count.
    public func newCardsReviewed(from start: Timestamp, to end: Timestamp) throws(StoreError) -> Int {
        try read { db in
            try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM review_log
                WHERE source = 'review' AND elapsed_days IS NULL AND reviewed_at >= ? AND reviewed_at < ?
                """, arguments: [start.secondsSince1970, end.secondsSince1970]) ?? 0
        }
    }

    /// Every answer on record for `bank`, oldest first: the graded answers of finished (or
    /// stopped) exams and practice sets, dated when the attempt ended, plus reviews and drills
    /// outside attempts, dated when given, right or wrong as judged (reviews saved before the
    /// judgement was kept count as right unless rated Again). Answers that fed the schedule from an
    /// attempt are counted once, from the attempt.
    public func answerRecord(bank: String) throws(StoreError) -> [DatedAnswer] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT q.question_id AS question, q.correct AS correct, COALESCE(a.finished_at, a.started_at) AS at
                FROM attempt_question q JOIN attempt a ON a.id = q.attempt_id
                WHERE q.bank_id = ? AND q.answered = 1 AND q.correct IS NOT NULL
                UNION ALL
                SELECT question_id, COALESCE(correct, rating > 1), reviewed_at FROM review_log
                WHERE bank_id = ? AND attempt_id IS NULL
                ORDER BY at
                """, arguments: [bank, bank])
            return rows.map { row in
                DatedAnswer(questionID: row["question"], isCorrect: row["correct"],
                            answeredAt: Timestamp(secondsSince1970: row["at"]))
            }
        }
    }

    /// Reviews per study day of `calendar` (of `bank`, or of every bank), from every source.
    public func reviewCountsByDay(bank: String?, calendar: StudyCalendar) throws(StoreError) -> [Int: Int] {
        // Shifting by a whole number of days far in the past makes every time positive, so that
        // CAST's truncation is the floor.
        let offsetDays = 1_000_000
        let shift = Double(calendar.shiftSeconds) + Double(offsetDays) * 86_400
        let filter = bank == nil ? "" : "WHERE bank_id = ?"
        var arguments: StatementArguments = [shift]
        if let bank { arguments += [bank] }
        return try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT CAST((reviewed_at + ?) / 86400 AS INTEGER) AS day, COUNT(*) AS n FROM review_log \(filter)
                GROUP BY day
                """, arguments: arguments)
            var counts: [Int: Int] = [:]
            for row in rows {
                let day: Int = row["day"]
                counts[day - offsetDays] = row["n"]
            }
            return counts
        }
    }

    /// The SQL condition on a review-log row `r` that makes it a lapse: rated Again (1) while its
    /// card was in the review phase, that is in the card's previous review-log row
    /// (`ReviewQueue.isLapse`). The log's rows of one card are in the order they were saved.
    static let lapseCondition = """
        r.rating = 1
          AND (SELECT p.phase FROM review_log p
               WHERE p.bank_id = r.bank_id AND p.question_id = r.question_id AND p.id < r.id
               ORDER BY p.id DESC LIMIT 1) = 'review'
        """

    /// Cards with their lapses (counted in SQL, see `lapseCondition`) and whether they are set aside.
    ///
    /// Lapses are counted once for the bank, from its Again rows only, rather than per card: with
    /// 47,000 cards due of 100,000 that is 80 ms instead of 300 (see `proctor-bench due-queue-100k`).
    /// Columns are read by position rather than through `CardRecord`'s Codable decoding, which
    /// costs several times the query itself.
    private func studyCards(where condition: String, arguments: StatementArguments, bank: String?,
                            ordered: Bool) throws(StoreError) -> [StudyCard] {
        try read { db in
            var lapses: [String: [String: Int]] = [:]
            let lapseRows = try Row.fetchCursor(db, sql: """
                SELECT r.bank_id, r.question_id, COUNT(*) FROM review_log r
                WHERE \(bank == nil ? "" : "r.bank_id = ? AND ")\(Self.lapseCondition)
                GROUP BY r.bank_id, r.question_id
                """, arguments: bank.map { [$0] } ?? [])
            while let row = try lapseRows.next() {
                lapses[row[0], default: [:]][row[1]] = row[2]
            }
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT bank_id, question_id, phase, step, stability, difficulty, due, last_review, suspended
                FROM card WHERE \(condition)\(ordered ? " ORDER BY bank_id, question_id" : "")
                """, arguments: arguments)
            var cards: [StudyCard] = []
            while let row = try cursor.next() {
                let phaseName: String = row[2]
                guard let phase = CardPhase(rawValue: phaseName) else {
                    throw StoreError.unreadableRecord(path: path, detail: "a card has the unknown phase '\(phaseName)'")
                }
                let state = CardState(phase: phase, step: row[3], stability: row[4], difficulty: row[5],
                                      due: Timestamp(secondsSince1970: row[6]),
                                      lastReview: Timestamp(secondsSince1970: row[7]))
                let bankID: String = row[0]
                let questionID: String = row[1]
                cards.append(StudyCard(bankID: bankID, questionID: questionID, state: state,
                                       lapses: lapses[bankID]?[questionID] ?? 0, isSuspended: row[8]))
            }
            return cards
        }
    }
}
