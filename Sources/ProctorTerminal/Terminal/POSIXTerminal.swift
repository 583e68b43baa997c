#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real terminal on standard input and output: termios raw mode, the alternate screen,
/// `TIOCGWINSZ` for the size, and SIGWINCH / SIGINT / SIGTERM / SIGHUP through a self-pipe.
public final class POSIXTerminal: Terminal {
    private let input: Int32
    private let output: Int32
    private var decoder = KeyDecoder()
    private var queued: [Key] = []
    private var isFullScreen = false
    public private(set) var receivedSignal: TerminalSignal?

    /// How long to wait for the rest of an escape sequence before calling it a lone Escape.
    private static let escapeWait = 0.03

    /// The terminal on standard input and output (or the given descriptors, for a pty in tests);
    /// fails when either is not a terminal.
    public init(input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO) throws {
        guard isatty(input) != 0, isatty(output) != 0 else {
            throw TerminalError("standard input and output are not a terminal")
        }
        self.input = input
        self.output = output
    }

    /// Whether standard input and output are both a terminal, so full-screen mode can be used.
    public static var isAvailable: Bool {
        isatty(STDIN_FILENO) != 0 && isatty(STDOUT_FILENO) != 0
    }

    public var size: TerminalSize {
        var window = winsize()
        if ioctl(output, UInt(TIOCGWINSZ), &window) == 0, window.ws_col > 0, window.ws_row > 0 {
            return TerminalSize(columns: Int(window.ws_col), rows: Int(window.ws_row))
        }
        let columns = getenv("COLUMNS").flatMap { Int(String(cString: $0)) } ?? 80
        let rows = getenv("LINES").flatMap { Int(String(cString: $0)) } ?? 24
        return TerminalSize(columns: columns, rows: rows)
    }

    public func write(_ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { buffer in
                #if canImport(Glibc)
                Glibc.write(output, buffer.baseAddress, buffer.count)
                #else
                Darwin.write(output, buffer.baseAddress, buffer.count)
                #endif
            }
            if written > 0 {
                bytes = bytes.dropFirst(written)
            } else if written < 0, errno == EINTR || errno == EAGAIN {
                continue
            } else {
                // The terminal is gone (SIGHUP, EIO): nothing more can be shown.
                return
            }
        }
    }

    public func enterFullScreen() throws {
        guard !isFullScreen else { return }
        try TerminalRestorer.prepare()
        var settings = termios()
        guard tcgetattr(input, &settings) == 0 else { throw TerminalError("cannot read the terminal settings") }
        var raw = settings
        raw.c_iflag &= ~tcflag_t(BRKINT | ICRNL | INPCK | ISTRIP | IXON)
        raw.c_oflag &= ~tcflag_t(OPOST)
        raw.c_cflag |= tcflag_t(CS8)
        raw.c_lflag &= ~tcflag_t(ECHO | ICANON | IEXTEN | ISIG)
        withUnsafeMutableBytes(of: &raw.c_cc) { bytes in
            bytes[Int(VMIN)] = 1
            bytes[Int(VTIME)] = 0
        }
        fflush(nil)
        TerminalRestorer.activate(settings: settings, fd: input, output: output)
        guard tcsetattr(input, TCSAFLUSH, &raw) == 0 else {
            TerminalRestorer.deactivate()
            throw TerminalError("cannot switch the terminal to raw mode")
        }
        isFullScreen = true
        receivedSignal = nil
        decoder = KeyDecoder()
        queued = []
        write(ScreenMode.enter)
    }

    public func leaveFullScreen() {
        guard isFullScreen else { return }
        isFullScreen = false
        write(ScreenMode.leave)
        TerminalRestorer.deactivate()
    }

    public func readKey(timeout: Double?) -> Key? {
        let clock = ContinuousClock()
        let deadline = timeout.map { clock.now.advanced(by: .milliseconds(Int(max(0, $0) * 1000))) }
        while true {
            if !queued.isEmpty { return queued.removeFirst() }
            let waitMilliseconds: Int32
            if decoder.hasPending {
                waitMilliseconds = Int32(Self.escapeWait * 1000)
            } else if let deadline {
                let left = deadline - clock.now
                let milliseconds = left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000
                guard milliseconds > 0 else { return nil }
                waitMilliseconds = Int32(clamping: milliseconds)
            } else {
                waitMilliseconds = -1
            }
            var descriptors = [
                pollfd(fd: input, events: Int16(POLLIN), revents: 0),
                pollfd(fd: TerminalRestorer.pipeRead, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&descriptors, nfds_t(descriptors.count), waitMilliseconds)
            if ready < 0 {
                if errno == EINTR { continue }
                return .endOfInput
            }
            if ready == 0 {
                if decoder.hasPending { queued += decoder.flush() }
                continue
            }
            if descriptors[1].revents != 0, let key = signalKey() { return key }
            if descriptors[0].revents != 0 {
                var buffer = [UInt8](repeating: 0, count: 1024)
                let count = read(input, &buffer, buffer.count)
                if count > 0 {
                    queued += decoder.feed(buffer.prefix(count))
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    return .endOfInput
                }
            }
        }
    }

    /// The key for what the signal handlers reported: a terminating signal wins over a resize.
    private func signalKey() -> Key? {
        let numbers = TerminalRestorer.drainSignals()
        if let signal = numbers.lazy.compactMap(TerminalRestorer.terminalSignal).first {
            if receivedSignal == nil { receivedSignal = signal }
            return .signal(signal)
        }
        return numbers.isEmpty ? nil : .resize
    }
}
