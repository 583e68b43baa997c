import ProctorCore
import ProctorStore
import ProctorTerminal

/// A review or drill on the full screen: `StudySession` with screens and keys instead of prompts.
///
/// The same rules: entries in order, then (with `learnAhead`) the session's cards that come back
/// on their learning steps; each answer judged, explained, rated (the suggestion from
/// `AnswerRating`, or 1-4), and saved to the card and the review log before the next question.
struct FullScreenStudy {
    let store: ProgressStore
    let clock: any ExamClock
    let scheduler: FSRSScheduler
    let source: ReviewSource
    var generator: SeededGenerator
    let noColor: Bool
    /// `Review` or `Drill`, for the title bar.
    let title: String

    /// What the closures of the driver share while the session runs.
    private final class Progress {
        var summary = StudySession.Summary()
        var reviewedCards: [String: StudyCard] = [:]
        var queue: [StudyEntry]
        var planned: Int
        var banks: [String: QuestionBank] = [:]
        /// Learn-ahead cards skipped once: not offered again in this session.
        var skippedAgain: Set<String> = []
        var current: (entry: StudyEntry, card: StudyCard?, isLearnAhead: Bool)?
        /// The current question's answer, once checked.
        var answer: StudyAnswer?
        var isLearningAhead = false

        init(_ entries: [StudyEntry]) {
            queue = entries
            planned = entries.count
            for entry in entries { banks[entry.bank.id] = entry.bank }
        }
    }

    /// Studies `entries`; returns what the session did, and the signal that stopped it, if one did
    /// (the caller prints its closing lines, then exits with it).
    mutating func run(_ entries: [StudyEntry], learnAhead: Bool) throws
        -> (summary: StudySession.Summary, interruption: TerminalInterruption?) {
        let progress = Progress(entries)
        let (store, clock, scheduler, source) = (store, clock, scheduler, source)
        var generator = generator
        var driver = FullScreenPracticeDriver(
            title: title, total: { progress.planned },
            next: {
                while true {
                    if !progress.queue.isEmpty {
                        let entry = progress.queue.removeFirst()
                        guard let question = entry.bank.question(id: entry.questionID) else { continue }
                        let item = entry.item ?? question.shuffledItem(using: &generator)
                        let card = progress.reviewedCards[StudySession.key(entry.bank.id, question.id)] ?? entry.card
                        progress.current = (entry, card, progress.isLearningAhead)
                        progress.answer = nil
                        let scenario = question.caseID.flatMap { entry.bank.caseSet(id: $0)?.scenario }
                        return PracticeItem(question: question, item: item, scenario: scenario)
                    }
                    guard learnAhead else { return nil }
                    let due = ReviewQueue.learningAhead(Array(progress.reviewedCards.values), at: clock.now())
                        .first { !progress.skippedAgain.contains(StudySession.key($0.bankID, $0.questionID)) }
                    guard let card = due, let bank = progress.banks[card.bankID] else { return nil }
                    progress.isLearningAhead = true
                    progress.planned += 1
                    progress.queue.append(StudyEntry(bank: bank, questionID: card.questionID, card: card, item: nil))
                }
            },
            now: { clock.now() },
            check: { answer in
                // `next` sets `current` before the driver shows the item it checks here.
                guard let current = progress.current else { return PracticeVerdict(isCorrect: false) }
                let judged = try StudyAnswer.judged(answer.item.question, in: current.entry.bank, response: answer.response,
                                                    seconds: answer.seconds, store: store)
                progress.answer = judged
                let card = StudySession.note(current.card, at: clock.now(), scheduler: scheduler)
                return PracticeVerdict(isCorrect: judged.isCorrect, suggestedRating: judged.suggestedRating,
                                       notes: ["This card: \(card)."])
            },
            rate: { rated in
                guard let answer = progress.answer else { return nil }
                let question = answer.question
                let now = clock.now()
                let saved = try answer.save(rated.rating, to: store, at: now, scheduler: scheduler, source: source,
                                            attempt: nil, using: &generator)
                progress.reviewedCards[StudySession.key(answer.bank.id, question.id)] = saved.card
                progress.summary.ratings[rated.rating, default: 0] += 1
                var message = "Rated \(rated.rating.rawValue) \(rated.rating); next review \(StudyDates.until(saved.outcome.card.due, from: now))."
                if let leech = saved.leechMessage {
                    progress.summary.newLeeches.append(question.id)
                    message += " " + leech
                }
                return message
            },
            skip: { item in
                progress.summary.skipped += 1
                if let current = progress.current, current.isLearnAhead {
                    progress.skippedAgain.insert(StudySession.key(current.entry.bank.id, item.question.id))
                }
            }
        )
        var interruption: TerminalInterruption?
        do {
            let outcome = try FullScreen.run(noColorFlag: noColor) { try driver.run(on: $0) }
            if !outcome.completed { progress.summary.stopped = true }
        } catch let stopped as TerminalInterruption {
            interruption = stopped
            progress.summary.stopped = true
        }
        self.generator = generator
        return (progress.summary, interruption)
    }
}
