import ProctorCore

/// An in-memory terminal for tests: keys come from a script, time from a fake clock that only
/// moves when the script waits, and what is written is played back on a `VirtualScreen`.
public final class TestTerminal: Terminal {
    /// One step of the script.
    public enum Step: Sendable, Hashable {
        case key(Key)
        /// Each character typed as a key.
        case type(String)
        /// Nothing happens for this many seconds; a key read with a shorter timeout returns `nil`.
        case wait(Double)
        /// The window becomes this size; the key loop sees `.resize`.
        case resize(TerminalSize)
    }

    public private(set) var size: TerminalSize
    /// The fake clock; drivers under test read it through their `now` closure.
    public private(set) var now: Timestamp
    public private(set) var screen: VirtualScreen
    /// Every `write`, in order.
    public private(set) var writes: [String] = []
    public private(set) var isFullScreen = false
    public private(set) var enterCount = 0
    public private(set) var leaveCount = 0
    public private(set) var receivedSignal: TerminalSignal?
    /// Whether a driver asked for a key after the script ended (it then got `.endOfInput`).
    public private(set) var ranOutOfKeys = false
    private var script: [Step]

    public init(size: TerminalSize = .minimum, now: Timestamp = Timestamp(secondsSince1970: 1_767_225_600),
                script: [Step] = []) {
        self.size = size
        self.now = now
        self.screen = VirtualScreen(size: size)
        self.script = script.flatMap(Self.expand)
    }

    /// Adds steps to the end of the script.
    public func append(_ steps: [Step]) {
        script += steps.flatMap(Self.expand)
    }

    /// Steps not yet used.
    public var remainingSteps: Int { script.count }

    /// What is on the virtual screen, as text.
    public var screenText: String { screen.text }

    private static func expand(_ step: Step) -> [Step] {
        if case .type(let text) = step { return text.map { .key(.character($0)) } }
        return [step]
    }

    public func write(_ text: String) {
        writes.append(text)
        screen.apply(text)
    }

    public func readKey(timeout: Double?) -> Key? {
        var left = timeout
        while let step = script.first {
            switch step {
            case .key(let key):
                script.removeFirst()
                if case .signal(let signal) = key, receivedSignal == nil { receivedSignal = signal }
                return key
            case .resize(let newSize):
                script.removeFirst()
                size = newSize
                screen.resize(to: newSize)
                return .resize
            case .wait(let seconds):
                if let available = left, available < seconds {
                    now = now.adding(seconds: available)
                    script[0] = .wait(seconds - available)
                    return nil
                }
                now = now.adding(seconds: seconds)
                left = left.map { $0 - seconds }
                script.removeFirst()
            case .type:
                script.removeFirst()
            }
        }
        ranOutOfKeys = true
        return .endOfInput
    }

    public func enterFullScreen() throws {
        enterCount += 1
        isFullScreen = true
        write(ScreenMode.enter)
    }

    public func leaveFullScreen() {
        guard isFullScreen else { return }
        leaveCount += 1
        isFullScreen = false
        write(ScreenMode.leave)
    }
}
