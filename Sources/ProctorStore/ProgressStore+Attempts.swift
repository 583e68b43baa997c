import GRDB
import ProctorCore

extension ProgressStore {
    /// Starts an attempt on `form` and returns its number; the form is stored whole, so the attempt
    /// can be resumed and re-scored even after the bank changes.
    public func startAttempt(form: ExamForm, kind: AttemptKind, feedsSchedule: Bool, at time: Timestamp) throws(StoreError) -> Int {
        let formJSON: String
        do {
            formJSON = try StoredJSON.encode(form)
        } catch {
            throw .unreadableRecord(path: path, detail: "the form cannot be encoded: \(error)")
        }
        return try write { db in
            var attempt = AttemptRecord(
                id: nil, kind: kind, bankId: form.bankID, bankVersion: form.bankVersion, examId: form.examID,
                seed: Int64(bitPattern: form.seed), questionCount: form.items.count,
                timeLimitSeconds: form.timeLimitSeconds, feedsSchedule: feedsSchedule, form: formJSON,
                status: .inProgress, startedAt: time.secondsSince1970, finishedAt: nil, submitReason: nil,
                elapsedSeconds: 0, percent: nil, scaledScore: nil, passed: nil, report: nil
            )
            try attempt.insert(db)
            guard let id = attempt.id else { throw StoreError.database(path: path, detail: "no attempt id") }
            for (offset, item) in form.items.enumerated() {
                try AttemptQuestionRecord(
                    attemptId: id, position: offset + 1, bankId: form.bankID, questionId: item.questionID,
                    isPretest: item.isPretest, domainId: nil, topicId: nil, answered: false, correct: nil,
                    credit: nil, flagged: nil, seconds: nil
                ).insert(db)
            }
            return Int(id)
        }
    }

    /// Appends `event` to the attempt's log in its own transaction.
    public func record(_ event: SessionEvent, attempt: Int, at time: Timestamp) throws(StoreError) {
        try record([event], attempt: attempt, at: time)
    }

    /// Appends `events` (what one action produced) to the attempt's log in one transaction.
    ///
    /// `.rejected` events change nothing and are not stored. `time` is when they were recorded.
    public func record(_ events: [SessionEvent], attempt: Int, at time: Timestamp) throws(StoreError) {
        let kept = events.filter { !$0.isRejection }
        guard !kept.isEmpty else { return }
        var payloads: [String] = []
        for event in kept {
            do {
                payloads.append(try StoredJSON.encode(event))
            } catch {
                throw .unreadableRecord(path: path, detail: "an event cannot be encoded: \(error)")
            }
        }
        try write { db in
            let status = try String.fetchOne(
                db.cachedStatement(sql: "SELECT status FROM attempt WHERE id = ?"), arguments: [attempt])
            guard let status else { throw StoreError.noSuchAttempt(attempt) }
            guard status == AttemptStatus.inProgress.rawValue else { throw StoreError.attemptClosed(attempt) }
            var seq = try Int.fetchOne(
                db.cachedStatement(sql: "SELECT COALESCE(MAX(seq), 0) FROM attempt_event WHERE attempt_id = ?"),
                arguments: [attempt]) ?? 0
            let insert = try db.cachedStatement(sql: """
                INSERT INTO attempt_event (attempt_id, seq, kind, recorded_at, payload) VALUES (?, ?, ?, ?, ?)
                """)
            for (event, payload) in zip(kept, payloads) {
                seq += 1
                try insert.execute(arguments: [attempt, seq, event.kindName, time.secondsSince1970, payload])
                switch event {
                case .clock(_, let elapsed):
                    try db.cachedStatement(sql: "UPDATE attempt SET elapsed_seconds = ? WHERE id = ?")
                        .execute(arguments: [max(0, elapsed), attempt])
                case .answered(let index, let response):
                    try db.cachedStatement(sql: """
                        UPDATE attempt_question SET answered = ? WHERE attempt_id = ? AND position = ?
                        """).execute(arguments: [response != nil, attempt, index + 1])
                case .opened, .closed, .breakClock, .flagged, .struck, .moved, .breakStarted, .breakEnded,
                     .breakSkipped, .submitted, .rejected:
                    break
                }
            }
        }
    }

    /// Ends the attempt in one transaction: its status (`.finished` or `.abandoned`; `.inProgress`
    /// counts as finished), its report and per-question results, and the reviews its answers feed
    /// into the schedule. Recording stops for it from then on.
    public func finishAttempt(
        _ attempt: Int, status: AttemptStatus, report: ScoreReport, reviews: [ScheduledReview], at time: Timestamp
    ) throws(StoreError) {
        let reportJSON: String
        do {
            reportJSON = try StoredJSON.encode(report)
        } catch {
            throw .unreadableRecord(path: path, detail: "the report cannot be encoded: \(error)")
        }
        try write { db in
            guard var record = try AttemptRecord.fetchOne(db, key: attempt) else { throw StoreError.noSuchAttempt(attempt) }
            guard record.status == .inProgress else { throw StoreError.attemptClosed(attempt) }
            record.status = status == .inProgress ? .finished : status
            record.finishedAt = (report.finishedAt ?? time).secondsSince1970
            record.submitReason = report.submitReason
            record.elapsedSeconds = max(0, report.timing.elapsedSeconds)
            record.percent = report.percent
            record.scaledScore = report.scaledScore
            record.passed = report.passed
            record.report = reportJSON
            try record.update(db)
            for result in report.questions {
                try db.cachedStatement(sql: """
                    UPDATE attempt_question
                    SET domain_id = ?, topic_id = ?, answered = ?, correct = ?, credit = ?, flagged = ?, seconds = ?
                    WHERE attempt_id = ? AND position = ?
                    """).execute(arguments: [
                        result.domainID.isEmpty ? nil : result.domainID, result.topicID, result.answer != nil,
                        result.isCorrect, min(1, max(0, result.credit)), result.isFlagged, max(0, result.seconds),
                        attempt, result.number,
                    ])
            }
            for review in reviews {
                try Self.save(review, in: db)
            }
        }
    }

