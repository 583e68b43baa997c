import ArgumentParser
import BankXML
import ProctorCore
import ProctorStore
import ProctorTerminal

/// `proctor review [BANK]`: the spaced-repetition queue, due cards first, then new questions.
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Review the questions due now, then new ones up to a daily limit.",
        discussion: """
            Due questions come first, the ones you are most likely to have forgotten (lowest \
            retrievability) before the rest; then questions you have never seen, up to --new a day, \
            the blueprint's domains interleaved by weight. After each answer you see the verdict and \
            the explanation, then rate it; the FSRS-6 scheduler sets the next review from the rating. \
            Questions you answered a few minutes ago on a learning step come back before the session ends.

            A question forgotten \(ReviewQueue.leechLapses) times after it was learnt is a leech: it is \
            set aside from review (as Anki suspends it) and you are told which, so you can study it \
            another way. Once you have rewritten it, or your notes on it, 'proctor review BANK \
            --unsuspend QUESTION' brings it back with its schedule as it was; it is set aside again \
            after \(ReviewQueue.leechLapses / 2) more lapses. Without BANK, every installed bank you \
            have cards in is reviewed.

            \(AnswerRating.explanation)
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var study: StudyOptions

    @Argument(help: "The bank's id (see 'proctor banks'); without it, every bank you study.")
    var bank: String?

    @Option(help: ArgumentHelp("At most this many questions in this session (due first).", valueName: "n"))
    var limit: Int?

    @Option(name: .customLong("new"), help: ArgumentHelp("New questions a day.", valueName: "n"))
    var newLimit = 20

    @Option(help: "The seed that shuffles options and spreads intervals.")
    var seed: UInt64?

    @Flag(help: "Run line by line, for screen readers and scripts (the default when input is not a terminal).")
    var plain = false

    @Option(name: .customLong("unsuspend"),
            help: ArgumentHelp("Bring a question of BANK set aside as a leech back into review, then stop (repeatable).",
                               valueName: "question"))
    var unsuspend: [String] = []

    func validate() throws {
        if let limit, !(1...100_000).contains(limit) { throw ValidationError("--limit must be between 1 and 100000.") }
        guard (0...10_000).contains(newLimit) else { throw ValidationError("--new must be between 0 and 10000.") }
        if !unsuspend.isEmpty && bank == nil {
            throw ValidationError("--unsuspend needs the bank: proctor review BANK --unsuspend QUESTION")
        }
    }

    func run() throws {
        let clock = try study.clock()
        let now = clock.now()
        if let bank, !unsuspend.isEmpty {
            Output.lines(try Self.unsuspend(unsuspend, bank: bank, store: try global.openStore(), at: now))
            return
        }
        let catalog = global.catalog()
        let store = try global.openStore()
        let banks: [QuestionBank]
        if let id = bank {
            banks = [try catalog.requireBank(id)]
        } else {
            let studied = Set(try store.bankIDsWithCards())
            banks = catalog.banks.filter { studied.contains($0.id) }
            guard !banks.isEmpty else {
                Output.line("Nothing to review yet: no question has a review card.")
                Output.line("Learn a bank's questions with 'proctor review BANK', or practise with 'proctor practice BANK' or 'proctor take EXAM'.")
                return
            }
        }
        let console = StandardConsole()
        let plan = try Self.plan(banks: banks, bank: bank, store: store, at: now, calendar: study.calendar(at: now),
                                 newLimit: newLimit, limit: limit)
        let fullScreen = FullScreen.isAvailable(plain: plain)
        console.lines(plan.introduction)
        if !fullScreen, !plan.entries.isEmpty { console.line(StudySession.plainHint) }
        var session = StudySession(store: store, console: console, clock: clock, scheduler: FSRSScheduler(),
                                   source: .review, generator: SeededGenerator(seed: seed ?? UInt64.random(in: .min ... .max)))
        guard !plan.entries.isEmpty else {
            console.lines(try Self.nothingDue(bank: bank, store: store, at: now, newLimit: newLimit, plan: plan))
            return
        }
        let summary: StudySession.Summary
        var interruption: TerminalInterruption?
        if fullScreen {
            var screen = FullScreenStudy(store: store, clock: clock, scheduler: FSRSScheduler(), source: .review,
                                         generator: session.generator, noColor: global.noColor, title: "Review")
            (summary, interruption) = try screen.run(plan.entries, learnAhead: true)
        } else {
            summary = try session.run(plan.entries, learnAhead: true)
        }
        console.lines(try Self.closing(summary, banks: banks, store: store, clock: clock, calendar: study.calendar(at: now)))
        if let interruption { throw ExitCode(interruption.exitCode) }
    }

    /// What a review session will hold, and the lines that introduce it.
    struct Plan {
        var entries: [StudyEntry]
        var introduction: [String]
        var newLeft: Int
    }

    /// The queue at `now` for `banks` (all of them when `bank` is nil), as entries to study.
    static func plan(banks: [QuestionBank], bank: String?, store: ProgressStore, at now: Timestamp,
                     calendar: StudyCalendar, newLimit: Int, limit: Int?) throws -> Plan {
        let byID = Dictionary(banks.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var missing = 0
        let due = try store.dueStudyCards(bank: bank, at: now).filter { card in
            let known = byID[card.bankID]?.question(id: card.questionID) != nil
            if !known { missing += 1 }
            return known
        }
        let today = calendar.day(of: now)
        let introduced = try store.newCardsReviewed(from: calendar.start(ofDay: today), to: calendar.start(ofDay: today + 1))
        let newLeft = max(0, newLimit - introduced)
        var perBank: [[NewQuestion]] = []
        for bank in banks {
            let reviewed = Set(try store.cards(bank: bank.id).map(\.questionID))
            perBank.append(ReviewQueue.newQuestionOrder(in: bank, excluding: reviewed))
        }
        let queue = ReviewQueue(cards: due, newQuestions: interleave(perBank), at: now, newLimit: newLeft, limit: limit)
        let entries = queue.entries.compactMap { entry -> StudyEntry? in
            guard let bank = byID[entry.bankID] else { return nil }
            switch entry {
            case .due(let card, _): return StudyEntry(bank: bank, questionID: card.questionID, card: card, item: nil)
            case .new(let question): return StudyEntry(bank: bank, questionID: question.questionID, card: nil, item: nil)
            }
        }
        let dueShown = entries.count(where: { $0.card != nil })
        let newShown = entries.count - dueShown
        var lines = ["Review: \(dueShown) due\(queue.dueCount > dueShown ? " (of \(queue.dueCount))" : ""), "
                     + "\(newShown) new (\(newLimit) new a day, \(newLeft) left today)."]
        if !queue.leeches.isEmpty {
            let listed = queue.leeches.prefix(10).map { "[\($0.questionID)]" }.joined(separator: " ")
            let count = queue.leeches.count
            lines.append("Set aside: \(count) leech\(count == 1 ? "" : "es") (forgotten \(ReviewQueue.leechLapses) times or more): "
                         + listed + (count > 10 ? " ..." : ""))
            if let first = queue.leeches.first, let bank = byID[first.bankID], let question = bank.question(id: first.questionID) {
                lines.append("Study leeches another way, e.g. \(StudyAnswer.practiceHint(for: question, in: bank)), or rewrite "
                             + "them or your notes; then \(StudyAnswer.unsuspendHint(question.id, in: bank.id)) brings one back.")
            }
        }
        if missing > 0 {
            lines.append("\(missing) due card\(missing == 1 ? " is" : "s are") for questions no installed bank has; skipped.")
        }
        return Plan(entries: entries, introduction: lines, newLeft: newLeft)
    }

    /// Brings `questions` of `bank` back into review from being set aside as leeches, keeping
    /// their schedules; says what became of each. Nothing changes when one of them has no card.
    static func unsuspend(_ questions: [String], bank: String, store: ProgressStore, at now: Timestamp) throws -> [String] {
        var cards: [StudyCard] = []
        var unknown: [String] = []
        for question in questions {
            if let card = try store.studyCard(bank: bank, question: question) {
                cards.append(card)
            } else {
                unknown.append(question)
            }
        }
        guard unknown.isEmpty else {
            throw UserError("bank '\(bank)' has no review card for " + unknown.map { "'\($0)'" }.joined(separator: ", ")
                            + "; only a question you have studied can be brought back (see 'proctor stats \(bank)')")
        }
        var lines: [String] = []
        for card in cards {
            guard card.isSuspended else {
                lines.append("[\(card.questionID)] is not set aside; it stays in review as it is.")
                continue
            }
            try store.setSuspended(false, bank: bank, question: card.questionID)
            let next = (card.lapses + 1...card.lapses + ReviewQueue.leechLapses).first(where: ReviewQueue.isLeechLapse)
            let chances = (next ?? card.lapses + 1) - card.lapses
            lines.append("[\(card.questionID)] is back in review, due \(StudyDates.until(card.state.due, from: now)); "
                         + "it is set aside again after \(chances) more lapse\(chances == 1 ? "" : "s").")
        }
        return lines
    }

    /// The lists' elements taken in turn, one from each, until all are used.
    static func interleave<Element>(_ lists: [[Element]]) -> [Element] {
        var result: [Element] = []
        var position = 0
        while true {
            let round = lists.compactMap { $0.indices.contains(position) ? $0[position] : nil }
            guard !round.isEmpty else { return result }
            result += round
            position += 1
        }
    }

    /// What to say when there is nothing to review now.
    static func nothingDue(bank: String?, store: ProgressStore, at now: Timestamp, newLimit: Int, plan: Plan) throws -> [String] {
        var lines = ["Nothing to review now."]
        if let next = try store.nextDue(bank: bank, after: now) {
            lines.append("Next review due \(StudyDates.until(next, from: now)) (\(StudyDates.minute(next))).")
        }
        if plan.newLeft == 0 && newLimit > 0 {
            lines.append("Today's \(newLimit) new questions are done; --new N allows more.")
        }
        return lines
    }

    /// The session's tally and what is due next.
    static func closing(_ summary: StudySession.Summary, banks: [QuestionBank], store: ProgressStore,
                        clock: any ExamClock, calendar: StudyCalendar) throws -> [String] {
        let now = clock.now()
        var lines = [""]
        if summary.stopped { lines.append("Stopped. Every rating so far is saved.") }
        let ratings = Rating.allCases.map { "\(summary.ratings[$0] ?? 0) \($0)" }.joined(separator: ", ")
        var tally = "Reviewed \(summary.reviewed): \(ratings)"
        if summary.skipped > 0 { tally += "; skipped \(summary.skipped)" }
        lines.append(tally + ".")
        if !summary.newLeeches.isEmpty {
            lines.append("New leeches set aside: " + summary.newLeeches.map { "[\($0)]" }.joined(separator: " "))
        }
        var states: [CardState] = []
        for bank in banks { states += try store.studyCards(bank: bank.id).filter { !$0.isSuspended }.map(\.state) }
        let forecast = StudyStats.dueForecast(states, calendar: calendar, today: calendar.day(of: now), days: 2)
        lines.append("Still due today: \(forecast[0]); due tomorrow: \(forecast[1]).")
        return lines
    }
}
