import ProctorCore
import ProctorStore
import ProctorTerminal

/// One question to put before the learner in a review or drill.
struct StudyEntry {
    var bank: QuestionBank
    var questionID: String
    /// The card as the queue saw it; `nil` for a question never reviewed.
    var card: StudyCard?
    /// The item as drawn (options shuffled); `nil` to shuffle it when it is shown.
    var item: ExamForm.Item?
}

/// A review or drill in plain mode: a question block, `answer>`, the verdict and explanation at
/// once, then `rate>` with the rating `AnswerRating` suggests, saved to the card and the review log
/// before the next question (cli.md, "Plain mode").
struct StudySession {
    let store: ProgressStore
    let console: any PlainConsole
    let clock: any ExamClock
    let scheduler: FSRSScheduler
    let source: ReviewSource
    /// Shuffles options and fuzzes intervals.
    var generator: SeededGenerator

    /// A session that saves to `store` and reads the time from `clock`.
    init(store: ProgressStore, console: any PlainConsole, clock: any ExamClock, scheduler: FSRSScheduler,
         source: ReviewSource, generator: SeededGenerator) {
        self.store = store
        self.console = console
        self.clock = clock
        self.scheduler = scheduler
        self.source = source
        self.generator = generator
    }

    /// What a session did.
    struct Summary {
        var ratings: [Rating: Int] = [:]
        var skipped = 0
        /// Questions that became leeches in this session.
        var newLeeches: [String] = []
        /// Whether the learner quit or input ended before the queue was done.
        var stopped = false

        var reviewed: Int { ratings.values.reduce(0, +) }
    }

    private(set) var summary = Summary()
    /// Each card reviewed in this session as it now stands, by bank and question.
    private(set) var reviewedCards: [String: StudyCard] = [:]
    private var shown = 0
    private var planned = 0

    /// What one answer prompt led to.
    private enum Step {
        case rated
        case skipped
        case stop
    }

    /// Studies `entries` in order; with `learnAhead`, then the session's cards that come back on
    /// their learning steps within `ReviewQueue.learnAheadSeconds`, until none is left.
    mutating func run(_ entries: [StudyEntry], learnAhead: Bool) throws(StoreError) -> Summary {
        planned = entries.count
        var banks: [String: QuestionBank] = [:]
        for entry in entries {
            banks[entry.bank.id] = entry.bank
            guard try study(entry) else { return stop() }
        }
        guard learnAhead else { return summary }
        var skippedAgain: Set<String> = []
        while let card = ReviewQueue.learningAhead(Array(reviewedCards.values), at: clock.now())
            .first(where: { !skippedAgain.contains(Self.key($0.bankID, $0.questionID)) }),
            let bank = banks[card.bankID] {
            planned += 1
            let before = summary.skipped
            guard try study(StudyEntry(bank: bank, questionID: card.questionID, card: card, item: nil)) else { return stop() }
            if summary.skipped > before { skippedAgain.insert(Self.key(card.bankID, card.questionID)) }
        }
        return summary
    }

    private mutating func stop() -> Summary {
        summary.stopped = true
        return summary
    }

    /// Shows one entry and handles its answer; `false` when the session should stop.
    private mutating func study(_ entry: StudyEntry) throws(StoreError) -> Bool {
        guard let question = entry.bank.question(id: entry.questionID) else { return true }
        let item = entry.item ?? question.shuffledItem(using: &generator)
        let card = reviewedCards[Self.key(entry.bank.id, question.id)] ?? entry.card
        shown += 1
        console.line("")
        console.line("Question \(shown) of \(planned)  [\(question.id)]  \(Self.note(card, at: clock.now(), scheduler: scheduler))")
        if let text = PlainText.questionText(for: item, in: entry.bank, response: nil, struck: []) {
            console.lines(text.lines(width: PlainText.width))
        }
        let shownAt = clock.now()
        while true {
            guard let line = console.ask("answer> ") else { return false }
            switch parsePlainCommand(line, for: item) {
            case .failure(let problem):
                console.line(problem.message + " (Type ? for help.)")
            case .success(let command):
                switch command {
                case .answer(let response):
                    let step = try rate(question, in: entry.bank, item: item, response: response, shownAt: shownAt)
                    return step != .stop
                case .next:
                    summary.skipped += 1
                    console.line("Skipped; it stays in the queue.")
                    return true
                case .quit, .submit:
                    return false
                case .help:
                    console.lines(Self.helpLines)
                case .previous, .goTo, .toggleFlag, .strike, .review:
                    console.line("Not in \(source.rawValue): answer the question, press Enter to skip it, or type quit to stop.")
                }
            }
        }
    }

    /// The verdict, the explanation, the rating prompt, and the review saved.
    private mutating func rate(_ question: Question, in bank: QuestionBank, item: ExamForm.Item, response: Response,
                               shownAt: Timestamp) throws(StoreError) -> Step {
        guard let text = PlainText.questionText(for: item, in: bank, response: response, struck: []) else { return .skipped }
        let answer = try StudyAnswer.judged(question, in: bank, response: response,
                                            seconds: max(0, clock.now().seconds(since: shownAt)), store: store)
        console.showVerdict(on: answer, shownAs: text)
        let (rating, inputEnded) = console.askRating(suggested: answer.suggestedRating)

        let now = clock.now()
        let rated = try answer.save(rating, to: store, at: now, scheduler: scheduler, source: source, attempt: nil,
                                    using: &generator)
        reviewedCards[Self.key(bank.id, question.id)] = rated.card
        summary.ratings[rating, default: 0] += 1
        console.line("Rated \(rating.rawValue) \(rating); next review \(StudyDates.until(rated.outcome.card.due, from: now)).")
        if let leech = rated.leechMessage {
            summary.newLeeches.append(question.id)
            console.line(leech)
        }
        return inputEnded ? .stop : .rated
    }

    /// `new`, `learning`, `relearning`, or `review, recall 71%` (with a leech mark).
    static func note(_ card: StudyCard?, at now: Timestamp, scheduler: FSRSScheduler) -> String {
        guard let card else { return "new" }
        var note: String
        switch card.state.phase {
        case .learning: note = "learning"
        case .relearning: note = "relearning"
        case .review:
            let recall = scheduler.retrievability(of: card.state, at: now)
            note = "review, recall \(Int((recall * 100).rounded()))%"
        }
        if card.isSuspended { note += ", leech" }
        return note
    }

    static func key(_ bank: String, _ question: String) -> String { bank + "\u{1F}" + question }

    /// How to answer, printed before a plain-mode session (the full screen shows its own keys).
    static let plainHint = "Type your answer as in exams; Enter skips a question; quit stops; ? lists the commands."

    static let helpLines = [
        "b or 2        choose option B (multiple response: a c or a,c)",
        "12.5          a numeric answer",
        "c a b d       an ordering, first to last, by item letters",
        "1c 2a 3b      a matching: left item number to right item letter",
        "Enter, next   skip this question (it stays due)",
        "quit          stop; every rating so far is saved",
        "?             this table",
    ]
}
