/// What a candidate (or the clock) asks of an exam session.
public enum SessionAction: Sendable, Hashable {
    /// Start or resume counting time from now; time since the session was last seen is not counted.
    case open
    /// Suspend: count time up to now, then stop the clocks until the next `open`.
    case close
    /// Count time up to now (the front end sends one every second or so).
    case tick
    /// Answer the current question, or clear its answer with `nil`; answering again changes it.
    case answer(Response?)
    /// Flag or unflag the current question for review.
    case toggleFlag
    /// Strike out an option of the current question, or restore it (by option id).
    case toggleStrike(optionID: String)
    /// Go to the next question of the section.
    case next
    /// Go to the previous question of the section.
    case previous
    /// Go to a question by its 0-based index on the form.
    case goTo(index: Int)
    /// End the current section and start the break that follows it.
    case takeBreak
    /// End the current section and go straight on without the break.
    case skipBreak
    /// End the break early and go on to the next section.
    case endBreak
    /// End the exam.
    case submit
}

/// Why an exam ended.
public enum SubmitReason: String, Sendable, Hashable, Codable {
    /// The candidate submitted.
    case candidate
    /// Time ran out.
    case timeout
}

/// Something that happened in an exam session; the store records each one as it happens.
///
/// Replaying the events of a session from its form rebuilds it exactly (`ExamSession.replay`).
/// Question and break indices are 0-based.
public enum SessionEvent: Sendable, Hashable, Codable {
    /// The session started or resumed counting time at `at`.
    case opened(at: Timestamp)
    /// The session was suspended at `at`.
    case closed(at: Timestamp)
    /// The exam clock reached `elapsedSeconds` at `at`; the time since the last clock event counts
    /// for the question on screen.
    case clock(at: Timestamp, elapsedSeconds: Double)
    /// The clock of the running break reached `breakSeconds` at `at`.
    case breakClock(at: Timestamp, breakSeconds: Double)
    /// The question at `index` was answered (`nil`: its answer was cleared).
    case answered(index: Int, response: Response?)
    case flagged(index: Int, isFlagged: Bool)
    case struck(index: Int, optionID: String, isStruck: Bool)
    case moved(index: Int)
    /// Break `index` began; the section before it is locked.
    case breakStarted(index: Int)
    /// Break `index` ended (early or at its limit); the next section begins.
    case breakEnded(index: Int)
    /// Break `index` was skipped; the section before it is locked and the next begins.
    case breakSkipped(index: Int)
    case submitted(reason: SubmitReason, at: Timestamp)
    /// An action was refused; nothing changed.
    case rejected(SessionError)
}

/// Why an action was refused. A refused action changes nothing and never traps.
public enum SessionError: Error, Sendable, Hashable, Codable {
    /// The session is suspended: `open` it first.
    case notOpen
    /// The exam has been submitted or timed out.
    case examOver
    /// The action is not possible during a break.
    case onBreak
    /// `endBreak` when no break is running.
    case notOnBreak
    /// `takeBreak` or `skipBreak` in the last section, where no break follows.
    case noBreakAhead
    /// No question has this index.
    case outOfRange(index: Int)
    /// The question is in a section locked by a break.
    case locked(index: Int)
    /// The question lies beyond the next break: take or skip the break first.
    case beyondBreak(index: Int)
    /// `previous` on the first question.
    case atFirstQuestion
    /// `next` on the last question.
    case atLastQuestion
    /// The kind of answer does not fit the question (e.g. a number for a choice question).
    case wrongResponseKind
    /// An option, item or pair id the question does not have.
    case unknownID(String)
    /// Single choice and true/false take exactly one option; multiple response at least one.
    case wrongOptionCount
    /// A numeric answer that is not a finite number.
    case notANumber
    /// An ordering must place every item exactly once.
    case incompleteOrder
    /// A matching may use each left and right side at most once, and needs at least one pair.
    case invalidPairs
    /// Only choice questions have options to strike out.
    case notAChoiceQuestion

    /// A one-line explanation for a person.
    public var message: String {
        switch self {
        case .notOpen: "The session is suspended."
        case .examOver: "The exam is over."
        case .onBreak: "You are on a break. End the break to go on."
        case .notOnBreak: "There is no break running."
        case .noBreakAhead: "There is no break after this section."
        case .outOfRange(let index): "There is no question \(index + 1)."
        case .locked(let index): "Question \(index + 1) is locked: its section ended at a break."
        case .beyondBreak(let index): "Question \(index + 1) comes after the break. Take or skip the break first."
        case .atFirstQuestion: "This is the first question."
        case .atLastQuestion: "This is the last question."
        case .wrongResponseKind: "That kind of answer does not fit this question."
        case .unknownID(let id): "This question has no option '\(id)'."
        case .wrongOptionCount: "Choose the right number of options."
        case .notANumber: "Type a number."
        case .incompleteOrder: "Put every item in order, each once."
        case .invalidPairs: "Match each left item to a different right item."
        case .notAChoiceQuestion: "Only options of a choice question can be struck out."
        }
    }
}
