import Foundation
import Testing

/// A tmux server of its own with one window: the real `proctor` binary on a real terminal, driven
/// with `send-keys` and read with `capture-pane`, as a person at the keyboard would.
final class TmuxSession {
    enum Failure: Error, CustomStringConvertible {
        case timedOut(waitingFor: String, screen: String)
        case tmux(String)

        var description: String {
            switch self {
            case .timedOut(let text, let screen): "timed out waiting for \(text.debugDescription); the screen:\n\(screen)"
            case .tmux(let message): "tmux: \(message)"
            }
        }
    }

    /// The tmux executable, if one is installed.
    static let executable = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    } ?? "tmux"

    /// Whether tmux is installed; the tests are skipped without it.
    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: executable) }

    /// The server's socket name, unique to this session.
    private let socket = "proctor-tests-\(UUID().uuidString.prefix(8))"

    /// A detached window of `columns` × `rows` running a plain bash.
    init(columns: Int = 80, rows: Int = 24) throws {
        try tmux(["-f", "/dev/null", "new-session", "-d", "-s", "main", "-x", String(columns), "-y", String(rows),
                  "env -i PATH=/usr/bin:/bin HOME=/tmp TERM=xterm-256color LANG=C.UTF-8 bash --norc --noprofile"])
        try tmux(["set-option", "-t", "main", "window-size", "manual"])
    }

    deinit {
        _ = try? tmux(["kill-server"])
    }

    /// Runs `tmux -L socket arguments...` and returns what it printed.
    ///
    /// Spawned and reaped by hand: `Process` on Linux notices a child's end by a descriptor the
    /// child inherits, and the tmux server that `new-session` starts keeps it open for as long as
    /// the server runs, so `waitUntilExit` would never return.
    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("\(socket)-\(UUID().uuidString).out")
        defer { try? FileManager.default.removeItem(at: file) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, file.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let words = [Self.executable, "-L", socket] + arguments
        let environment = ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
        let argv = words.map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        // The test runner's threads block signals, and a spawned child would inherit that mask:
        // tmux, the shell and proctor get an empty mask and default handlers instead.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var defaults = sigset_t()
        sigfillset(&defaults)
        sigdelset(&defaults, SIGKILL)
        sigdelset(&defaults, SIGSTOP)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, Self.executable, &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw Failure.tmux("cannot start \(Self.executable): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        // A normal exit with status 0: the low 7 bits hold no signal and the next 8 bits are 0.
        guard status & 0x7F == 0, (status >> 8) & 0xFF == 0 else { throw Failure.tmux("\(arguments.first ?? ""): \(text)") }
        return text
    }

    /// Types a line of shell and presses Enter.
    func run(_ line: String) throws {
        try tmux(["send-keys", "-t", "main", "-l", line])
        try tmux(["send-keys", "-t", "main", "Enter"])
    }

    /// Presses keys by tmux's names (`Enter`, `Down`, `C-c`) or as single characters.
    func press(_ keys: String...) throws {
        try tmux(["send-keys", "-t", "main"] + keys)
    }

    /// What the window shows now, one row a line.
    func screen() throws -> String {
        try tmux(["capture-pane", "-p", "-t", "main"])
    }

    /// Makes the window this size (SIGWINCH for the program in it).
    func resize(columns: Int, rows: Int) throws {
        try tmux(["resize-window", "-t", "main", "-x", String(columns), "-y", String(rows)])
    }

    /// Waits until the screen shows `text`; returns the screen.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 15) throws -> String {
        try waitUntil(text, timeout: timeout) { $0.contains(text) }
    }

    /// Waits until `isReady` holds for the screen; returns the screen. `what` names it for errors.
    @discardableResult
    func waitUntil(_ what: String, timeout: Double = 15, _ isReady: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if isReady(last) { return last }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw Failure.timedOut(waitingFor: what, screen: last)
    }
}

/// The full-screen front end to end: the real binary in tmux.
@Suite("Full screen in tmux", .serialized, .enabled(if: TmuxSession.isAvailable))
struct TmuxTests {
    /// `proctor ARGUMENTS` with the fixture's banks and database, then its exit status and the
    /// terminal settings before and after, written beside the fixture.
    private func launch(_ arguments: String, in tmux: TmuxSession, fixture: PlainFixture) throws {
        let binary = try ProctorProcess.binary().path
        let folder = fixture.folder.path
        // `exec` keeps the process id written to proctor.pid, for the signal tests.
        try tmux.run("clear; stty -a > \(folder)/stty-before.txt; bash -c 'echo $$ > \(folder)/proctor.pid; exec \(binary) "
                     + "\(arguments) --banks \(fixture.banks) --db \(fixture.database)'; echo EXIT=$?; "
                     + "stty -a > \(folder)/stty-after.txt; echo SAVED")
    }

