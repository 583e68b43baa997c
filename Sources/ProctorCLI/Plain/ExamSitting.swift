import BankXML
import ProctorCore
import ProctorStore

/// Sits a stored exam attempt in plain mode from where it stands, then finishes and reports it.
/// `take` and `resume` both end here.
struct ExamSitting {
    let store: ProgressStore
    let bank: QuestionBank
    var console: any PlainConsole = StandardConsole()
    var clock: any ExamClock = SystemClock()
    /// Seconds between clock ticks recorded while waiting for input; `nil` records none (tests).
    var tickInterval: Double? = 1

    /// Runs the attempt; returns the report when it was submitted, `nil` when it was stopped.
    @discardableResult
    func sit<Generator: RandomNumberGenerator>(_ attempt: StoredAttempt, using generator: inout Generator) throws(StoreError) -> ScoreReport? {
        let live = LiveAttempt(id: attempt.id, session: attempt.session, store: store, clock: clock)
        if let tickInterval {
            let console = console
            live.startTicking(every: tickInterval) { events in
                for event in events {
                    switch event {
                    case .submitted(.timeout, _):
                        console.line("")
                        console.line("Time is up: the exam was submitted. Press Enter to see your report.")
                    case .breakEnded:
                        console.line("")
                        console.line("The break is over: the exam clock is running. Press Enter to go on.")
                    case .opened, .closed, .clock, .breakClock, .answered, .flagged, .struck, .moved,
                         .breakStarted, .breakSkipped, .submitted, .rejected:
                        continue
                    }
                }
            }
        }
        let end = try PlainExam(live: live, bank: bank, console: console).run()
        live.stopTicking()
        switch end {
        case .stopped:
            return nil
        case .submitted:
            let finish = AttemptFinish(store: store, bank: bank, scoring: AttemptFinish.scoring(for: attempt.form, in: bank),
                                       scheduler: FSRSScheduler())
            let report = try finish.finishExam(attempt, session: live.session, at: clock.now(), using: &generator)
            console.lines(ReportText.summary(report, kind: .exam))
            console.line("")
            console.line("Your answers with explanations: proctor results \(attempt.id) --wrong")
            return report
        }
    }
}

extension GlobalOptions {
    /// The progress database, opened (and created when missing).
    func openStore() throws(StoreError) -> ProgressStore {
        try ProgressStore(path: databasePath)
    }
}

extension BankCatalog {
    /// The bank an attempt was drawn from, with every question of its form still in it.
    func requireBank(for form: ExamForm) throws -> QuestionBank {
        let bank = try requireBank(form.bankID)
        let missing = form.items.map(\.questionID).filter { bank.question(id: $0) == nil }
        guard missing.isEmpty else {
            let listed = missing.prefix(5).joined(separator: ", ") + (missing.count > 5 ? ", ..." : "")
            throw UserError("bank '\(bank.id)' (version \(bank.version)) no longer has \(missing.count) question"
                            + "\(missing.count == 1 ? "" : "s") of this attempt (drawn from version \(form.bankVersion)): \(listed)")
        }
        return bank
    }
}
