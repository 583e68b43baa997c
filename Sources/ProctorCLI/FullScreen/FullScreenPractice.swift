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
        /// The current question's answer, once checked.
        var checked: StudyAnswer?
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
                checked = nil
                let item = items[position]
                guard let question = content.questions[item.questionID] else { return nil }
                return PracticeItem(question: question, item: item, scenario: content.scenarios[item.questionID])
            },
            now: { live.clock.now() },
            check: { answer in
                try live.perform(.answer(answer.response))
                let judged = try StudyAnswer.judged(answer.item.question, in: bank, response: answer.response,
                                                    seconds: live.session.secondsOnQuestion[position],
                                                    store: feedsSchedule ? live.store : nil)
                checked = judged
                guard feedsSchedule else { return PracticeVerdict(isCorrect: judged.isCorrect) }
                return PracticeVerdict(isCorrect: judged.isCorrect, suggestedRating: judged.suggestedRating)
            },
            rate: { rated in
                guard let answer = checked else { return nil }
                let saved = try answer.save(rated.rating, to: live.store, at: live.clock.now(), scheduler: scheduler,
                                            source: .practice, attempt: live.id, using: &generator)
                let interval = PlainPractice<Generator>.interval(saved.outcome.intervalSeconds)
                let message = "Rated \(rated.rating.rawValue) \(rated.rating); next review in \(interval)."
                return saved.leechMessage.map { message + " " + $0 } ?? message
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
