import ProctorCore

/// An answer given in a practice, review or drill session, for the caller to judge.
public struct PracticeAnswer: Sendable, Hashable {
    /// The position in the session, from 0.
    public var index: Int
    public var item: PracticeItem
    public var response: Response
    /// Seconds from the question appearing to the answer being checked.
    public var seconds: Double
}

/// The rating the learner gave (or accepted) for an answer.
public struct PracticeRating: Sendable, Hashable {
    public var index: Int
    public var item: PracticeItem
    public var rating: Rating
    /// Seconds from the question appearing to the answer being checked.
    public var seconds: Double

    /// The question's id.
    public var questionID: String { item.question.id }
}

/// How a practice session ended.
public struct PracticeOutcome: Sendable, Hashable {
    public var answered: Int
    public var correct: Int
    public var skipped: Int
    /// `false` when the learner quit before the last question.
    public var completed: Bool

    public init(answered: Int, correct: Int, skipped: Int = 0, completed: Bool) {
        self.answered = answered
        self.correct = correct
        self.skipped = skipped
        self.completed = completed
    }
}

/// Runs practice, review and drill sessions on the full screen: a question, the answer, then the
/// verdict and explanation, then a rating where one applies.
///
/// The driver does not grade: `check` gets each answer and says whether it is right and what
/// rating to suggest (the caller uses `Question.isCorrect` and `AnswerRating`, and records the
/// answer); `rate` gets the rating the learner accepted or chose, and may return a line to show
/// on the next screen ("Rated 3 Good; next review in 2 days."). Quitting on the verdict screen
/// leaves that answer unrated.
public struct FullScreenPracticeDriver {
    public let title: String
    public private(set) var view = PracticeView()
    /// The question on screen; `nil` once the session is done.
    public private(set) var current: PracticeItem?
    private let total: () -> Int?
    private let next: () throws -> PracticeItem?
    private let now: () -> Timestamp
    private let check: (PracticeAnswer) throws -> PracticeVerdict
    private let rate: (PracticeRating) throws -> String?
    private let skip: (PracticeItem) throws -> Void
    private var shownAt: Timestamp?
    private var answerSeconds: Double = 0

    /// A session over a fixed list of questions.
    public init(title: String, items: [PracticeItem], now: @escaping () -> Timestamp,
                check: @escaping (PracticeAnswer) throws -> PracticeVerdict,
                rate: @escaping (PracticeRating) throws -> String?,
                skip: @escaping (PracticeItem) throws -> Void = { _ in }) {
        var remaining = items[...]
        let count = items.count
        self.init(title: title, total: { count }, next: { remaining.popFirst() }, now: now, check: check, rate: rate,
                  skip: skip)
    }

    /// A session whose questions come one at a time from `next` (`nil`: no more), as a review
    /// queue that brings back cards on their learning steps does; `total` is the count to show,
    /// when known.
    public init(title: String, total: @escaping () -> Int?, next: @escaping () throws -> PracticeItem?,
                now: @escaping () -> Timestamp, check: @escaping (PracticeAnswer) throws -> PracticeVerdict,
                rate: @escaping (PracticeRating) throws -> String?,
                skip: @escaping (PracticeItem) throws -> Void = { _ in }) {
        self.title = title
        self.total = total
        self.next = next
        self.now = now
        self.check = check
        self.rate = rate
        self.skip = skip
    }

    /// Runs until the last question is done (and the summary dismissed) or the learner quits.
    public mutating func run(on screen: FullScreen) throws -> PracticeOutcome {
        current = try next()
        if current == nil { view.phase = .finished }
        shownAt = now()
        while true {
            let (shownView, title, item, total) = (view, title, current, total())
            screen.draw { size in
                PracticeScreen.render(title: title, item: item, total: total, view: shownView, size: size,
                                      theme: screen.theme)
            }
            guard let key = screen.nextKey(timeout: nil), key != .resize else { continue }
            if try handle(key, pageHeight: ScreenLayout.bodyHeight(screen.size)) {
                return PracticeOutcome(answered: view.answered, correct: view.correct, skipped: view.skipped,
                                       completed: view.phase == .finished)
            }
            view.scroll = min(view.scroll, PracticeScreen.maximumScroll(item: current, view: view, size: screen.size))
        }
    }

