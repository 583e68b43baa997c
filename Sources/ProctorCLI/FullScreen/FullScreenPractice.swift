import ProctorCore
import ProctorStore
import ProctorTerminal

/// A practice set on the full screen: `PlainPractice` with screens and keys instead of prompts.
/// Each answer is recorded in the attempt, judged, explained and (when the set feeds the
/// schedule) rated into the review schedule before the next question.
struct FullScreenPractice<Generator: RandomNumberGenerator> {
    let live: LiveAttempt
    let bank: QuestionBank
    let scheduler: FSRSScheduler
    let feedsSchedule: Bool
    var generator: Generator
    let noColor: Bool

    /// Runs the set until its end or until the learner stops; returns how it ended, and the
    /// signal that stopped it, if one did (the caller finishes the attempt, then exits with it).
    mutating func run() throws -> (status: AttemptStatus, interruption: TerminalInterruption?) {
        try live.perform(.open)
        let live = live
        let bank = bank
        let scheduler = scheduler
        let feedsSchedule = feedsSchedule
        let items = live.session.form.items
        var generator = generator
        var position = -1
        var submitted = false
        let content = ExamContent(bank: bank, examName: bank.title)
        var driver = FullScreenPracticeDriver(
            title: "Practice · \(bank.id)", total: { items.count },
            next: {
                if position >= 0 {
                    guard position + 1 < items.count else {
                        try live.perform(.submit)
                        submitted = true
                        return nil
                    }
                    try live.perform(.next)
                }
                position += 1
                let item = items[position]
                guard let question = content.questions[item.questionID] else { return nil }
                return PracticeItem(question: question, item: item, scenario: content.scenarios[item.questionID])
            },
            now: { live.clock.now() },
            check: { answer in
                try live.perform(.answer(answer.response))
                let correct = answer.item.question.isCorrect(answer.response)
                guard feedsSchedule else { return PracticeVerdict(isCorrect: correct) }
                let seconds = live.session.secondsOnQuestion[position]
                let typical = try live.store.typicalSeconds(bank: bank.id, question: answer.item.question.id)
                let suggested = AnswerRating.rating(correct: correct, confident: nil, seconds: seconds,
                                                    typicalSeconds: typical)
                return PracticeVerdict(isCorrect: correct, suggestedRating: suggested)
            },
            rate: { rated in
                let question = rated.item.question
                let card = try live.store.card(bank: bank.id, question: question.id)
                let outcome = scheduler.review(card, rating: rated.rating, at: live.clock.now(), using: &generator)
                try live.store.saveReview(ScheduledReview(
                    bankID: bank.id, questionID: question.id, outcome: outcome,
                    durationSeconds: live.session.secondsOnQuestion[position], source: .practice, attempt: live.id
                ))
                let interval = PlainPractice<Generator>.interval(outcome.intervalSeconds)
                return "Rated \(rated.rating.rawValue) \(rated.rating); next review in \(interval)."
            },
            skip: { _ in }
        )
        var interruption: TerminalInterruption?
        do {
            _ = try FullScreen.run(noColorFlag: noColor) { try driver.run(on: $0) }
        } catch let stopped as TerminalInterruption {
            interruption = stopped
        }
        self.generator = generator
        if submitted { return (.finished, interruption) }
        try live.perform(.close)
        return (.abandoned, interruption)
    }
}
