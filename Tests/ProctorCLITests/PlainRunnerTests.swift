import Foundation
import ProctorCore
import ProctorStore
import Synchronization
import Testing
@testable import ProctorCLI

/// A clock the test moves by hand.
final class ManualClock: ExamClock {
    private let time = Mutex(Timestamp(secondsSince1970: 1_780_000_000))

    func now() -> Timestamp { time.withLock { $0 } }

    func advance(_ seconds: Double) { time.withLock { $0 = $0.adding(seconds: seconds) } }
}

/// Typed lines from a script; `wait` steps move the clock before the next line is read.
final class ScriptedConsole: PlainConsole {
    enum Step {
        case type(String)
        case wait(Double)
    }

    private let steps: Mutex<[Step]>
    private let written = Mutex("")
    let clock: ManualClock

    init(_ steps: [Step], clock: ManualClock) {
        self.steps = Mutex(steps)
        self.clock = clock
    }

    var output: String { written.withLock { $0 } }

    func readLine() -> String? {
        while true {
            let next: Step? = steps.withLock { $0.isEmpty ? nil : $0.removeFirst() }
            switch next {
            case nil: return nil
            case .wait(let seconds): clock.advance(seconds)
            case .type(let line):
                write(line + "\n")
                return line
            }
        }
    }

    func write(_ text: String) {
        written.withLock { $0 += text }
    }
}

@Suite("Plain mode, in process")
struct PlainRunnerTests {
    static let bank = QuestionBank(
        id: "unit", version: "1", title: "Unit",
        domains: [Domain(id: "d", name: "Domain", weight: 100)],
        exams: [ExamProfile(id: "unit-exam", name: "Unit exam", questionCount: 4, minutes: 10,
                            breaks: [ExamBreak(after: 2, minutes: 5)], scoring: .percent(pass: 50))],
        questions: (1...4).map { number in
            Question(id: "u\(number)", domainID: "d", stem: RichText("Question \(number)?"), kind: .single([
                Option(id: "x", text: "Right \(number)", isCorrect: true), Option(id: "y", text: "Wrong \(number)"),
                Option(id: "z", text: "Other \(number)"),
            ]), explanation: RichText("Because \(number)."))
        }
    )

    /// An unshuffled form of the four questions: A is always right.
    static var form: ExamForm {
        ExamForm(examID: "unit-exam", bankID: "unit", bankVersion: "1", seed: 1, timeLimitSeconds: 600,
                 breaks: [ExamForm.Break(after: 2, limitSeconds: 300)],
                 items: bank.questions.map { ExamForm.Item(unshuffled: $0) })
    }

    /// Sits the form with `steps` typed; returns the console, the report (if submitted) and the store.
    static func sit(_ steps: [ScriptedConsole.Step]) throws -> (ScriptedConsole, ScoreReport?, ProgressStore, Int) {
        let clock = ManualClock()
        let console = ScriptedConsole(steps, clock: clock)
        let store = try ProgressStore.inMemory()
        let id = try store.startAttempt(form: form, kind: .exam, feedsSchedule: true, at: clock.now())
        let attempt = try #require(try store.attempt(id: id))
        var generator = SeededGenerator(seed: 9)
        let report = try ExamSitting(store: store, bank: bank, console: console, clock: clock, tickInterval: nil)
            .sit(attempt, using: &generator)
        return (console, report, store, id)
    }

