import ProctorCore

/// What the exam screen shows besides the session itself: which screen, what is being typed, a
/// message. Keys change it (with `ExamSession` actions for anything that counts); rendering reads it.
public struct ExamView: Sendable, Hashable {
    /// The screen in front.
    public enum Mode: Sendable, Hashable {
        case question
        /// The review screen: the filter and the selected row (an index into the filtered list).
        case review(filter: ExamSession.ReviewFilter, selection: Int)
        /// Typing a question number to go to.
        case goTo(digits: String)
        case confirmSubmit
        /// At the end of a section with a break after it: take it, skip it, or stay.
        case breakOffer
        case help
        /// The clock ran out and the exam was submitted; Enter shows the report.
        case timeUp
    }

    public var mode: Mode
    /// The answer being typed or built on the current question.
    public var draft: AnswerDraft
    /// The first body line shown, for questions longer than the screen.
    public var scroll: Int
    /// A one-line message for the status line (why a key did nothing, what to do next).
    public var message: String?

    public init(mode: Mode = .question, draft: AnswerDraft = AnswerDraft(), scroll: Int = 0, message: String? = nil) {
        self.mode = mode
        self.draft = draft
        self.scroll = scroll
        self.message = message
    }
}

/// An answer on its way: a number being typed, an order being built, a matching item waiting for
/// its letter, or a strike waiting for the option's letter. Not yet part of the session.
public struct AnswerDraft: Sendable, Hashable {
    /// The text of a numeric answer being typed; `nil` when not typing.
    public var number: String?
    /// Ordering item ids placed so far, first to last; `nil` when not building an order.
    public var order: [String]?
    /// The display index of the matching left item waiting for its right letter.
    public var matchLeft: Int?
    /// `x` was pressed: the next letter strikes an option out.
    public var strikePending: Bool

    public init(number: String? = nil, order: [String]? = nil, matchLeft: Int? = nil, strikePending: Bool = false) {
        self.number = number
        self.order = order
        self.matchLeft = matchLeft
        self.strikePending = strikePending
    }

    /// Whether anything is in progress.
    public var isEmpty: Bool { self == AnswerDraft() }
}

/// The questions an exam form refers to, looked up once from the bank, with their case scenarios.
public struct ExamContent: Sendable, Hashable {
    /// The exam's name for the title bar.
    public var examName: String
    public var questions: [String: Question]
    /// The scenario of each question that belongs to a case, by question id.
    public var scenarios: [String: RichText]
    /// Domain names by id, for the walk-through.
    public var domainNames: [String: String]
    /// Topic names by id.
    public var topicNames: [String: String]

    /// The content of `bank` under the exam name shown in the title bar.
    public init(bank: QuestionBank, examName: String) {
        self.examName = examName
        questions = Dictionary(bank.questions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var scenarios: [String: RichText] = [:]
        for caseSet in bank.cases {
            for id in caseSet.questionIDs { scenarios[id] = caseSet.scenario }
        }
        for question in bank.questions {
            if let caseID = question.caseID, let caseSet = bank.caseSet(id: caseID) { scenarios[question.id] = caseSet.scenario }
        }
        self.scenarios = scenarios
        domainNames = Dictionary(bank.domains.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        topicNames = Dictionary(
            bank.domains.flatMap { $0.topics.map { ($0.id, $0.name) } }, uniquingKeysWith: { first, _ in first }
        )
    }

    /// The question laid out as the form shows it: its orders, strikes and the given answer.
    public func questionText(for item: ExamForm.Item, struck: Set<String> = [], response: Response?) -> QuestionText? {
        guard let question = questions[item.questionID] else { return nil }
        let order: [String]
        switch item.kind {
        case .ordering: order = item.orderItemOrder
        case .single, .multiple, .trueFalse, .numeric, .matching: order = item.optionOrder
        }
        return QuestionText(
            question: question, scenario: scenarios[item.questionID], optionOrder: order,
            rightOrder: item.rightOrder.isEmpty ? nil : item.rightOrder,
            leftOrder: item.leftOrder.isEmpty ? nil : item.leftOrder, struck: struck, response: response
        )
    }

    /// The first words of a question's stem on one line, for lists.
    public func excerpt(of questionID: String, width: Int) -> String {
        guard let question = questions[questionID] else { return "(no longer in the bank)" }
        let text = question.stem.plainText.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return TextWrap.truncate(text, width: width)
    }
}
