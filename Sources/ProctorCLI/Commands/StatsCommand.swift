import ArgumentParser
import BankXML
import ProctorCore
import ProctorStore

/// `proctor stats [BANK]`: mastery, reviews coming due, accuracy and exam scores over time, streak.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Show mastery by domain and topic, reviews due, accuracy over time and your streak.",
        discussion: """
            Mastery blends the smoothed share of right answers, (correct + 2) / (answers + 4), with how \
            well you remember the questions now: the mean FSRS retrievability of their cards, smoothed \
            the same way, (ΣR + 1) / (cards + 2). With no card reviewed it is the accuracy alone; with \
            no evidence at all it reads "-". The streak counts consecutive days with a review; a day \
            begins at 4 a.m. local time. Without BANK, every installed bank you have studied is shown.
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var study: StudyOptions

    @Argument(help: "The bank's id (see 'proctor banks'); without it, every bank you have studied.")
    var bank: String?

    @Flag(help: "Print the statistics as JSON.")
    var json = false

    func run() throws {
        let now = try study.clock().now()
        let catalog = global.catalog()
        let store = try global.openStore()
        let banks: [QuestionBank]
        if let id = bank {
            banks = [try catalog.requireBank(id)]
        } else {
            let studied = Set(try store.bankIDsWithCards()).union(try store.history().map(\.bankID))
            banks = catalog.banks.filter { studied.contains($0.id) }
        }
        let report = try StudyReport(banks: banks, bank: bank, store: store, at: now, calendar: study.calendar(at: now))
        if json {
            try Output.json(report)
        } else if banks.isEmpty {
            Output.line("No study yet. Start with 'proctor review BANK', 'proctor practice BANK' or 'proctor take EXAM'.")
        } else {
            Output.lines(report.lines)
        }
    }
}
