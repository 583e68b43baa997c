/// The result of one attempt: score, pass or fail, per-domain results, per-question detail and pace.
///
/// Everything `proctor results --json` prints. Pretest items are listed but not scored.
public struct ScoreReport: Sendable, Hashable, Codable {
    /// Where the attempt stands, as `history` and `results` print it.
    public enum Status: String, Sendable, Hashable, Codable {
        case finished
        case inProgress = "in-progress"
        case abandoned
    }

    /// The scoring model's name, as in the bank format.
    public enum Model: String, Sendable, Hashable, Codable {
        case percent, scaled, bands
    }

    /// An answer in the bank's ids, shaped for JSON: exactly one field is present.
    public struct Answer: Sendable, Hashable, Codable {
        /// Chosen option ids, sorted.
        public var options: [String]?
        public var number: Double?
        /// Item ids, first to last.
        public var order: [String]?
        /// Left pair id to the pair id of the right side chosen for it.
        public var pairs: [String: String]?

        /// The JSON shape of `response`.
        public init(_ response: Response) {
            switch response {
            case .options(let ids): options = ids.sorted()
            case .number(let value): number = value
            case .order(let ids): order = ids
            case .pairs(let chosen): pairs = chosen
            }
        }

        /// The answer as a `Response`, or `nil` when no field is present.
        public var response: Response? {
            if let options { return .options(Set(options)) }
            if let number { return .number(number) }
            if let order { return .order(order) }
            if let pairs { return .pairs(pairs) }
            return nil
        }
    }

    /// How the candidate did in one blueprint domain (scored questions only).
    public struct DomainResult: Sendable, Hashable, Codable {
        public var domainID: String
        public var name: String
        /// Scored questions of the domain on the form.
        public var questions: Int
        /// Fully correct answers.
        public var correct: Int
        /// Credit earned: equals `correct` unless partial credit was asked for.
        public var points: Double
        /// `nil` when the domain had no scored question.
        public var percent: Double?
        /// The band earned, under the `bands` model.
        public var band: String?
    }

    /// One question as it was shown, answered and scored.
    public struct QuestionResult: Sendable, Hashable, Codable {
        /// 1-based position on the form.
        public var number: Int
        public var questionID: String
        /// The blueprint domain it counts against; empty when the bank no longer has the question.
        public var domainID: String
        public var topicID: String?
        public var answer: Answer?
        public var isCorrect: Bool
        /// Credit earned, 0 to 1.
        public var credit: Double
        public var isFlagged: Bool
        /// Exam seconds spent with the question on screen.
        public var seconds: Double
        /// `false` for pretest items and for questions missing from the bank.
        public var isScored: Bool
        public var isPretest: Bool
    }

    /// Time used against the exam's pace.
    public struct Timing: Sendable, Hashable, Codable {
        public var elapsedSeconds: Double
        /// `0` when untimed.
        public var timeLimitSeconds: Int
        /// The exam's average time per question (limit / length); `nil` when untimed.
        public var allowedSecondsPerQuestion: Double?
        /// Time used / form length.
        public var averageSecondsPerQuestion: Double
        /// Average / allowed: below 1 is ahead of pace. `nil` when untimed.
        public var paceRatio: Double?
        /// Questions that took longer than the allowed average.
        public var questionsOverPace: Int
    }

    /// The attempt number, as `history` prints it; the caller fills it in.
    public var attempt: Int?
    public var examID: String
    public var examName: String?
    public var bankID: String
    public var bankVersion: String
    public var seed: UInt64
    public var status: Status
    public var submitReason: SubmitReason?
    public var startedAt: Timestamp?
    public var finishedAt: Timestamp?
    public var model: Model
    public var partialCredit: Bool
    public var scoredQuestions: Int
    public var pretestQuestions: Int
    /// Fully correct scored answers.
    public var correct: Int
    /// Credit earned over the scored questions.
    public var points: Double
    /// Points as a percent of the scored questions.
    public var percent: Double
    /// The scaled score, rounded to an integer, under the `scaled` model.
    public var scaledScore: Int?
    /// The pass mark: a percent, or a scaled score under the `scaled` model.
    public var passMark: Double
    /// The overall band, under the `bands` model.
    public var band: String?
    public var passed: Bool
    /// Domains in blueprint order, those on the form only.
    public var domains: [DomainResult]
    /// Questions in the order shown.
    public var questions: [QuestionResult]
    public var timing: Timing
}

