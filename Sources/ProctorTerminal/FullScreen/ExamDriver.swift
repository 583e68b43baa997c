import ProctorCore

/// Runs an exam session on the full screen: draws the exam screens, turns keys into session
/// actions (`ExamKeys`), ticks the clock every second, and hands every event to the caller the
/// moment it happens, so the caller can save it.
///
/// ```swift
/// var driver = FullScreenExamDriver(session: session, content: ExamContent(bank: bank, examName: exam.name),
///                                   now: { Timestamp.now }, onEvent: { try store.record($0, attempt: id) })
/// let outcome = try FullScreen.run(terminal: try POSIXTerminal(), theme: theme) { try driver.run(on: $0) }
/// ```
public struct FullScreenExamDriver {
    /// How the exam screen was left.
    public enum Outcome: Sendable, Hashable {
        /// Submitted by the candidate or by the clock: score it and show the report.
        case submitted(ExamSession)
        /// Quit (`q`, Ctrl-C, a signal, end of input): the session is closed and can be resumed.
        case quit(ExamSession)
    }

    public private(set) var session: ExamSession
    public private(set) var view = ExamView()
    public let content: ExamContent
    private let now: () -> Timestamp
    private let onEvent: (SessionEvent) throws -> Void
    /// When the clock was last counted; a tick is due a second later.
    private var lastTick: Timestamp?

    /// - Parameters:
    ///   - session: the session to run: new, or rebuilt from its events to resume it.
    ///   - now: the clock.
    ///   - onEvent: called with each event as it happens (rejected actions are not passed on:
    ///     they change nothing and show as a message). An error it throws ends the run, and the
    ///     terminal is restored.
    public init(session: ExamSession, content: ExamContent, now: @escaping () -> Timestamp,
                onEvent: @escaping (SessionEvent) throws -> Void) {
        self.session = session
        self.content = content
        self.now = now
        self.onEvent = onEvent
    }

    /// Runs the key loop until the exam is submitted (and the candidate has seen the time-up
    /// notice, if the clock ended it) or the candidate quits.
    public mutating func run(on screen: FullScreen) throws -> Outcome {
        if session.isSubmitted { return .submitted(session) }
        // Open even a session that looks open (a crash leaves it so): the time since it was last
        // seen is not the candidate's to lose.
        try perform(.open)
        while true {
            if session.isSubmitted, view.mode != .timeUp {
                if case .submitted(.timeout) = session.phase {
                    view.mode = .timeUp
                } else {
                    return .submitted(session)
                }
            }
            let (shownSession, shownView, content) = (session, view, content)
            screen.draw { size in
                ExamScreen.render(session: shownSession, content: content, view: shownView, size: size,
                                  theme: screen.theme)
            }
            let key = screen.nextKey(timeout: secondsToNextTick())
            if key == nil || (secondsToNextTick() ?? 1) <= 0 { try tick() }
            guard let key, key != .resize else { continue }
            let page = ScreenLayout.bodyHeight(screen.size)
            for effect in ExamKeys.handle(key, session: session, view: &view, pageHeight: page) {
                switch effect {
                case .perform(let action):
                    try perform(action)
                case .quit:
                    if !self.session.isSubmitted { try perform(.close) }
                    return self.session.isSubmitted ? .submitted(self.session) : .quit(self.session)
                case .finish:
                    return .submitted(self.session)
                }
            }
            let maximum = ExamScreen.maximumScroll(session: session, content: content, view: view, size: screen.size)
            view.scroll = min(view.scroll, maximum)
        }
    }

    /// Seconds until the clock should be counted again (at most one).
    private func secondsToNextTick() -> Double? {
        guard session.isOpen, !session.isSubmitted else { return nil }
        guard let lastTick else { return 0 }
        return max(0, 1 - now().seconds(since: lastTick))
    }

    private mutating func tick() throws {
        guard session.isOpen, !session.isSubmitted else { return }
        try perform(.tick)
    }

    /// Applies `action` now, passes its events on, and resets the draft after a move.
    private mutating func perform(_ action: SessionAction) throws {
        let before = session.currentIndex
        let time = now()
        let events = session.apply(action, at: time)
        lastTick = time
        for event in events {
            if case .rejected(let error) = event {
                view.message = error.message
            } else {
                try onEvent(event)
            }
        }
        if session.currentIndex != before {
            view.draft = AnswerDraft()
            view.scroll = 0
        }
    }
}