    /// Handles one key; `true` when the session is over.
    mutating func handle(_ key: Key, pageHeight: Int) throws -> Bool {
        view.message = nil
        if key.isInterruption || key == .character("q") { return true }
        if view.showsHelp {
            view.showsHelp = false
            return false
        }
        if scroll(key, pageHeight: pageHeight) { return false }
        guard let current else { return key == .enter || key == .escape }
        switch view.phase {
        case .finished:
            return key == .enter || key == .escape
        case .answering:
            try answering(key, current)
        case .feedback(let verdict):
            try feedback(key, verdict: verdict, current)
        }
        return false
    }

    private mutating func scroll(_ key: Key, pageHeight: Int) -> Bool {
        switch key {
        case .up: view.scroll = max(0, view.scroll - 1)
        case .down: view.scroll += 1
        case .pageUp: view.scroll = max(0, view.scroll - max(1, pageHeight - 1))
        case .pageDown: view.scroll += max(1, pageHeight - 1)
        case .character("?"): view.showsHelp = true
        default: return false
        }
        return true
    }

    private mutating func answering(_ key: Key, _ practice: PracticeItem) throws {
        switch AnswerInput.handle(key, item: practice.item, response: view.response, draft: &view.draft) {
        case .changed(let response):
            view.response = response
            return
        case .strike(let optionID):
            if view.struck.contains(optionID) { view.struck.remove(optionID) } else { view.struck.insert(optionID) }
            return
        case .invalid(let message):
            view.message = message
            return
        case .handled:
            return
        case .unhandled:
            break
        }
        switch key {
        case .enter:
            switch AnswerInput.commitNumber(item: practice.item, draft: &view.draft) {
            case .changed(let response): view.response = response
            case .invalid(let message):
                view.message = message
                return
            case .handled, .unhandled, .strike: break
            }
            guard let response = view.response else {
                view.message = view.draft.order != nil
                    ? "Place every item first; Backspace undoes the last one."
                    : "Answer first, or press → to skip this question."
                return
            }
            answerSeconds = max(0, shownAt.map { now().seconds(since: $0) } ?? 0)
            let verdict = try check(PracticeAnswer(index: view.index, item: practice, response: response,
                                                   seconds: answerSeconds))
            view.answered += 1
            if verdict.isCorrect { view.correct += 1 }
            view.draft = AnswerDraft()
            view.scroll = 0
            view.phase = .feedback(verdict)
        case .right:
            try skip(practice)
            view.skipped += 1
            try advance(message: "Skipped.")
        case .character:
            view.message = "That key does nothing here. Press ? for the keys."
        default:
            break
        }
    }

    private mutating func feedback(_ key: Key, verdict: PracticeVerdict, _ practice: PracticeItem) throws {
        guard let suggested = verdict.suggestedRating else {
            if key == .enter || key == .right { try advance(message: nil) }
            return
        }
        let rating: Rating?
        switch key {
        case .enter: rating = suggested
        case .character(let character): rating = character.wholeNumberValue.flatMap(Rating.init(rawValue:))
        default: rating = nil
        }
        guard let rating else {
            if case .character = key { view.message = "Press Enter to accept \(suggested), or 1-4 to rate." }
            return
        }
        let note = try rate(PracticeRating(index: view.index, item: practice, rating: rating, seconds: answerSeconds))
        try advance(message: note)
    }

    private mutating func advance(message: String?) throws {
        current = try next()
        view = PracticeView(index: view.index + 1, phase: current == nil ? .finished : .answering, message: message,
                            answered: view.answered, correct: view.correct, skipped: view.skipped)
        shownAt = now()
    }
}
