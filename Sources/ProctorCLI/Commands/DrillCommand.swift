import ArgumentParser
import BankXML
import ProctorCore
import ProctorStore
import ProctorTerminal

/// `proctor drill BANK --weak`: questions from the weakest topics, weighted by their share of the exam.
struct DrillCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drill",
        abstract: "Drill the topics where you are weakest and the exam weighs most.",
        discussion: """
            Each topic's mastery blends your smoothed accuracy on its questions with how well you \
            remember them now (see 'proctor stats'). Topics are ranked by exam weight × (1 − mastery); \
            the questions are shared among the top --topics in proportion, the weakest questions of \
            each first. Answers are rated and feed the review schedule, as in review.

            \(AnswerRating.explanation)
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var study: StudyOptions

    @Argument(help: "The bank's id (see 'proctor banks').")
    var bank: String

    @Flag(help: "Pick questions from the weakest topics (the only kind of drill for now).")
    var weak = false

    @Option(help: "How many questions.")
    var count = 10

    @Option(help: "How many of the weakest topics to draw from.")
    var topics = WeakTopics.defaultTopicCount

    @Option(help: "The seed that picks and shuffles the questions.")
    var seed: UInt64?

    @Flag(help: "Run line by line, for screen readers and scripts (the default when input is not a terminal).")
    var plain = false

    func validate() throws {
        guard weak else { throw ValidationError("Say which drill: --weak (questions from your weakest topics).") }
        guard (1...1_000).contains(count) else { throw ValidationError("--count must be between 1 and 1000.") }
        guard (1...100).contains(topics) else { throw ValidationError("--topics must be between 1 and 100.") }
    }

    func run() throws {
        let clock = try study.clock()
        let now = clock.now()
        let bank = try global.catalog().requireBank(self.bank)
        let store = try global.openStore()
        let cards = try store.studyCards(bank: bank.id)
        let before = try Self.mastery(of: bank, store: store, cards: cards, at: now)
        let plan = WeakTopics.pick(count: count, from: bank, mastery: before.bank, questionMastery: before.questions,
                                   topics: topics, seed: seed ?? UInt64.random(in: .min ... .max))
        guard !plan.items.isEmpty else { throw UserError("bank '\(bank.id)' has no questions to drill") }

        let console = StandardConsole()
        console.line("Drill: \(plan.items.count) question\(plan.items.count == 1 ? "" : "s") from your weakest topics "
                     + "(exam weight × (1 − mastery)):")
        for share in plan.shares {
            console.line("  " + Self.describe(share.topic, in: bank) + ": \(share.count) question\(share.count == 1 ? "" : "s")")
        }
        let fullScreen = FullScreen.isAvailable(plain: plain)
        if !fullScreen { console.line(StudySession.plainHint) }

        let byQuestion = Dictionary(cards.map { ($0.questionID, $0) }, uniquingKeysWith: { first, _ in first })
        let entries = plan.items.map { item in
            StudyEntry(bank: bank, questionID: item.questionID, card: byQuestion[item.questionID], item: item)
        }
        var session = StudySession(store: store, console: console, clock: clock, scheduler: FSRSScheduler(), source: .drill,
                                   generator: SeededGenerator(seed: seed.map { $0 &+ 1 } ?? UInt64.random(in: .min ... .max)))
        let summary: StudySession.Summary
        var interruption: TerminalInterruption?
        if fullScreen {
            var screen = FullScreenStudy(store: store, clock: clock, scheduler: FSRSScheduler(), source: .drill,
                                         generator: session.generator, noColor: global.noColor, title: "Drill")
            (summary, interruption) = try screen.run(entries, learnAhead: false)
        } else {
            summary = try session.run(entries, learnAhead: false)
        }

        let after = try Self.mastery(of: bank, store: store, cards: try store.studyCards(bank: bank.id), at: clock.now())
        let ratings = Rating.allCases.map { "\(summary.ratings[$0] ?? 0) \($0)" }.joined(separator: ", ")
        console.line("")
        if summary.stopped { console.line("Stopped. Every rating so far is saved.") }
        console.line("Drilled \(summary.reviewed): \(ratings)\(summary.skipped > 0 ? "; skipped \(summary.skipped)" : "").")
        for share in plan.shares {
            let now = after.bank.topics.first { $0.domainID == share.topic.domainID && $0.topicID == share.topic.topicID }
            let figure = now.map { PlainText.percent($0.mastery.value * 100) } ?? "-"
            console.line("  \(share.topic.name): mastery \(PlainText.percent(share.topic.mastery.value * 100)) → \(figure)")
        }
        if let interruption { throw ExitCode(interruption.exitCode) }
    }

    /// The bank's mastery by topic and by question, from the store's answer record and cards.
    static func mastery(of bank: QuestionBank, store: ProgressStore, cards: [StudyCard],
                        at now: Timestamp) throws -> (bank: BankMastery, questions: [String: Mastery]) {
        let answers = AnswerTally.byQuestion(try store.answerRecord(bank: bank.id))
        let states = Dictionary(cards.map { ($0.questionID, $0.state) }, uniquingKeysWith: { first, _ in first })
        return (BankMastery(bank: bank, answers: answers, cards: states, at: now),
                BankMastery.questionMastery(bank: bank, answers: answers, cards: states, at: now))
    }

    /// `Fruit (Alpha): mastery 43%, 25% of the exam`.
    static func describe(_ topic: TopicMastery, in bank: QuestionBank) -> String {
        let domain = bank.domain(id: topic.domainID)?.name ?? topic.domainID
        let name = topic.name == domain ? topic.name : "\(topic.name) (\(domain))"
        let evidence = topic.mastery.hasEvidence ? PlainText.percent(topic.mastery.value * 100) : "not yet studied"
        return "\(name): mastery \(evidence), \(PlainText.percent(topic.examWeight)) of the exam"
    }
}
