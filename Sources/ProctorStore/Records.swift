import Foundation
import GRDB
import ProctorCore

/// A row of `attempt`.
struct AttemptRecord: Codable, Hashable {
    var id: Int64?
    var kind: AttemptKind
    var bankId: String
    var bankVersion: String
    var examId: String
    var seed: Int64
    var questionCount: Int
    var timeLimitSeconds: Int
    var feedsSchedule: Bool
    /// `ExamForm` as JSON.
    var form: String
    var status: AttemptStatus
    var startedAt: Double
    var finishedAt: Double?
    var submitReason: SubmitReason?
    var elapsedSeconds: Double
    var percent: Double?
    var scaledScore: Int?
    var passed: Bool?
    /// `ScoreReport` as JSON, once finished.
    var report: String?
}

extension AttemptRecord: FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "attempt"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    var summary: AttemptSummary {
        AttemptSummary(
            id: Int(id ?? 0), kind: kind, examID: examId, bankID: bankId, status: status,
            startedAt: Timestamp(secondsSince1970: startedAt),
            finishedAt: finishedAt.map(Timestamp.init(secondsSince1970:)),
            questionCount: questionCount, answeredCount: 0, elapsedSeconds: elapsedSeconds,
            timeLimitSeconds: timeLimitSeconds, percent: percent, scaledScore: scaledScore, passed: passed,
            submitReason: submitReason
        )
    }
}

/// A row of `attempt_question`: a question on an attempt's form, and its result once finished.
struct AttemptQuestionRecord: Codable, Hashable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "attempt_question"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    var attemptId: Int64
    var position: Int
    var bankId: String
    var questionId: String
    var isPretest: Bool
    var domainId: String?
    var topicId: String?
    var answered: Bool
    var correct: Bool?
    var credit: Double?
    var flagged: Bool?
    var seconds: Double?
}

/// A row of `card`.
struct CardRecord: Codable, Hashable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "card"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    var bankId: String
    var questionId: String
    var phase: CardPhase
    var step: Int?
    var stability: Double
    var difficulty: Double
    var due: Double
    var lastReview: Double
    /// Set aside from review as a leech (schema version 2).
    var suspended: Bool

    init(bankID: String, questionID: String, state: CardState, suspended: Bool) {
        bankId = bankID
        questionId = questionID
        phase = state.phase
        step = state.step
        stability = state.stability
        difficulty = state.difficulty
        due = state.due.secondsSince1970
        lastReview = state.lastReview.secondsSince1970
        self.suspended = suspended
    }

    var state: CardState {
        CardState(phase: phase, step: step, stability: stability, difficulty: difficulty,
                  due: Timestamp(secondsSince1970: due), lastReview: Timestamp(secondsSince1970: lastReview))
    }

    var stored: StoredCard { StoredCard(bankID: bankId, questionID: questionId, state: state) }
}

/// A row of `review_log`.
struct ReviewLogRecord: Codable, Hashable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "review_log"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    var id: Int64?
    var bankId: String
    var questionId: String
    var rating: Rating
    var reviewedAt: Double
    var durationMs: Int?
    var source: ReviewSource
    var attemptId: Int64?
    var phase: CardPhase
    var step: Int?
    var stability: Double
    var difficulty: Double
    var due: Double
    var elapsedDays: Int?
    var retrievabilityBefore: Double?
    var intervalSeconds: Double
    /// Whether the answer was right; `nil` when not known (rows saved before schema version 2).
    var correct: Bool?

    init(_ review: ScheduledReview) {
        let card = review.outcome.card
        bankId = review.bankID
        questionId = review.questionID
        rating = review.outcome.rating
        reviewedAt = review.outcome.reviewedAt.secondsSince1970
        durationMs = review.durationSeconds.flatMap { seconds in
            seconds.isFinite && seconds >= 0 ? Int(min(seconds, 1e9) * 1000) : nil
        }
        source = review.source
        attemptId = review.attempt.map(Int64.init)
        phase = card.phase
        step = card.step
        stability = card.stability
        difficulty = card.difficulty
        due = card.due.secondsSince1970
        elapsedDays = review.outcome.elapsedDays
        retrievabilityBefore = review.outcome.retrievabilityBefore
        intervalSeconds = review.outcome.intervalSeconds
        correct = review.correct
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    var row: ReviewLogRow {
        ReviewLogRow(
            bankID: bankId, questionID: questionId, rating: rating,
            reviewedAt: Timestamp(secondsSince1970: reviewedAt),
            durationSeconds: durationMs.map { Double($0) / 1000 }, source: source,
            attempt: attemptId.map { Int($0) },
            cardAfter: CardState(phase: phase, step: step, stability: stability, difficulty: difficulty,
                                 due: Timestamp(secondsSince1970: due), lastReview: Timestamp(secondsSince1970: reviewedAt)),
            elapsedDays: elapsedDays, retrievabilityBefore: retrievabilityBefore, intervalSeconds: intervalSeconds,
            correct: correct
        )
    }
}

/// JSON for the stored forms, events and reports: compact and key-sorted, so equal values store
/// equal text.
enum StoredJSON {
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<Value: Decodable>(_ type: Value.Type, from text: String, path: String) throws(StoreError) -> Value {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw .unreadableRecord(path: path, detail: "\(Value.self): \(error)")
        }
    }
}