    @Test("the header reads as cli.md shows it")
    func header() {
        #expect(PlainText.header(number: 3, of: 50, questionID: "csm-0017", flagged: true, remaining: 3130)
                == "Question 3 of 50  [csm-0017]  flagged  time left 52:10")
        #expect(PlainText.header(number: 1, of: 5, questionID: "q", flagged: false, remaining: nil) == "Question 1 of 5  [q]")
        #expect(PlainText.clock(3 * 3600 + 52 * 60 + 10.9) == "3:52:10")
        #expect(PlainText.clock(-5) == "0:00")
    }

    @Test("options print as A) B) C) with the stem above")
    func block() throws {
        let (console, _, _, _) = try Self.sit([])
        #expect(console.output.contains("""
            Question 1 of 4  [u1]  time left 10:00
            Question 1?

              A) Right 1
              B) Wrong 1
              C) Other 1
            answer> 
            """))
    }

    @Test("time running out while the candidate types submits the exam at the limit")
    func timeout() throws {
        let (console, report, store, id) = try Self.sit([.type("a"), .wait(700), .type("b")])
        #expect(console.output.contains("Time is up: the exam was submitted automatically."))
        let finished = try #require(report)
        #expect(finished.submitReason == .timeout)
        #expect(finished.timing.elapsedSeconds == 600)
        #expect(finished.questions.map { $0.answer != nil } == [true, false, false, false])
        #expect(try store.attempt(id: id)?.status == .finished)
    }

    @Test("a break: offered at the end of the section, the clock stops, the section locks")
    func breakOffer() throws {
        let (console, report, _, _) = try Self.sit([
            .type("a"), .wait(10), .type("a"), .type(""), .wait(120), .type(""),
            .type("goto 1"), .type("a"), .type("flag"), .type("submit"), .type("y"),
        ])
        let output = console.output
        #expect(output.contains("End of questions 1-2. Once you go on you cannot return to them."))
        #expect(output.contains("Break: up to 5 minutes. Take it now? [Y/n] \n"))
        #expect(output.contains("On break: the exam clock is stopped. Break time left 5:00."))
        #expect(output.contains("Question 1 is locked: its section ended at a break."))
        #expect(output.contains("Flagged question 4."))
        #expect(output.contains("1 question is unanswered.\nreally submit? [y/N] y"))
        let finished = try #require(report)
        // Ten seconds of exam time; the two minutes of break do not count.
        #expect(finished.timing.elapsedSeconds == 10)
        #expect(finished.correct == 3)
        #expect(finished.submitReason == .candidate)
    }

    @Test("bad lines are explained and asked again; declining the submit keeps the exam going")
    func badLines() throws {
        let (console, report, _, _) = try Self.sit([
            .type("d"), .type("goto x"), .type("strike b"), .type("review"), .type("submit"), .type("n"), .type("quit"),
        ])
        let output = console.output
        #expect(output.contains("answer> d\nChoose one option, A to C. (Type ? for help.)"))
        #expect(output.contains("Type goto and a question number, e.g. goto 12."))
        #expect(output.contains("Struck out B."))
        #expect(output.contains("Review: 0 of 4 answered, 0 flagged."))
        #expect(output.contains("Not submitted."))
        #expect(output.contains("carry on with: proctor resume 1"))
        #expect(report == nil)
    }

    @Test("the ticker records the clock while the candidate is thinking, and stops when told")
    func ticker() async throws {
        let clock = ManualClock()
        let store = try ProgressStore.inMemory()
        let id = try store.startAttempt(form: Self.form, kind: .exam, feedsSchedule: false, at: clock.now())
        let live = LiveAttempt(id: id, session: ExamSession(form: Self.form), store: store, clock: clock)
        try live.perform(.open)
        live.startTicking(every: 0.01) { _ in }
        clock.advance(42)
        var stored = 0.0
        for _ in 0..<200 where stored < 42 {
            try await Task.sleep(for: .milliseconds(10))
            stored = try #require(try store.attempt(id: id)).session.elapsedSeconds
        }
        #expect(stored == 42)
        live.stopTicking()
        clock.advance(5)
        try await Task.sleep(for: .milliseconds(100))
        #expect(try store.attempt(id: id)?.session.elapsedSeconds == 42)
        #expect(try store.history().first?.elapsedSeconds == 42)
    }

    @Test("answers are recorded as given, and a resumed sitting carries on from them")
    func resumeInProcess() throws {
        let (_, report, store, id) = try Self.sit([.type("b"), .wait(30), .type("quit")])
        #expect(report == nil)
        let stored = try #require(try store.attempt(id: id))
        #expect(stored.session.responses[0] == .options(["y"]))
        #expect(stored.session.elapsedSeconds == 30)
        #expect(!stored.session.isOpen)

        let clock = ManualClock()
        clock.advance(3600)  // an hour away costs nothing
        let console = ScriptedConsole([.type("a"), .type("n"), .type("a"), .type("a"), .type("submit")], clock: clock)
        var generator = SeededGenerator(seed: 2)
        let finished = try #require(try ExamSitting(store: store, bank: Self.bank, console: console, clock: clock,
                                                    tickInterval: nil).sit(stored, using: &generator))
        #expect(console.output.contains("Question 2 of 4  [u2]  time left 9:30"))
        #expect(finished.correct == 3)
        #expect(finished.timing.elapsedSeconds == 30)
        // Three right answers and one wrong one went into the schedule.
        #expect(try store.reviewLog(bank: "unit").map(\.rating).sorted { $0.rawValue < $1.rawValue }
                == [.again, .good, .good, .good])
    }
}
