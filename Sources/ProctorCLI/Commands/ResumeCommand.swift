import ArgumentParser
import BankXML
import ProctorCore
import ProctorStore
import ProctorTerminal

/// `proctor resume [ATTEMPT]`: carry on an unfinished exam where it stopped.
struct ResumeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Carry on an unfinished exam exactly where it stopped.",
        discussion: "Every answer, flag and struck option is there, and the time left is what it was when it stopped."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The attempt's number as 'proctor history' prints it (default: the latest unfinished exam).")
    var attempt: Int?

    @Flag(help: "Run line by line, for screen readers and scripts (the default when input is not a terminal).")
    var plain = false

    func run() throws {
        let store = try global.openStore()
        guard let id = try attempt ?? store.unfinishedAttempts().first?.id else {
            throw UserError("there is no unfinished exam to resume; start one with: proctor take EXAM")
        }
        // Read the attempt only once it is ours: another process may be recording events into it.
        let lock = try AttemptLock(attempt: id, databasePath: global.databasePath)
        defer { withExtendedLifetime(lock) {} }
        guard let stored = try store.attempt(id: id) else {
            throw UserError("there is no attempt \(id); run: proctor history")
        }
        guard stored.kind == .exam else {
            throw UserError("attempt \(id) is a practice set, which is not resumed; start another with: proctor practice \(stored.form.bankID)")
        }
        guard stored.status == .inProgress else {
            throw UserError("attempt \(id) is \(stored.status.rawValue); see it with: proctor results \(id)")
        }
        let bank = try global.catalog().requireBank(for: stored.form)
        let session = stored.session
        var generator = SystemRandomNumberGenerator()
        if FullScreen.isAvailable(plain: plain) {
            try FullScreenSitting(store: store, bank: bank, noColor: global.noColor).sit(stored, using: &generator)
            return
        }
        let console = StandardConsole()
        var line = "Resuming attempt \(id): \(bank.exam(id: stored.form.examID)?.name ?? stored.form.examID), "
        line += "\(session.form.items.count - session.unansweredCount) of \(session.form.items.count) answered"
        if let left = session.remainingSeconds { line += ", time left \(PlainText.clock(left))" }
        console.line(line + ".")
        try ExamSitting(store: store, bank: bank, console: console).sit(stored, using: &generator)
    }
}
