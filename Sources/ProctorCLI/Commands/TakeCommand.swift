import ArgumentParser
import BankXML
import ProctorCore
import ProctorStore
import ProctorTerminal

/// `proctor take EXAM`: a timed exam in the real exam's form.
struct TakeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "take",
        abstract: "Sit a timed exam in the real exam's form.",
        discussion: """
            The form follows the exam's length, time, breaks and blueprint, with options shuffled; the \
            questions you have seen least come first. Every answer is saved as you give it: quit (or a \
            crash) keeps it all, and 'proctor resume' carries on. On a terminal the exam fills the screen \
            (? lists the keys); with --plain, or when input is not a terminal, it runs line by line.

            Unless --no-srs is given, the answers also feed the review schedule when the exam ends, \
            each rated by the rule below without asking (practice lets you choose).

            \(AnswerRating.explanation)
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The exam's id (see 'proctor banks').")
    var exam: String

    @Option(help: "The seed that draws the form: the same seed and history give the same form.")
    var seed: UInt64?

    @Option(help: "A form of this many questions instead of the exam's; time, pretest and breaks scale with it.")
    var questions: Int?

    @Option(help: "A time limit in minutes instead of the exam's (0: untimed).")
    var minutes: Int?

    @Flag(help: "Run line by line, for screen readers and scripts (the default when input is not a terminal).")
    var plain = false

    @Flag(name: .customLong("no-srs"), help: "Keep this exam's answers out of the review schedule.")
    var noSRS = false

    func validate() throws {
        if let questions, !(1...ExamForm.maximumLength).contains(questions) {
            throw ValidationError("--questions must be between 1 and \(ExamForm.maximumLength).")
        }
        if let minutes, !(0...100_000).contains(minutes) {
            throw ValidationError("--minutes must be between 0 and 100000.")
        }
    }

    func run() throws {
        let catalog = global.catalog()
        let (exam, bank) = try catalog.requireExam(self.exam)
        let store = try global.openStore()
        let seed = self.seed ?? UInt64.random(in: .min ... .max)
        let form: ExamForm
        do {
            form = try assembleForm(from: bank, exam: exam, seed: seed, exposure: try store.exposureCounts(bank: bank.id),
                                    length: questions, minutes: minutes)
        } catch let error as AssemblyError {
            throw UserError("cannot draw a form of exam '\(exam.id)': \(error.message)")
        }
        let id = try store.startAttempt(form: form, kind: .exam, feedsSchedule: !noSRS, at: SystemClock().now())
        let lock = try AttemptLock(attempt: id, databasePath: global.databasePath)
        defer { withExtendedLifetime(lock) {} }
        guard let attempt = try store.attempt(id: id) else { throw StoreError.noSuchAttempt(id) }
        var generator = SystemRandomNumberGenerator()
        if FullScreen.isAvailable(plain: plain) {
            try FullScreenSitting(store: store, bank: bank, noColor: global.noColor).sit(attempt, using: &generator)
            return
        }
        let console = StandardConsole()
        let time = form.isTimed ? PlainText.duration(seconds: form.timeLimitSeconds) : "untimed"
        var breaks = ""
        if !form.breaks.isEmpty {
            breaks = ", breaks after question " + form.breaks.map { String($0.after) }.joined(separator: " and ")
        }
        console.line("Attempt \(id): \(exam.name), \(form.items.count) questions, \(time)\(breaks) (seed \(seed)).")
        console.line("Type the letter of your answer at each prompt; ? lists the commands; quit keeps your answers for later.")
        try ExamSitting(store: store, bank: bank, console: console).sit(attempt, using: &generator)
    }
}