    /// Marks an unfinished attempt as abandoned: it stays in history but is no longer resumed.
    public func abandonAttempt(_ attempt: Int, at time: Timestamp) throws(StoreError) {
        try write { db in
            guard var record = try AttemptRecord.fetchOne(db, key: attempt) else { throw StoreError.noSuchAttempt(attempt) }
            guard record.status == .inProgress else { throw StoreError.attemptClosed(attempt) }
            record.status = .abandoned
            record.finishedAt = time.secondsSince1970
            try record.update(db)
        }
    }

    /// The attempt with this number, with its form and events, or `nil` when there is none.
    public func attempt(id: Int) throws(StoreError) -> StoredAttempt? {
        let loaded: (AttemptRecord, [String])? = try read { db in
            guard let record = try AttemptRecord.fetchOne(db, key: id) else { return nil }
            let payloads = try String.fetchAll(
                db, sql: "SELECT payload FROM attempt_event WHERE attempt_id = ? ORDER BY seq", arguments: [id])
            return (record, payloads)
        }
        guard let (record, payloads) = loaded else { return nil }
        var events: [SessionEvent] = []
        events.reserveCapacity(payloads.count)
        for payload in payloads {
            events.append(try StoredJSON.decode(SessionEvent.self, from: payload, path: path))
        }
        return StoredAttempt(
            id: id, kind: record.kind, form: try StoredJSON.decode(ExamForm.self, from: record.form, path: path),
            status: record.status, feedsSchedule: record.feedsSchedule,
            startedAt: Timestamp(secondsSince1970: record.startedAt),
            finishedAt: record.finishedAt.map(Timestamp.init(secondsSince1970:)), events: events,
            report: try record.report.map { text throws(StoreError) in
                try StoredJSON.decode(ScoreReport.self, from: text, path: path)
            }
        )
    }

    /// Every attempt, newest first.
    public func history() throws(StoreError) -> [AttemptSummary] {
        try summaries(where: "1 = 1")
    }

    /// Exams still in progress, newest first: what `resume` carries on.
    public func unfinishedAttempts() throws(StoreError) -> [AttemptSummary] {
        try summaries(where: "status = 'in-progress' AND kind = 'exam'")
    }

    /// When each question of the attempt was last answered, by 0-based form index.
    public func answerTimes(attempt: Int) throws(StoreError) -> [Int: Timestamp] {
        let rows: [(String, Double)] = try read { db in
            try Row.fetchAll(db, sql: """
                SELECT payload, recorded_at FROM attempt_event WHERE attempt_id = ? AND kind = 'answered' ORDER BY seq
                """, arguments: [attempt]).map { ($0[0], $0[1]) }
        }
        var times: [Int: Timestamp] = [:]
        for (payload, time) in rows {
            if case .answered(let index, _) = try StoredJSON.decode(SessionEvent.self, from: payload, path: path) {
                times[index] = Timestamp(secondsSince1970: time)
            }
        }
        return times
    }

    /// How many times each question of `bank` has been put before the learner: on attempt forms,
    /// plus reviews outside attempts. Form assembly draws the least-seen first.
    public func exposureCounts(bank: String) throws(StoreError) -> [String: Int] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT question_id, SUM(n) FROM (
                    SELECT question_id, COUNT(*) AS n FROM attempt_question WHERE bank_id = ? GROUP BY question_id
                    UNION ALL
                    SELECT question_id, COUNT(*) AS n FROM review_log
                    WHERE bank_id = ? AND attempt_id IS NULL GROUP BY question_id
                ) GROUP BY question_id
                """, arguments: [bank, bank])
            var counts: [String: Int] = [:]
            for row in rows { counts[row[0]] = row[1] }
            return counts
        }
    }

    private func summaries(where condition: String) throws(StoreError) -> [AttemptSummary] {
        try read { db in
            let records = try AttemptRecord.fetchAll(db, sql: """
                SELECT * FROM attempt WHERE \(condition) ORDER BY started_at DESC, id DESC
                """)
            let answered = try Row.fetchAll(db, sql: """
                SELECT attempt_id, COUNT(*) FROM attempt_question WHERE answered = 1 GROUP BY attempt_id
                """)
            var counts: [Int64: Int] = [:]
            for row in answered { counts[row[0]] = row[1] }
            return records.map { record in
                var summary = record.summary
                summary.answeredCount = record.id.flatMap { counts[$0] } ?? 0
                return summary
            }
        }
    }
}

extension SessionEvent {
    /// The case's name, stored beside the event for queries.
    var kindName: String {
        switch self {
        case .opened: "opened"
        case .closed: "closed"
        case .clock: "clock"
        case .breakClock: "break-clock"
        case .answered: "answered"
        case .flagged: "flagged"
        case .struck: "struck"
        case .moved: "moved"
        case .breakStarted: "break-started"
        case .breakEnded: "break-ended"
        case .breakSkipped: "break-skipped"
        case .submitted: "submitted"
        case .rejected: "rejected"
        }
    }

    var isRejection: Bool {
        if case .rejected = self { return true }
        return false
    }
}
