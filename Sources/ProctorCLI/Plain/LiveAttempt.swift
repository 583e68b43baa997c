import Foundation
import ProctorCore
import ProctorStore
import Synchronization

/// An attempt being sat: each action is applied at the clock's time and its events are recorded
/// in the store, in their own transaction, before the next action is taken.
///
/// A ticker thread may count time every second meanwhile, so that a killed process loses at most a
/// second of the clock; the lock keeps its ticks and the learner's actions in one order.
final class LiveAttempt: Sendable {
    /// The attempt's number in the store.
    let id: Int
    let store: ProgressStore
    let clock: any ExamClock

    private struct State: Sendable {
        var session: ExamSession
        var ticking = false
        /// A failure of the ticker, reported at the next action.
        var failure: StoreError?
    }

    private let state: Mutex<State>

    init(id: Int, session: ExamSession, store: ProgressStore, clock: any ExamClock) {
        self.id = id
        self.store = store
        self.clock = clock
        state = Mutex(State(session: session))
    }

    /// The session as it stands.
    var session: ExamSession {
        state.withLock { $0.session }
    }

    /// Applies `action` now and records what happened; returns the events (a refusal included).
    @discardableResult
    func perform(_ action: SessionAction) throws(StoreError) -> [SessionEvent] {
        let now = clock.now()
        return try state.withLock { (state: inout State) throws(StoreError) -> [SessionEvent] in
            if let failure = state.failure { throw failure }
            var session = state.session
            let events = session.apply(action, at: now)
            try store.record(events, attempt: id, at: now)
            state.session = session
            return events
        }
    }

    /// Counts time every `interval` seconds on a thread of its own until `stopTicking()`.
    /// `notice` hears about ticks that changed more than the clock (a time-out, a break's end).
    func startTicking(every interval: Double, notice: @escaping @Sendable ([SessionEvent]) -> Void) {
        let started = state.withLock { state -> Bool in
            defer { state.ticking = true }
            return state.ticking
        }
        guard !started else { return }
        let thread = Thread { [self] in
            while true {
                Thread.sleep(forTimeInterval: interval)
                guard let events = tickIfRunning() else { return }
                let notable = events.contains { event in
                    switch event {
                    case .submitted, .breakEnded: true
                    case .opened, .closed, .clock, .breakClock, .answered, .flagged, .struck, .moved,
                         .breakStarted, .breakSkipped, .rejected: false
                    }
                }
                if notable { notice(events) }
            }
        }
        thread.start()
    }

    /// Stops the ticker; no tick is recorded after this returns.
    func stopTicking() {
        state.withLock { $0.ticking = false }
    }

    /// One tick, or `nil` when the ticker should stop.
    private func tickIfRunning() -> [SessionEvent]? {
        let now = clock.now()
        return state.withLock { state -> [SessionEvent]? in
            guard state.ticking, state.failure == nil else { return nil }
            var session = state.session
            let events = session.apply(.tick, at: now)
            do throws(StoreError) {
                try store.record(events, attempt: id, at: now)
            } catch {
                state.failure = error
                state.ticking = false
                return nil
            }
            state.session = session
            if session.isSubmitted { state.ticking = false }
            return events
        }
    }
}