    /// The terminal settings before and after the run; the test fails unless they are the same
    /// and cooked (canonical, echoing).
    private func expectRestored(_ fixture: PlainFixture, sourceLocation: SourceLocation = #_sourceLocation) throws {
        // The window size is not a setting the program restores: a test that resizes changes it.
        func settings(_ name: String) throws -> String {
            let text = try String(contentsOf: fixture.folder.appendingPathComponent(name), encoding: .utf8)
            return text.replacingOccurrences(of: #"rows \d+; columns \d+;"#, with: "", options: .regularExpression)
        }
        let after = try settings("stty-after.txt")
        #expect(after == (try settings("stty-before.txt")), sourceLocation: sourceLocation)
        let flags = after.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init)
        #expect(flags.contains("echo") && flags.contains("icanon") && flags.contains("isig"),
                "not cooked mode with echo: \(after)", sourceLocation: sourceLocation)
    }

    /// Answers the question on `screen`, whatever its kind (the form's order depends on the seed).
    /// A numeric answer is saved by Enter, which also goes on to the next question.
    private func answer(_ screen: String, in tmux: TmuxSession) throws {
        if screen.contains("Match each item") {
            try tmux.press("1", "a")
        } else if screen.contains("Put these in order") {
            try tmux.press("a", "b", "c")
        } else if screen.contains("Type a number") {
            try tmux.press("4", "2", "Enter")
        } else {
            try tmux.press("a")
        }
    }

    @Test func anExamFromStartToScoreReport() throws {
        let fixture = try PlainFixture()
        defer { fixture.remove() }
        let tmux = try TmuxSession()
        try launch("take e2e-exam --seed 5", in: tmux, fixture: fixture)
        var screen = try tmux.waitFor("Question 1 of 6")
        #expect(screen.contains("Fixture exam"))
        #expect(screen.contains("Time left 9:5") || screen.contains("Time left 10:00"))

        try tmux.press("m")
        try tmux.waitFor("[Flagged]")
        try answer(screen, in: tmux)
        screen = try tmux.waitFor("Answered 1 of 6")
        if screen.contains("Question 1 of 6") { try tmux.press("Enter") }
        try tmux.waitFor("Question 2 of 6")

        try tmux.press("r")
        screen = try tmux.waitFor("Review · Fixture exam")
        #expect(screen.contains("flagged"))
        #expect(screen.contains("› Question 2"))
        try tmux.press("Down", "Enter")
        screen = try tmux.waitFor("Question 3 of 6")

        try tmux.resize(columns: 120, rows: 40)
        screen = try tmux.waitUntil("a header across 120 columns") { screen in
            let header = screen.split(separator: "\n").first ?? ""
            return header.contains("Question 3 of 6") && header.count > 100
        }
        let rows = screen.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(rows.contains { $0.hasPrefix(" a-") || $0.hasPrefix(" 1-") || $0.hasPrefix(" 0-9") },
                "the footer is drawn on the new last row")
        try tmux.resize(columns: 70, rows: 20)
        try tmux.waitFor("Proctor needs at least 80×24.")
        try tmux.resize(columns: 100, rows: 30)
        try tmux.waitUntil("the exam again at 100 columns") { screen in
            screen.contains("Question 3 of 6") && !screen.contains("Proctor needs at least")
        }

        try tmux.press("s")
        screen = try tmux.waitFor("Submit the exam?")
        #expect(screen.contains("Answered 1 of 6."))
        #expect(screen.contains("Flagged for review: 1"))
        try tmux.press("y")
        screen = try tmux.waitFor("Score report · Fixture exam")
        #expect(screen.contains("Result"))
        #expect(screen.contains("pass mark 50%"))
        #expect(screen.contains("Alpha") && screen.contains("Beta"))
        #expect(screen.contains("Time used"))
        #expect(screen.contains("Submitted by you."))

        try tmux.press("w")
        screen = try tmux.waitFor("Answers · Fixture exam · Question 1 of 6")
        #expect(screen.contains("Your answer:") && !screen.contains("(no answer)"))
        try tmux.press("q")
        screen = try tmux.waitFor("SAVED")
        #expect(screen.contains("EXIT=0"))
        #expect(screen.contains("Result: "))
        try expectRestored(fixture)
    }

    @Test func ctrlCQuitsAndRestoresTheTerminal() throws {
        let fixture = try PlainFixture()
        defer { fixture.remove() }
        let tmux = try TmuxSession()
        try launch("take e2e-exam --seed 6", in: tmux, fixture: fixture)
        try answer(try tmux.waitFor("Question 1 of 6"), in: tmux)
        try tmux.waitFor("Answered 1 of 6")
        try tmux.press("C-c")
        let screen = try tmux.waitFor("SAVED")
        #expect(screen.contains("EXIT=0"))
        #expect(screen.contains("proctor resume 1"))
        try expectRestored(fixture)

        // Nothing was lost: resuming shows the answer given.
        try launch("resume 1", in: tmux, fixture: fixture)
        try tmux.waitFor("Answered 1 of 6")
        try tmux.press("q")
        try tmux.waitFor("SAVED")
    }

    @Test func sigtermRestoresTheTerminalAndKeepsTheAttempt() throws {
        let fixture = try PlainFixture()
        defer { fixture.remove() }
        let tmux = try TmuxSession()
        try launch("take e2e-exam --seed 7", in: tmux, fixture: fixture)
        try answer(try tmux.waitFor("Question 1 of 6"), in: tmux)
        try tmux.waitFor("Answered 1 of 6")
        try signalProctor(SIGTERM, fixture: fixture)
        let screen = try tmux.waitFor("SAVED")
        #expect(screen.contains("EXIT=143"))
        try expectRestored(fixture)
        try launch("resume", in: tmux, fixture: fixture)
        try tmux.waitFor("Answered 1 of 6")
        try signalProctor(SIGHUP, fixture: fixture)
        #expect(try tmux.waitFor("SAVED").contains("EXIT=129"))
        try expectRestored(fixture)
    }

    /// Sends `signal` to the proctor process the last `launch` started, by its process id.
    private func signalProctor(_ signal: Int32, fixture: PlainFixture) throws {
        let text = try String(contentsOf: fixture.folder.appendingPathComponent("proctor.pid"), encoding: .utf8)
        let pid = try #require(Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(kill(pid, signal) == 0, "no proctor process \(pid) to signal")
    }
}
