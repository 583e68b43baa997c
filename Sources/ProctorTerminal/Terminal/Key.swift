/// One thing the person (or the system) did at the keyboard, decoded from the bytes a terminal sends.
public enum Key: Sendable, Hashable {
    /// A printable character, already decoded from UTF-8.
    case character(Character)
    case up, down, left, right
    case home, end, pageUp, pageDown
    case insert, delete
    case enter
    case tab
    /// Shift-Tab (`ESC [ Z`).
    case backTab
    case backspace
    /// A lone Escape key press (not the start of a sequence).
    case escape
    /// Ctrl-C: with raw mode on it arrives as a byte, not as SIGINT.
    case ctrlC
    /// Another control key, as its lower-case letter (`Ctrl-L` is `.control("l")`).
    case control(Character)
    /// The window changed size (SIGWINCH); the terminal's `size` is already the new one.
    case resize
    /// A signal asked the process to stop (SIGINT, SIGTERM, SIGHUP); drivers quit as with `q`.
    case signal(TerminalSignal)
    /// Standard input ended; drivers quit as with `q`.
    case endOfInput
}

/// The signals that end a full-screen session; the terminal is restored before the process goes.
public enum TerminalSignal: Sendable, Hashable, CaseIterable {
    case interrupt
    case terminate
    case hangup

    /// The exit status a shell reports for a process ended by this signal (128 + its number).
    public var exitCode: Int32 {
        switch self {
        case .interrupt: 130
        case .terminate: 143
        case .hangup: 129
        }
    }
}

extension Key {
    /// Whether the key asks a driver to stop now (keeping progress): Ctrl-C, a signal, end of input.
    public var isInterruption: Bool {
        switch self {
        case .ctrlC, .signal, .endOfInput: true
        case .character, .up, .down, .left, .right, .home, .end, .pageUp, .pageDown, .insert, .delete,
             .enter, .tab, .backTab, .backspace, .escape, .control, .resize:
            false
        }
    }
}
