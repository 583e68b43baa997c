import ArgumentParser
import ProctorTerminal

/// `proctor`: certification study and practice exams in the terminal.
public struct ProctorCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "proctor",
        abstract: "Certification study and practice exams in the terminal.",
        discussion: """
            Timed practice exams in the real exam's form, spaced-repetition review (FSRS-6), weak-topic \
            drills, and question banks you can write yourself in a documented XML format.
            """,
        version: "0.1.0",
        subcommands: [
            BanksCommand.self, LintCommand.self, ShowCommand.self, NewCommand.self,
            TakeCommand.self, PracticeCommand.self, ResumeCommand.self, HistoryCommand.self, ResultsCommand.self,
            ReviewCommand.self, DrillCommand.self, StatsCommand.self, SrsCommand.self,
        ]
    )

    @OptionGroup var global: GlobalOptions

    public init() {}

    public func run() throws {
        if FullScreen.isAvailable(plain: false) {
            try HomeLauncher(global: global).run()
            return
        }
        let catalog = global.catalog()
        Output.line("Proctor: certification practice exams and spaced-repetition review.")
        Output.line()
        let exams = catalog.banks.flatMap { bank in bank.exams.map { (bank, $0) } }
        if exams.isEmpty {
            Output.line("No banks installed. Write one with: proctor new my-bank")
        } else {
            Output.line("Exams:")
            for (bank, exam) in exams {
                Output.line("  \(exam.id.padding(24))\(exam.name) (\(exam.questionCount) questions, \(exam.minutes) min) [\(bank.id)]")
            }
        }
        Output.line()
        Output.line("Commands: proctor banks | lint PATH | show BANK QUESTION | new BANK-ID")
        Output.line("Run 'proctor help COMMAND' for details.")
    }
}

extension String {
    /// Padded with spaces to at least `width` characters (for simple aligned lists).
    func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
