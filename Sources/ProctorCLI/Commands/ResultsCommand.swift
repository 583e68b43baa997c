import ArgumentParser
import BankXML
import ProctorCore
import ProctorStore

/// `proctor results ATTEMPT`: the score report of one attempt and its answers.
struct ResultsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "results",
        abstract: "Show the score report of one attempt and a walk through its answers.",
        discussion: "--json gives the whole report: attempt, exam, bank, times, status, score, domains and every question in the order shown."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The attempt's number as 'proctor history' prints it.")
    var attempt: Int

    @Flag(help: "Print the report as JSON.")
    var json = false

    @Flag(help: "Walk through the questions answered wrongly or not at all, with explanations.")
    var wrong = false

    func run() throws {
        let store = try global.openStore()
        guard let stored = try store.attempt(id: attempt) else {
            let numbers = try store.history().map(\.id)
            let known = numbers.isEmpty ? "there are none yet" : "attempts are \(numbers.min() ?? 0) to \(numbers.max() ?? 0)"
            throw UserError("there is no attempt \(attempt) (\(known)); run: proctor history")
        }
        let catalog = global.catalog()
        let bank = catalog.bank(id: stored.form.bankID)
        let session = stored.session
        let report: ScoreReport
        if let saved = stored.report {
            report = saved
        } else {
            guard let bank else { throw UserError("bank '\(stored.form.bankID)' is not installed, so attempt \(attempt) cannot be scored") }
            let finish = AttemptFinish(store: store, bank: bank, scoring: AttemptFinish.scoring(for: stored.form, in: bank),
                                       scheduler: FSRSScheduler())
            report = finish.report(session, attempt: stored.id, status: stored.status)
        }
        if json {
            try Output.json(ResultsDocument(report: report, kind: stored.kind, startedAt: stored.startedAt,
                                            finishedAt: stored.finishedAt,
                                            timeLeftSeconds: stored.status == .inProgress ? session.remainingSeconds : nil))
            return
        }
        var lines = ReportText.summary(report, kind: stored.kind)
        if wrong {
            guard let bank = try? catalog.requireBank(for: stored.form) else {
                throw UserError("bank '\(stored.form.bankID)' is not installed (or has changed), so its explanations cannot be shown")
            }
            lines += ReportText.walkThrough(report, form: stored.form, bank: bank, session: session, wrongOnly: true)
        } else {
            lines += ReportText.questionList(report, form: stored.form, bank: bank)
            if report.questions.contains(where: { !$0.isCorrect }) {
                lines += ["", "Your mistakes with explanations: proctor results \(attempt) --wrong"]
            }
        }
        Output.lines(lines)
    }
}
