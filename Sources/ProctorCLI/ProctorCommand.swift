import ArgumentParser
import BankXML
import Foundation
import ProctorCore
import ProctorStore
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
    @OptionGroup var study: StudyOptions

    public init() {}

    public func run() throws {
        if FullScreen.isAvailable(plain: false) {
            try HomeLauncher(global: global).run()
            return
        }
        let now = try study.clock().now()
        Output.lines(Self.summary(catalog: global.catalog(), databasePath: global.databasePath, at: now,
                                  calendar: study.calendar(at: now)))
    }

    /// Every command, briefly, in the order a learner meets them (cli.md, "Commands").
    static let commands: [(usage: String, does: String)] = [
        ("take EXAM", "sit a timed exam in the real exam's form"),
        ("practice BANK", "untimed questions, each answer explained"),
        ("resume [ATTEMPT]", "carry on an unfinished exam"),
        ("review [BANK]", "the questions due for review, then new ones"),
        ("drill BANK --weak", "questions from your weakest topics"),
        ("stats [BANK]", "mastery, reviews coming due, accuracy over time"),
        ("history", "past attempts and their scores"),
        ("results ATTEMPT", "the score report of one attempt"),
        ("banks", "installed banks and their exams"),
        ("lint PATH...", "check banks you write"),
        ("show BANK QUESTION", "one question as the exam screen shows it"),
        ("new BANK-ID", "a new bank skeleton to start from"),
        ("srs replay LOG.csv", "run a review log through the scheduler"),
    ]

    /// What `proctor` prints without a terminal: the exams, the reviews due today when there is a
    /// progress database (it is not created for this), and every command.
    static func summary(catalog: BankCatalog, databasePath: String, at now: Timestamp, calendar: StudyCalendar) -> [String] {
        var lines = ["Proctor: certification practice exams and spaced-repetition review.", ""]
        let exams = catalog.banks.flatMap { bank in bank.exams.map { (bank, $0) } }
        if exams.isEmpty {
            lines.append("No banks installed. Write one with: proctor new my-bank")
        } else {
            lines.append("Exams:")
            for (bank, exam) in exams {
                lines.append("  \(exam.id.padding(24))\(exam.name) (\(exam.questionCount) questions, \(exam.minutes) min) [\(bank.id)]")
            }
        }
        if FileManager.default.fileExists(atPath: databasePath) {
            lines.append("")
            lines.append(reviewsDueToday(catalog: catalog, databasePath: databasePath, at: now, calendar: calendar))
        }
        lines.append("")
        lines.append("Commands:")
        let width = commands.map(\.usage.count).max() ?? 0
        for command in commands {
            lines.append("  proctor \(command.usage.padding(width + 2))\(command.does)")
        }
        lines.append("Run 'proctor help COMMAND' for details.")
        return lines
    }

    /// `Reviews due today: 5 (aws-saa 3, csm 2); run: proctor review`, counting what `review` would
    /// show before the day ends: cards of installed questions that are not set aside as leeches.
    static func reviewsDueToday(catalog: BankCatalog, databasePath: String, at now: Timestamp,
                                calendar: StudyCalendar) -> String {
        let today = calendar.day(of: now)
        var perBank: [(bank: String, due: Int)] = []
        do {
            let store = try ProgressStore(path: databasePath)
            defer { try? store.close() }
            let banks = Dictionary(catalog.banks.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            for bankID in try store.bankIDsWithCards() {
                guard let bank = banks[bankID] else { continue }
                let states = try store.studyCards(bank: bankID)
                    .filter { !$0.isSuspended && bank.question(id: $0.questionID) != nil }.map(\.state)
                let due = StudyStats.dueForecast(states, calendar: calendar, today: today, days: 1)[0]
                if due > 0 { perBank.append((bankID, due)) }
            }
        } catch {
            return "Reviews due today: unknown; \(error)"
        }
        guard !perBank.isEmpty else { return "No reviews due today." }
        let total = perBank.reduce(0) { $0 + $1.due }
        let banks = perBank.map { "\($0.bank) \($0.due)" }.joined(separator: ", ")
        return "Reviews due today: \(total) (\(banks)); run: proctor review"
    }
}

extension String {
    /// Padded with spaces to at least `width` terminal columns, with at least one space after it
    /// (for aligned lists; wide characters count twice, as on screen).
    func padding(_ width: Int) -> String {
        DisplayWidth.of(self) >= width ? self + " " : TextWrap.pad(self, to: width)
    }
}
