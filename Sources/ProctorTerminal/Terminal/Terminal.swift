/// A terminal the full-screen front draws on and reads keys from.
///
/// `POSIXTerminal` is the real one; `TestTerminal` is an in-memory stand-in with scripted keys, a
/// fake clock and a screen that interprets what was written, for tests.
public protocol Terminal: AnyObject {
    /// The window's size now.
    var size: TerminalSize { get }

    /// Writes text and escape sequences as they are.
    func write(_ text: String)

    /// The next key, waiting at most `timeout` seconds (forever when `nil`); `nil` on timeout.
    func readKey(timeout: Double?) -> Key?

    /// Raw mode, the alternate screen, cursor hidden. Restored by `leaveFullScreen` and on every
    /// way out of the process the terminal can see (exit, SIGINT, SIGTERM, SIGHUP).
    func enterFullScreen() throws

    /// Back to the settings and screen there were before `enterFullScreen`; safe to call twice.
    func leaveFullScreen()

    /// The first terminating signal received since `enterFullScreen`, if any.
    var receivedSignal: TerminalSignal? { get }
}

/// Why the terminal could not be put in full-screen mode.
public struct TerminalError: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}

/// Full-screen mode ended because a signal asked the process to stop; the terminal is restored.
/// Commands exit with `exitCode` (128 + the signal's number), as a shell expects.
public struct TerminalInterruption: Error, Sendable, Hashable, CustomStringConvertible {
    public var signal: TerminalSignal

    public init(signal: TerminalSignal) {
        self.signal = signal
    }

    public var exitCode: Int32 { signal.exitCode }

    public var description: String {
        switch signal {
        case .interrupt: "interrupted; progress is saved"
        case .terminate: "terminated; progress is saved"
        case .hangup: "the terminal went away; progress is saved"
        }
    }
}

/// Escape sequences the full-screen mode uses to set up and put back the screen.
enum ScreenMode {
    /// Alternate screen on, cursor hidden, autowrap off (so the bottom-right cell never scrolls),
    /// bracketed paste off, screen cleared.
    static let enter = "\u{1B}[?1049h\u{1B}[?25l\u{1B}[?7l\u{1B}[?2004l\u{1B}[0m\u{1B}[2J"
    /// Attributes reset, autowrap and cursor back, alternate screen off.
    static let leave = "\u{1B}[0m\u{1B}[?7h\u{1B}[?25h\u{1B}[?1049l"
}
