/// One sitting of an exam form: answers, flags, struck options, position, clocks and breaks.
///
/// A pure value. Actions go in with the time they happen (`apply(_:at:)`) and come out as
/// events; every change to the session is made by recording an event (`record(_:)`), so
/// replaying the recorded events from the form (`replay(form:events:)`) rebuilds the same session.
///
/// Time counts only while the session is open: `elapsedSeconds` grows between `open` and `close`
/// as ticks and actions arrive, so a crash or a suspended session costs the candidate nothing.
public struct ExamSession: Sendable, Hashable {
    /// Where a session stands.
    public enum Phase: Sendable, Hashable {
        /// Answering questions (or not yet opened).
        case inProgress
        /// On break `index` (0-based): the exam clock is stopped and the break clock runs.
        case onBreak(index: Int)
        /// Over; nothing more changes.
        case submitted(SubmitReason)
    }

    /// Which questions the review screen lists.
    public enum ReviewFilter: Sendable, Hashable, CaseIterable {
        case all
        /// Unanswered questions.
        case incomplete
        case flagged
    }

    /// One line of the review screen.
    public struct ReviewEntry: Sendable, Hashable {
        public var index: Int
        public var questionID: String
        public var isAnswered: Bool
        public var isFlagged: Bool
        /// In a section closed by a break: listed, but it cannot be visited or changed.
        public var isLocked: Bool
    }

    public let form: ExamForm
    /// Answers in form order, in bank ids.
    public private(set) var responses: [Response?]
    public private(set) var flags: [Bool]
    /// Struck-out option ids per question.
    public private(set) var struckOptions: [Set<String>]
    /// Exam seconds spent with each question on screen.
    public private(set) var secondsOnQuestion: [Double]
    /// The 0-based index of the question on screen.
    public private(set) var currentIndex: Int
    /// Exam time used, counted only while open and not on a break.
    public private(set) var elapsedSeconds: Double
    /// Time used on the running break.
    public private(set) var breakSeconds: Double
    public private(set) var phase: Phase
    /// How many breaks have been taken or skipped: the index of the current section.
    public private(set) var sectionIndex: Int
    /// The moment up to which time has been counted; `nil` while suspended.
    public private(set) var countedUntil: Timestamp?
    /// When the session was first opened.
    public private(set) var startedAt: Timestamp?
    /// When the exam was submitted or timed out.
    public private(set) var finishedAt: Timestamp?
    /// The form's breaks that make sense for its length (increasing, inside the form).
    public let breaks: [ExamForm.Break]

    /// A fresh, suspended session on `form`, at its first question.
    public init(form: ExamForm) {
        let count = form.items.count
        self.form = form
        responses = Array(repeating: nil, count: count)
        flags = Array(repeating: false, count: count)
        struckOptions = Array(repeating: [], count: count)
        secondsOnQuestion = Array(repeating: 0, count: count)
        currentIndex = 0
        elapsedSeconds = 0
        breakSeconds = 0
        phase = .inProgress
        sectionIndex = 0
        var breaks: [ExamForm.Break] = []
        for pause in form.breaks where pause.after > (breaks.last?.after ?? 0) && pause.after < count {
            breaks.append(pause)
        }
        self.breaks = breaks
    }

    /// The session that `events` build from `form`; events that make no sense are skipped.
    public static func replay(form: ExamForm, events: [SessionEvent]) -> ExamSession {
        var session = ExamSession(form: form)
        for event in events { session.record(event) }
        return session
    }

    /// Whether time is being counted.
    public var isOpen: Bool { countedUntil != nil }

    /// Whether the exam is over.
    public var isSubmitted: Bool {
        switch phase {
        case .submitted: true
        case .inProgress, .onBreak: false
        }
    }

    /// Exam seconds left, or `nil` when untimed.
    public var remainingSeconds: Double? {
        form.isTimed ? max(0, Double(form.timeLimitSeconds) - elapsedSeconds) : nil
    }

    /// Seconds left on the running break, or `nil` when not on a break.
    public var breakRemainingSeconds: Double? {
        switch phase {
        case .onBreak(let index) where breaks.indices.contains(index):
            max(0, Double(breaks[index].limitSeconds) - breakSeconds)
        case .onBreak, .inProgress, .submitted:
            nil
        }
    }

    /// The indices the candidate may visit and change now.
    public var sectionRange: Range<Int> {
        let lower = sectionIndex == 0 ? 0 : breaks[min(sectionIndex, breaks.count) - 1].after
        let upper = sectionIndex < breaks.count ? breaks[sectionIndex].after : form.items.count
        return lower..<max(lower, upper)
    }

    /// The break that follows the current section, if any.
    public var nextBreakIndex: Int? {
        sectionIndex < breaks.count ? sectionIndex : nil
    }

    /// How many questions have no answer.
    public var unansweredCount: Int { responses.count(where: { $0 == nil }) }

    /// The review screen: every question matching `filter`, in form order.
    public func review(_ filter: ReviewFilter) -> [ReviewEntry] {
        let lockedBelow = sectionRange.lowerBound
        return form.items.indices.compactMap { index in
            let entry = ReviewEntry(
                index: index, questionID: form.items[index].questionID,
                isAnswered: responses[index] != nil, isFlagged: flags[index], isLocked: index < lockedBelow
            )
            switch filter {
            case .all: return entry
            case .incomplete: return entry.isAnswered ? nil : entry
            case .flagged: return entry.isFlagged ? entry : nil
            }
        }
    }

    /// Applies an event's change. Live actions and replay both come through here.
    public mutating func record(_ event: SessionEvent) {
        switch event {
        case .opened(let at):
            countedUntil = at
            if startedAt == nil { startedAt = at }
        case .closed:
            countedUntil = nil
        case .clock(let at, let elapsed):
            if responses.indices.contains(currentIndex) {
                secondsOnQuestion[currentIndex] += max(0, elapsed - elapsedSeconds)
            }
            elapsedSeconds = elapsed
            countedUntil = at
        case .breakClock(let at, let seconds):
            breakSeconds = seconds
            countedUntil = at
        case .answered(let index, let response):
            if responses.indices.contains(index) { responses[index] = response }
        case .flagged(let index, let isFlagged):
            if flags.indices.contains(index) { flags[index] = isFlagged }
        case .struck(let index, let optionID, let isStruck):
            guard struckOptions.indices.contains(index) else { return }
            if isStruck {
                struckOptions[index].insert(optionID)
            } else {
                struckOptions[index].remove(optionID)
            }
        case .moved(let index):
            if responses.indices.contains(index) { currentIndex = index }
        case .breakStarted(let index):
            guard breaks.indices.contains(index) else { return }
            phase = .onBreak(index: index)
            breakSeconds = 0
        case .breakEnded(let index), .breakSkipped(let index):
            guard breaks.indices.contains(index) else { return }
            phase = .inProgress
            breakSeconds = 0
            sectionIndex = index + 1
            currentIndex = breaks[index].after
        case .submitted(let reason, let at):
            phase = .submitted(reason)
            finishedAt = at
            countedUntil = nil
        case .rejected:
            break
        }
    }
}
