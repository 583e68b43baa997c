import ProctorCore
import ProctorStore

/// A practice set in plain mode: each answer gets its verdict and explanation at once, then a
/// `rate>` prompt that feeds the review schedule (unless the set does not feed it).
struct PlainPractice<Generator: RandomNumberGenerator> {
    let live: LiveAttempt
    let bank: QuestionBank
    let console: any PlainConsole
    let scheduler: FSRSScheduler
    let feedsSchedule: Bool
    var generator: Generator

    /// What one answer prompt led to.
    private enum Step {
        case answered
        case skipped
        case finish
        case stop
    }

    /// Runs the set to its end (or until the learner stops); returns how it ended.
    mutating func run() throws(StoreError) -> AttemptStatus {
        try live.perform(.open)
        while true {
            let session = live.session
            console.lines(PlainText.block(session, bank: bank))
            let step = try ask(in: session)
            let last = live.session.currentIndex + 1 >= session.form.items.count
            switch step {
            case .stop:
                try live.perform(.close)
                console.line("Stopped. The answers you gave are kept in your history and review schedule.")
                return .abandoned
            case .finish:
                try live.perform(.submit)
                return .finished
            case .answered, .skipped:
                if last {
                    try live.perform(.submit)
                    return .finished
                }
                try live.perform(.next)
            }
        }
    }

    /// Prompts until the learner answers, skips, finishes or stops.
    private mutating func ask(in session: ExamSession) throws(StoreError) -> Step {
        let index = session.currentIndex
        guard session.form.items.indices.contains(index) else { return .finish }
        let item = session.form.items[index]
        while true {
            guard let line = console.ask("answer> ") else { return .stop }
            switch parsePlainCommand(line, for: item) {
            case .failure(let problem):
                console.line(problem.message + " (Type ? for help.)")
            case .success(let command):
                switch command {
                case .help:
                    console.lines(PlainCommand.helpLines)
                    console.line("In practice, submit ends the set and quit stops it.")
                case .review:
                    console.lines(PlainText.review(live.session))
                case .quit:
                    return .stop
                case .submit:
                    return .finish
                case .next:
                    return .skipped
                case .previous, .goTo:
                    console.line("Practice goes one question at a time; type next to skip this one.")
                case .toggleFlag, .strike:
                    if let action = command.sessionAction, let note = try performNoting(action) { console.line(note) }
                case .answer(let response):
                    let events = try live.perform(.answer(response))
                    if let refusal = events.refusal {
                        console.line(refusal.message)
                        continue
                    }
                    return try verdict(on: index, response: response) ? .answered : .stop
                }
            }
        }
    }

    /// Prints the verdict and explanation, then rates the answer into the schedule.
    /// Returns `false` when input ended at the rating prompt.
    private mutating func verdict(on index: Int, response: Response) throws(StoreError) -> Bool {
        let session = live.session
        let item = session.form.items[index]
        guard let question = bank.question(id: item.questionID),
              let text = PlainText.questionText(for: item, in: bank, response: response, struck: [])
        else { return true }
        let correct = question.isCorrect(response)
        console.line(correct ? "Correct." : "Incorrect. The answer is \(text.keyText).")
        console.lines(PlainText.explanation(of: question, shownAs: text, response: response))
        guard feedsSchedule else { return true }

        let seconds = session.secondsOnQuestion[index]
        let typical = try live.store.typicalSeconds(bank: bank.id, question: question.id)
        let suggested = AnswerRating.rating(correct: correct, confident: nil, seconds: seconds, typicalSeconds: typical)
        console.line("Suggested rating: \(suggested.rawValue) \(suggested). Enter accepts it, 1-4 chooses, ? explains.")
        var rating = suggested
        var inputEnded = false
        while true {
            guard let reply = console.ask("rate> ") else {
                inputEnded = true
                break
            }
            let typed = reply.trimmed
            if typed.isEmpty { break }
            if typed == "?" {
                console.line(AnswerRating.explanation)
                continue
            }
            if let number = Int(typed), let chosen = Rating(rawValue: number) {
                rating = chosen
                break
            }
            console.line("Type 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy), or press Enter for \(suggested.rawValue) \(suggested).")
        }
        let card = try live.store.card(bank: bank.id, question: question.id)
        let outcome = scheduler.review(card, rating: rating, at: live.clock.now(), using: &generator)
        try live.store.saveReview(ScheduledReview(bankID: bank.id, questionID: question.id, outcome: outcome,
                                                  durationSeconds: seconds, source: .practice, attempt: live.id,
                                                  correct: correct))
        console.line("Rated \(rating.rawValue) \(rating); next review in \(Self.interval(outcome.intervalSeconds)).")
        return !inputEnded
    }

    /// Performs a flag or strike and says what changed.
    private func performNoting(_ action: SessionAction) throws(StoreError) -> String? {
        let events = try live.perform(action)
        if let refusal = events.refusal { return refusal.message }
        for event in events {
            switch event {
            case .flagged(let index, let isFlagged):
                return isFlagged ? "Flagged question \(index + 1)." : "Unflagged question \(index + 1)."
            case .struck(let index, let optionID, let isStruck):
                let letter = live.session.form.items[index].optionOrder.firstIndex(of: optionID).map(PlainText.letter) ?? optionID
                return isStruck ? "Struck out \(letter)." : "Restored \(letter)."
            case .opened, .closed, .clock, .breakClock, .answered, .moved, .breakStarted, .breakEnded,
                 .breakSkipped, .submitted, .rejected:
                continue
            }
        }
        return nil
    }

    /// `10 minutes`, `3 days`.
    static func interval(_ seconds: Double) -> String {
        let days = seconds / 86_400
        if days >= 1 {
            let whole = Int(days.rounded())
            return whole == 1 ? "1 day" : "\(whole) days"
        }
        let minutes = max(1, Int((seconds / 60).rounded()))
        return minutes == 1 ? "1 minute" : "\(minutes) minutes"
    }
}

extension Array where Element == SessionEvent {
    /// Why the action was refused, if it was.
    var refusal: SessionError? {
        for event in self {
            if case .rejected(let error) = event { return error }
        }
        return nil
    }
}
