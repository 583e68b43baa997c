import ArgumentParser
import BankXML
import ProctorCore
import ProctorStore
import ProctorTerminal

/// Sits a stored exam attempt on the full screen from where it stands: the exam screens, then (when
/// it is submitted) the attempt finished and its score report with the answer walk-through.
/// `take` and `resume` use it on a terminal; `ExamSitting` is the same in plain mode.
struct FullScreenSitting {
    let store: ProgressStore
    let bank: QuestionBank
    let noColor: Bool
    var clock: any ExamClock = SystemClock()

    /// Runs the attempt; returns the report when it was submitted, `nil` when it was stopped.
    /// A signal ends it with `ExitCode(128 + signal)` once the terminal is restored.
    @discardableResult
    func sit<Generator: RandomNumberGenerator>(_ attempt: StoredAttempt, using generator: inout Generator) throws -> ScoreReport? {
        let examName = bank.exam(id: attempt.form.examID)?.name ?? attempt.form.examID
        let content = ExamContent(bank: bank, examName: examName)
        let clock = clock
        let store = store
        let id = attempt.id
        var driver = FullScreenExamDriver(session: attempt.session, content: content, now: { clock.now() },
                                          onEvent: { event in try store.record(event, attempt: id, at: clock.now()) })
        var report: ScoreReport?
        do {
            try FullScreen.run(noColorFlag: noColor) { screen in
                guard case .submitted(let session) = try driver.run(on: screen) else { return }
                let finish = AttemptFinish(store: store, bank: bank, scoring: AttemptFinish.scoring(for: attempt.form, in: bank),
                                           scheduler: FSRSScheduler())
                let finished = try finish.finishExam(attempt, session: session, at: clock.now(), using: &generator)
                report = finished
                var results = FullScreenResultsDriver(report: finished, form: attempt.form, content: content)
                try results.run(on: screen)
            }
        } catch let interruption as TerminalInterruption {
            Output.error("Stopped (\(interruption)). Carry on with: proctor resume \(id)")
            throw ExitCode(interruption.exitCode)
        }
        if let report {
            Output.lines(ReportText.summary(report, kind: .exam))
            Output.line()
            Output.line("Your answers with explanations: proctor results \(id) --wrong")
        } else {
            Output.line("Stopped with your answers kept. Carry on with: proctor resume \(id)")
        }
        return report
    }
}
