#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ProctorTerminal
import Testing

// Glibc's module map leaves out the Unix 98 pty calls (they need _XOPEN_SOURCE); they are plain C
// functions with integer arguments, so they are declared here by their symbol names.
@_silgen_name("posix_openpt") private func openMasterPTY(_ flags: Int32) -> Int32
@_silgen_name("grantpt") private func grantPTY(_ fd: Int32) -> Int32
@_silgen_name("unlockpt") private func unlockPTY(_ fd: Int32) -> Int32
@_silgen_name("ptsname") private func slaveName(_ fd: Int32) -> UnsafeMutablePointer<CChar>?

/// The real terminal on a pseudo-terminal: raw mode on and off, keys, the window size, and
/// signals turned into keys. Serialized: signals and handlers are process-wide.
@Suite("POSIX terminal", .serialized)
struct POSIXTerminalTests {
    /// A pty pair: the master end plays the person at the keyboard, the slave end is the terminal.
    private func openPTY() throws -> (master: Int32, slave: Int32) {
        let master = openMasterPTY(O_RDWR | O_NOCTTY)
        guard master >= 0, grantPTY(master) == 0, unlockPTY(master) == 0, let name = slaveName(master) else {
            throw TerminalError("no pty")
        }
        let slave = open(name, O_RDWR | O_NOCTTY)
        guard slave >= 0 else { throw TerminalError("cannot open the pty's slave end") }
        return (master, slave)
    }

    private func settings(_ fd: Int32) -> termios {
        var settings = termios()
        _ = tcgetattr(fd, &settings)
        return settings
    }

    /// What the program wrote to the terminal so far.
    private func drain(_ master: Int32) -> String {
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 50) > 0 else { break }
            let count = read(master, &buffer, buffer.count)
            guard count > 0 else { break }
            output += buffer.prefix(count)
        }
        return String(decoding: output, as: UTF8.self)
    }

    private func type(_ text: String, into master: Int32) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    @Test func rawModeKeysAndRestore() throws {
        let (master, slave) = try openPTY()
        defer { close(master); close(slave) }
        let before = settings(slave)
        #expect(before.c_lflag & tcflag_t(ECHO) != 0)
        #expect(before.c_lflag & tcflag_t(ICANON) != 0)
        let terminal = try POSIXTerminal(input: slave, output: slave)
        try terminal.enterFullScreen()
        let raw = settings(slave)
        #expect(raw.c_lflag & tcflag_t(ECHO) == 0)
        #expect(raw.c_lflag & tcflag_t(ICANON) == 0)
        #expect(raw.c_lflag & tcflag_t(ISIG) == 0)
        #expect(drain(master).contains("\u{1B}[?1049h"))

        type("\u{1B}[Aq日\u{03}\r", into: master)
        #expect(terminal.readKey(timeout: 1) == .up)
        #expect(terminal.readKey(timeout: 1) == .character("q"))
        #expect(terminal.readKey(timeout: 1) == .character("日"))
        #expect(terminal.readKey(timeout: 1) == .ctrlC)
        #expect(terminal.readKey(timeout: 1) == .enter)
        #expect(terminal.readKey(timeout: 0.05) == nil)
        type("\u{1B}", into: master)
        #expect(terminal.readKey(timeout: 1) == .escape)

        terminal.leaveFullScreen()
        let after = settings(slave)
        #expect(after.c_lflag == before.c_lflag)
        #expect(after.c_iflag == before.c_iflag)
        #expect(after.c_oflag == before.c_oflag)
        #expect(drain(master).contains("\u{1B}[?1049l"))
    }

    @Test func windowSizeAndResize() throws {
        let (master, slave) = try openPTY()
        defer { close(master); close(slave) }
        var window = winsize(ws_row: 40, ws_col: 120, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &window)
        let terminal = try POSIXTerminal(input: slave, output: slave)
        #expect(terminal.size == TerminalSize(columns: 120, rows: 40))
        try terminal.enterFullScreen()
        defer { terminal.leaveFullScreen() }
        window.ws_col = 90
        _ = ioctl(master, UInt(TIOCSWINSZ), &window)
        _ = kill(getpid(), SIGWINCH)
        #expect(terminal.readKey(timeout: 1) == .resize)
        #expect(terminal.size == TerminalSize(columns: 90, rows: 40))
    }

    @Test func terminatingSignalsBecomeKeysAndTheTerminalIsRestored() throws {
        let (master, slave) = try openPTY()
        defer { close(master); close(slave) }
        let before = settings(slave)
        let terminal = try POSIXTerminal(input: slave, output: slave)
        for (signal, expected) in [(SIGTERM, TerminalSignal.terminate), (SIGHUP, .hangup), (SIGINT, .interrupt)] {
            try terminal.enterFullScreen()
            _ = kill(getpid(), signal)
            #expect(terminal.readKey(timeout: 1) == .signal(expected))
            #expect(terminal.receivedSignal == expected)
            terminal.leaveFullScreen()
            #expect(settings(slave).c_lflag == before.c_lflag)
        }
        _ = drain(master)
    }

    @Test func standardInputThatIsNotATerminalIsRefused() throws {
        var fds: [Int32] = [-1, -1]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]); close(fds[1]) }
        #expect(throws: TerminalError.self) { try POSIXTerminal(input: fds[0], output: fds[1]) }
    }
}
