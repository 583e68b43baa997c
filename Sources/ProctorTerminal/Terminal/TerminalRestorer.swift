#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the signal handlers and the exit hook need to put the terminal back, kept where a signal
/// handler may touch it: plain globals, all initialised by `prepare()` before any handler exists,
/// read with async-signal-safe calls only (`tcsetattr`, `write`, `signal`, `raise`).
///
/// A signal does not restore the terminal itself the first time: it writes its number to a
/// self-pipe, the key loop returns `.signal`, the driver closes the session (saving it), and full
/// screen is left on the normal path. A second terminating signal, if the process is stuck,
/// restores the terminal in the handler and ends the process with the default action. `atexit`
/// restores it too, for an `exit()` from anywhere while in raw mode.
enum TerminalRestorer {
    /// The file descriptor whose settings were changed, and the settings to put back.
    nonisolated(unsafe) private static var settingsFD: Int32 = -1
    nonisolated(unsafe) private static var savedSettings = termios()
    nonisolated(unsafe) private static var outputFD: Int32 = -1
    /// 1 while raw mode is on: the handlers only restore what is actually changed.
    nonisolated(unsafe) private static var rawModeActive: Int32 = 0
    /// The self-pipe: handlers write to `pipeWrite`, the key loop polls `pipeRead`.
    nonisolated(unsafe) private(set) static var pipeRead: Int32 = -1
    nonisolated(unsafe) private static var pipeWrite: Int32 = -1
    nonisolated(unsafe) private static var terminatingSignals: Int32 = 0
    /// `ScreenMode.leave` as bytes, allocated up front so the handler need not allocate.
    nonisolated(unsafe) private static var leaveBytes: UnsafeMutablePointer<UInt8>?
    nonisolated(unsafe) private static var leaveCount = 0
    nonisolated(unsafe) private static var exitHookInstalled = false
    nonisolated(unsafe) private static var previousHandlers: [Int32: sighandler_t?] = [:]

    /// The signals that end a session, and SIGWINCH.
    static let handledSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGWINCH]

    /// Makes the self-pipe and the exit hook once; call before `activate`.
    static func prepare() throws {
        if pipeRead < 0 {
            var fds: [Int32] = [-1, -1]
            guard pipe(&fds) == 0 else { throw TerminalError("cannot create a pipe for signals") }
            for fd in fds {
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            }
            pipeWrite = fds[1]
            pipeRead = fds[0]
        }
        if leaveBytes == nil {
            let bytes = Array(ScreenMode.leave.utf8)
            let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count)
            buffer.initialize(from: bytes, count: bytes.count)
            leaveCount = bytes.count
            leaveBytes = buffer
        }
        if !exitHookInstalled {
            exitHookInstalled = true
            atexit { TerminalRestorer.restoreNow() }
        }
    }

    /// Remembers the settings to restore, then installs the signal handlers.
    static func activate(settings: termios, fd: Int32, output: Int32) {
        savedSettings = settings
        settingsFD = fd
        outputFD = output
        terminatingSignals = 0
        rawModeActive = 1
        for number in handledSignals {
            previousHandlers[number] = signal(number, { TerminalRestorer.handle($0) })
        }
        // A parent may have left these blocked (the mask is inherited through fork and exec);
        // blocked, they would never reach the handlers.
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        for number in handledSignals { sigaddset(&unblocked, number) }
        pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
    }

    /// Puts the terminal settings back and the previous signal handlers; returns whether raw mode
    /// was on.
    @discardableResult
    static func deactivate() -> Bool {
        let wasActive = rawModeActive != 0
        if wasActive {
            var settings = savedSettings
            _ = tcsetattr(settingsFD, TCSANOW, &settings)
            rawModeActive = 0
        }
        for (number, handler) in previousHandlers {
            _ = signal(number, handler)
        }
        previousHandlers = [:]
        return wasActive
    }

    /// Reads what the handlers have written to the self-pipe: the signal numbers received.
    static func drainSignals() -> [Int32] {
        var numbers: [Int32] = []
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            let count = read(pipeRead, &buffer, buffer.count)
            guard count > 0 else { break }
            numbers += buffer.prefix(count).map { Int32($0) }
        }
        return numbers
    }

    /// The terminal signal a signal number stands for.
    static func terminalSignal(_ number: Int32) -> TerminalSignal? {
        switch number {
        case SIGINT: .interrupt
        case SIGTERM: .terminate
        case SIGHUP: .hangup
        default: nil
        }
    }

    /// Restores settings and screen right now, with async-signal-safe calls only.
    static func restoreNow() {
        guard rawModeActive != 0 else { return }
        rawModeActive = 0
        _ = tcsetattr(settingsFD, TCSANOW, &savedSettings)
        if let leaveBytes { _ = write(outputFD, leaveBytes, leaveCount) }
    }

    private static func handle(_ number: Int32) {
        let savedErrno = errno
        defer { errno = savedErrno }
        if number != SIGWINCH {
            terminatingSignals += 1
            if terminatingSignals > 1 {
                restoreNow()
                _ = signal(number, SIG_DFL)
                _ = raise(number)
                return
            }
        }
        var byte = UInt8(truncatingIfNeeded: number)
        _ = write(pipeWrite, &byte, 1)
    }
}
