import ProctorCore
import ProctorStore

/// `results ATTEMPT --json`: the whole score report, plus the names cli.md promises (attempt, exam,
/// bank, started, finished, status, score, passed) and the clock of an unfinished attempt.
struct ResultsDocument: Encodable {
    var report: ScoreReport
    var kind: AttemptKind
    var startedAt: Timestamp
    var finishedAt: Timestamp?
    /// Time left of a timed attempt that is not finished.
    var timeLeftSeconds: Double?

    private enum Keys: String, CodingKey {
        case attempt, kind, exam, bank, started, finished, score, timeLeftSeconds
    }

    /// `score`: the percent, and the scaled score where the model has one.
    private struct Score: Encodable {
        var percent: Double
        var scaled: Int?
    }

    func encode(to encoder: any Encoder) throws {
        try report.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encodeIfPresent(report.attempt, forKey: .attempt)
        try container.encode(kind.rawValue, forKey: .kind)
        try container.encode(report.examID, forKey: .exam)
        try container.encode(report.bankID, forKey: .bank)
        try container.encode(ISO8601Timestamp.format(report.startedAt ?? startedAt), forKey: .started)
        try container.encodeIfPresent((report.finishedAt ?? finishedAt).map(ISO8601Timestamp.format), forKey: .finished)
        try container.encode(Score(percent: report.percent, scaled: report.scaledScore), forKey: .score)
        try container.encodeIfPresent(timeLeftSeconds, forKey: .timeLeftSeconds)
    }
}

/// One attempt in `history --json`.
struct HistoryEntry: Encodable {
    var attempt: Int
    var kind: String
    var exam: String
    var bank: String
    var status: String
    var started: String
    var finished: String?
    var questions: Int
    var answered: Int
    var elapsedSeconds: Double
    var timeLimitSeconds: Int
    var percent: Double?
    var scaledScore: Int?
    var passed: Bool?
    var submitReason: String?

    init(_ summary: AttemptSummary) {
        attempt = summary.id
        kind = summary.kind.rawValue
        exam = summary.examID
        bank = summary.bankID
        status = summary.status.rawValue
        started = ISO8601Timestamp.format(summary.startedAt)
        finished = summary.finishedAt.map(ISO8601Timestamp.format)
        questions = summary.questionCount
        answered = summary.answeredCount
        elapsedSeconds = summary.elapsedSeconds
        timeLimitSeconds = summary.timeLimitSeconds
        percent = summary.percent
        scaledScore = summary.scaledScore
        // Practice sets have no pass mark.
        passed = summary.kind == .exam ? summary.passed : nil
        submitReason = summary.submitReason?.rawValue
    }
}
