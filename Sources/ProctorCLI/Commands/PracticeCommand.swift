import ArgumentParser
import BankXML
import ProctorCore
import ProctorStore
import ProctorTerminal

/// `proctor practice BANK`: untimed questions with the answer and explanation after each.
struct PracticeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "practice",
        abstract: "Untimed practice, with the right answer and explanation after each question.",
        discussion: """
            Questions you have seen least come first. After each answer you see the verdict and the \
            explanation, then rate how it went (unless --no-srs) to schedule the question for review.

            \(AnswerRating.explanation)
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The bank's id (see 'proctor banks').")
    var bank: String

    @Option(name: .customLong("domain"), help: ArgumentHelp("Only this domain (repeatable).", valueName: "domain"))
    var domains: [String] = []

    @Option(name: .customLong("topic"), help: ArgumentHelp("Only this topic (repeatable).", valueName: "topic"))
    var topics: [String] = []

    @Option(help: "How many questions.")
    var count = 10

    @Option(help: "The seed that picks and shuffles the questions.")
    var seed: UInt64?

    @Flag(help: "Run line by line, for screen readers and scripts (the default when input is not a terminal).")
    var plain = false

    @Flag(name: .customLong("no-srs"), help: "Keep these answers out of the review schedule.")
    var noSRS = false

    func validate() throws {
        guard (1...1_000).contains(count) else { throw ValidationError("--count must be between 1 and 1000.") }
    }

    func run() throws {
        let bank = try global.catalog().requireBank(self.bank)
        for domain in domains where bank.domain(id: domain) == nil {
            throw UserError("bank '\(bank.id)' has no domain '\(domain)'. Its domains: \(bank.domains.map(\.id).joined(separator: ", "))")
        }
        for topic in topics where bank.topic(id: topic) == nil {
            let known = bank.domains.flatMap { $0.topics.map(\.id) }
            throw UserError("bank '\(bank.id)' has no topic '\(topic)'. Its topics: \(known.isEmpty ? "none" : known.joined(separator: ", "))")
        }
        let store = try global.openStore()
        let seed = self.seed ?? UInt64.random(in: .min ... .max)
        let items = selectPracticeItems(from: bank, domainIDs: Set(domains), topicIDs: Set(topics), count: count,
                                        seed: seed, exposure: try store.exposureCounts(bank: bank.id))
        guard !items.isEmpty else { throw UserError("no question of bank '\(bank.id)' matches the --domain and --topic given") }
        let form = ExamForm(examID: "practice", bankID: bank.id, bankVersion: bank.version, seed: seed,
                            timeLimitSeconds: 0, items: items)
        let clock = SystemClock()
        let id = try store.startAttempt(form: form, kind: .practice, feedsSchedule: !noSRS, at: clock.now())
        let console = StandardConsole()
        let live = LiveAttempt(id: id, session: ExamSession(form: form), store: store, clock: clock)
        let status: AttemptStatus
        var interruption: TerminalInterruption?
        if FullScreen.isAvailable(plain: plain) {
            var practice = FullScreenPractice(live: live, bank: bank, scheduler: FSRSScheduler(), feedsSchedule: !noSRS,
                                              generator: SystemRandomNumberGenerator(), noColor: global.noColor)
            (status, interruption) = try practice.run()
        } else {
            console.line("Attempt \(id): practice, \(items.count) question\(items.count == 1 ? "" : "s") from \(bank.title). "
                         + "Type the letter of your answer; ? lists the commands; submit ends the set.")
            var practice = PlainPractice(live: live, bank: bank, console: console, scheduler: FSRSScheduler(),
                                         feedsSchedule: !noSRS, generator: SystemRandomNumberGenerator())
            status = try practice.run()
        }
        let finish = AttemptFinish(store: store, bank: bank, scoring: AttemptFinish.scoring(for: form, in: bank),
                                   scheduler: FSRSScheduler())
        let report = finish.report(live.session, attempt: id, status: status)
        try store.finishAttempt(id, status: status, report: report, reviews: [], at: clock.now())
        console.lines(ReportText.summary(report, kind: .practice))
        if let interruption { throw ExitCode(interruption.exitCode) }
    }
}
