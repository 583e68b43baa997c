import ProctorCore
import ProctorStore

/// Ends attempts: scores them, turns their answers into reviews for the schedule, and saves it all
/// in one transaction.
struct AttemptFinish {
    let store: ProgressStore
    let bank: QuestionBank
    /// How the exam is scored; practice uses the bank's first exam's model, or plain percent.
    let scoring: ScoringModel
    let scheduler: FSRSScheduler

    /// The scoring model for an attempt on `form`.
    static func scoring(for form: ExamForm, in bank: QuestionBank) -> ScoringModel {
        (bank.exam(id: form.examID) ?? bank.exams.first)?.scoring ?? .percent(pass: 0)
    }

    /// The report of `session` as it stands, numbered as attempt `id`.
    func report(_ session: ExamSession, attempt id: Int, status: AttemptStatus? = nil) -> ScoreReport {
        var report = scoreExam(session, bank: bank, scoring: scoring)
        report.attempt = id
        if let status { report.status = status }
        return report
    }

    /// Finishes an exam: the report, and (when it feeds the schedule) one review per answered
    /// question, dated when it was last answered and rated by `AnswerRating`.
    func finishExam<Generator: RandomNumberGenerator>(
        _ attempt: StoredAttempt, session: ExamSession, at now: Timestamp, using generator: inout Generator
    ) throws(StoreError) -> ScoreReport {
        let report = report(session, attempt: attempt.id, status: .finished)
        var reviews: [ScheduledReview] = []
        if attempt.feedsSchedule {
            let answeredAt = try store.answerTimes(attempt: attempt.id)
            let finishedAt = session.finishedAt ?? now
            let answered = session.form.items.indices.filter { session.responses[$0] != nil }
                .sorted { (answeredAt[$0] ?? finishedAt, $0) < (answeredAt[$1] ?? finishedAt, $1) }
            for index in answered {
                let item = session.form.items[index]
                guard let question = bank.question(id: item.questionID) else { continue }
                let seconds = session.secondsOnQuestion[index]
                let typical = try store.typicalSeconds(bank: bank.id, question: question.id)
                    ?? session.form.allowedSecondsPerQuestion
                let correct = question.isCorrect(session.responses[index])
                let rating = AnswerRating.rating(correct: correct, confident: nil, seconds: seconds, typicalSeconds: typical)
                let card = try store.card(bank: bank.id, question: question.id)
                let outcome = scheduler.review(card, rating: rating, at: answeredAt[index] ?? finishedAt, using: &generator)
                reviews.append(ScheduledReview(bankID: bank.id, questionID: question.id, outcome: outcome,
                                               durationSeconds: seconds, source: .exam, attempt: attempt.id,
                                               correct: correct))
            }
        }
        try store.finishAttempt(attempt.id, status: .finished, report: report, reviews: reviews, at: now)
        return report
    }
}