/// Scores `session` against `bank` under `scoring`.
///
/// Multiple response, ordering and matching are all-or-nothing unless `partialCredit` is set.
/// Pretest items are excluded; so are questions the bank no longer has. With no scored question
/// the percent is 0 and the attempt does not pass.
public func scoreExam(
    _ session: ExamSession, bank: QuestionBank, scoring: ScoringModel, partialCredit: Bool = false
) -> ScoreReport {
    let form = session.form
    let questions = Dictionary(bank.questions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    let domainOf = bank.blueprintDomainIDs()
    let caseOf = bank.caseOfQuestion()
    let allowed = form.allowedSecondsPerQuestion
    var results: [ScoreReport.QuestionResult] = []
    for (index, item) in form.items.enumerated() {
        let question = questions[item.questionID]
        let response = session.responses[index]
        let credit = question?.credit(for: response, partial: partialCredit) ?? 0
        results.append(ScoreReport.QuestionResult(
            number: index + 1, questionID: item.questionID, domainID: domainOf[item.questionID] ?? "",
            topicID: question?.topicID ?? caseOf[item.questionID]?.topicID,
            answer: response.map(ScoreReport.Answer.init), isCorrect: question?.isCorrect(response) ?? false,
            credit: credit, isFlagged: session.flags[index], seconds: session.secondsOnQuestion[index],
            isScored: question != nil && !item.isPretest, isPretest: item.isPretest
        ))
    }
    let scored = results.filter(\.isScored)
    let points = scored.reduce(0) { $0 + $1.credit }
    let percent = scored.isEmpty ? 0 : points * 100 / Double(scored.count)
    let verdict = ScoreVerdict(scoring: scoring, percent: percent, hasScoredQuestions: !scored.isEmpty)
    let elapsed = session.elapsedSeconds
    let average = form.items.isEmpty ? 0 : elapsed / Double(form.items.count)
    let finished: Bool = session.isSubmitted
    let reason: SubmitReason? = {
        switch session.phase {
        case .submitted(let reason): reason
        case .inProgress, .onBreak: nil
        }
    }()
    return ScoreReport(
        attempt: nil, examID: form.examID, examName: bank.exam(id: form.examID)?.name, bankID: form.bankID,
        bankVersion: form.bankVersion, seed: form.seed, status: finished ? .finished : .inProgress,
        submitReason: reason, startedAt: session.startedAt, finishedAt: session.finishedAt,
        model: verdict.model, partialCredit: partialCredit, scoredQuestions: scored.count,
        pretestQuestions: form.items.count(where: \.isPretest), correct: scored.count(where: \.isCorrect),
        points: points, percent: percent, scaledScore: verdict.scaledScore, passMark: verdict.passMark,
        band: verdict.band, passed: verdict.passed,
        domains: domainResults(results, bank: bank, scoring: scoring),
        questions: results,
        timing: ScoreReport.Timing(
            elapsedSeconds: elapsed, timeLimitSeconds: form.timeLimitSeconds,
            allowedSecondsPerQuestion: allowed, averageSecondsPerQuestion: average,
            paceRatio: allowed.map { average / $0 },
            questionsOverPace: allowed.map { limit in results.count(where: { $0.seconds > limit }) } ?? 0
        )
    )
}

/// The band a percent earns: the highest band whose minimum it reaches, else the lowest band.
public func scoreBand(for percent: Double, in bands: [ScoreBand]) -> String? {
    let ranked = bands.enumerated().sorted { lhs, rhs in
        lhs.element.minimumPercent != rhs.element.minimumPercent
            ? lhs.element.minimumPercent > rhs.element.minimumPercent : lhs.offset < rhs.offset
    }.map(\.element)
    return (ranked.first { percent + percentSlack >= $0.minimumPercent } ?? ranked.last)?.name
}

/// Lets 74.0 reach a pass mark of 74 despite binary rounding.
private let percentSlack = 1e-9

/// What a scoring model makes of an overall percent.
private struct ScoreVerdict {
    var model: ScoreReport.Model
    var scaledScore: Int?
    var passMark: Double
    var band: String?
    var passed: Bool

    init(scoring: ScoringModel, percent: Double, hasScoredQuestions: Bool) {
        switch scoring {
        case .percent(let pass):
            model = .percent
            passMark = pass
            passed = percent + percentSlack >= pass
        case .scaled(let minimum, let maximum, let pass):
            model = .scaled
            passMark = pass
            let scaled = (minimum + (maximum - minimum) * percent / 100).rounded(.toNearestOrAwayFromZero)
            // A hostile scale must not trap the conversion.
            scaledScore = scaled.isFinite && abs(scaled) < 1e15 ? Int(scaled) : nil
            passed = scaledScore.map { Double($0) >= pass } ?? false
        case .bands(let bands, let pass):
            model = .bands
            passMark = pass
            band = scoreBand(for: percent, in: bands)
            passed = percent + percentSlack >= pass
        }
        passed = passed && hasScoredQuestions
    }
}

/// Per-domain results for the domains on the form, in blueprint order (unknown domains last).
private func domainResults(
    _ results: [ScoreReport.QuestionResult], bank: QuestionBank, scoring: ScoringModel
) -> [ScoreReport.DomainResult] {
    var order = bank.domains.map(\.id).filter { id in results.contains { $0.domainID == id } }
    for result in results where !result.domainID.isEmpty && !order.contains(result.domainID) {
        order.append(result.domainID)
    }
    return order.map { domainID in
        let scored = results.filter { $0.domainID == domainID && $0.isScored }
        let points = scored.reduce(0) { $0 + $1.credit }
        let percent = scored.isEmpty ? nil : points * 100 / Double(scored.count)
        var band: String?
        switch scoring {
        case .bands(let bands, _): band = percent.flatMap { scoreBand(for: $0, in: bands) }
        case .percent, .scaled: band = nil
        }
        return ScoreReport.DomainResult(
            domainID: domainID, name: bank.domain(id: domainID)?.name ?? domainID, questions: scored.count,
            correct: scored.count(where: \.isCorrect), points: points, percent: percent, band: band
        )
    }
}
