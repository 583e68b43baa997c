/// A terminal held in full-screen mode: raw input, the alternate screen, frames drawn by their
/// changes only, and the minimum size kept (a message replaces the screen below 80×24).
///
/// `run` is the only way in, so the terminal is restored on every way out: a normal return, a
/// thrown error, Ctrl-C, and the signals (after which `run` throws `TerminalInterruption` so the
/// command can exit with 128 + the signal's number). `exit()` from anywhere is covered by an
/// `atexit` hook in `POSIXTerminal`.
public final class FullScreen {
    public let terminal: any Terminal
    public let theme: Theme
    public let minimumSize: TerminalSize
    /// The window size frames are drawn at.
    public private(set) var size: TerminalSize
    private var buffer = ScreenBuffer()

    private init(terminal: any Terminal, theme: Theme, minimumSize: TerminalSize) {
        self.terminal = terminal
        self.theme = theme
        self.minimumSize = minimumSize
        self.size = terminal.size
    }

    /// Enters full-screen mode, runs `body`, and leaves it again whatever happens.
    public static func run<Result>(terminal: any Terminal, theme: Theme, minimumSize: TerminalSize = .minimum,
                                   _ body: (FullScreen) throws -> Result) throws -> Result {
        try terminal.enterFullScreen()
        let screen = FullScreen(terminal: terminal, theme: theme, minimumSize: minimumSize)
        let result: Result
        do {
            result = try body(screen)
        } catch {
            terminal.leaveFullScreen()
            throw error
        }
        terminal.leaveFullScreen()
        if let signal = terminal.receivedSignal { throw TerminalInterruption(signal: signal) }
        return result
    }

    /// Whether an interactive command should use the full screen: not asked for `--plain`, and
    /// standard input and output are a terminal (cli.md, "Plain mode").
    public static func isAvailable(plain: Bool) -> Bool {
        !plain && POSIXTerminal.isAvailable
    }

    /// `run` on the process's own terminal, with colour as cli.md allows.
    public static func run<Result>(noColorFlag: Bool, _ body: (FullScreen) throws -> Result) throws -> Result {
        try run(terminal: POSIXTerminal(), theme: .forStandardOutput(noColorFlag: noColorFlag), body)
    }

    /// Whether the window is big enough for the screens.
    public var fits: Bool { size.fits(minimumSize) }

    /// Draws the frame `render` makes at the current size (or the too-small message), writing
    /// only the lines that changed since the last frame.
    public func draw(_ render: (TerminalSize) -> Frame) {
        let frame = fits ? render(size) : TooSmallScreen.render(size: size, minimum: minimumSize, theme: theme)
        let output = buffer.update(to: frame)
        if !output.isEmpty { terminal.write(output) }
    }

    /// The next key within `timeout` seconds, or `nil`. A resize updates `size` (the next `draw`
    /// redraws everything) and is returned so the caller redraws; Ctrl-L forces a full redraw.
    /// While the window is too small, only quitting keys and resizes come through.
    public func nextKey(timeout: Double?) -> Key? {
        guard let key = terminal.readKey(timeout: timeout) else { return nil }
        switch key {
        case .resize:
            size = terminal.size
            buffer.invalidate()
            return .resize
        case .control("l"):
            buffer.invalidate()
            return .resize
        default:
            if !fits, !key.isInterruption, key != .character("q") { return nil }
            return key
        }
    }
}
