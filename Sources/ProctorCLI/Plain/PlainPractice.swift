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
        let answer = try StudyAnswer.judged(question, in: bank, response: response,
                                            seconds: session.secondsOnQuestion[index],
                                            store: feedsSchedule ? live.store : nil)
        console.showVerdict(on: answer, shownAs: text)
        guard feedsSchedule else { return true }

        let (rating, inputEnded) = console.askRating(suggested: answer.suggestedRating)
        let rated = try answer.save(rating, to: live.store, at: live.clock.now(), scheduler: scheduler,
                                    source: .practice, attempt: live.id, using: &generator)
        console.line("Rated \(rating.rawValue) \(rating); next review in \(Self.interval(rated.outcome.intervalSeconds)).")
        if let leech = rated.leechMessage { console.line(leech) }
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
