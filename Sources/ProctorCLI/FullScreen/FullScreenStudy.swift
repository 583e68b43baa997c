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
                let question = answer.item.question
                let correct = question.isCorrect(answer.response)
                let bankID = progress.current?.entry.bank.id ?? ""
                let typical = try store.typicalSeconds(bank: bankID, question: question.id)
                let suggested = AnswerRating.rating(correct: correct, confident: nil, seconds: answer.seconds,
                                                    typicalSeconds: typical)
                let card = StudySession.note(progress.current?.card, at: clock.now(), scheduler: scheduler)
                return PracticeVerdict(isCorrect: correct, suggestedRating: suggested, notes: ["This card: \(card)."])
            },
            rate: { rated in
                guard let current = progress.current else { return nil }
                let bank = current.entry.bank
                let question = rated.item.question
                let now = clock.now()
                let state = try store.card(bank: bank.id, question: question.id)
                let outcome = scheduler.review(state, rating: rated.rating, at: now, using: &generator)
                try store.saveReview(ScheduledReview(bankID: bank.id, questionID: question.id, outcome: outcome,
                                                     durationSeconds: rated.seconds, source: source, attempt: nil))
                var lapses = current.card?.lapses ?? 0
                let lapsed = ReviewQueue.isLapse(phaseBefore: state?.phase, rating: rated.rating)
                if lapsed { lapses += 1 }
                progress.reviewedCards[StudySession.key(bank.id, question.id)] =
                    StudyCard(bankID: bank.id, questionID: question.id, state: outcome.card, lapses: lapses)
                progress.summary.ratings[rated.rating, default: 0] += 1
                var message = "Rated \(rated.rating.rawValue) \(rated.rating); next review \(StudyDates.until(outcome.card.due, from: now))."
                if lapsed && lapses == ReviewQueue.leechLapses {
                    progress.summary.newLeeches.append(question.id)
                    message += " Leech: \(question.id) is set aside from review."
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
