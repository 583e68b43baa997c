/// A review card as the study features see it: the question it is for, the scheduler's state, how
/// often it has been forgotten, and whether it is set aside as a leech.
public struct StudyCard: Sendable, Hashable {
    public var bankID: String
    public var questionID: String
    public var state: CardState
    /// Lapses: reviews rated Again while the card was in long-term review (see `ReviewQueue.isLapse`).
    public var lapses: Int
    /// Whether the card is set aside from review as a leech (`proctor review --unsuspend` brings it back).
    public var isSuspended: Bool

    /// A card from its parts, set aside or not as stored.
    public init(bankID: String, questionID: String, state: CardState, lapses: Int, isSuspended: Bool) {
        self.bankID = bankID
        self.questionID = questionID
        self.state = state
        self.lapses = lapses
        self.isSuspended = isSuspended
    }

    /// A card from its lapses alone: set aside once it has `ReviewQueue.leechLapses` of them, as a
    /// card that was never brought back is.
    public init(bankID: String, questionID: String, state: CardState, lapses: Int = 0) {
        self.init(bankID: bankID, questionID: questionID, state: state, lapses: lapses,
                  isSuspended: lapses >= ReviewQueue.leechLapses)
    }
}

/// A question of a bank that has no card yet.
public struct NewQuestion: Sendable, Hashable {
    public var bankID: String
    public var questionID: String

    /// The question `questionID` of bank `bankID`.
    public init(bankID: String, questionID: String) {
        self.bankID = bankID
        self.questionID = questionID
    }
}

/// What `proctor review` puts before the learner, in order: due cards, most forgotten first, then
/// new questions up to the day's limit. Leeches are set aside, as Anki suspends them.
///
/// - Due cards (due at or before `now`) come in order of their retrievability now, lowest first:
///   the memory most likely lost is saved first. Equal retrievability (cards on learning steps are
///   all at 1) goes by due time, earliest first, then by bank and question id.
/// - A card is a leech when its `leechLapses`th lapse sets it aside (and again every
///   `leechLapses / 2` lapses after, should the learner bring it back): a card set aside is never
///   queued, and `leeches` lists the due ones so the learner can be told.
/// - New questions follow in the order given, at most `newLimit` of them.
/// - `limit`, when given, caps the whole queue, due cards first.
public struct ReviewQueue: Sendable, Hashable {
    /// One thing to review.
    public enum Entry: Sendable, Hashable {
        /// A card due now, with its retrievability at the moment the queue was built.
        case due(StudyCard, retrievability: Double)
        /// A question never reviewed.
        case new(NewQuestion)

        /// The bank of the entry's question.
        public var bankID: String {
            switch self {
            case .due(let card, _): card.bankID
            case .new(let question): question.bankID
            }
        }

        /// The entry's question.
        public var questionID: String {
            switch self {
            case .due(let card, _): card.questionID
            case .new(let question): question.questionID
            }
        }
    }

    /// Lapses that make a card a leech (Anki's default threshold).
    public static let leechLapses = 8
    /// How far ahead a session looks for cards on learning steps once its queue is done (Anki's
    /// default "learn ahead" limit): a card answered a few minutes ago comes back in the same sitting.
    public static let learnAheadSeconds: Double = 20 * 60

    /// The queue, in order.
    public var entries: [Entry]
    /// Due cards set aside because they are leeches.
    public var leeches: [StudyCard]
    /// Due cards that are not leeches, before `limit` was applied.
    public var dueCount: Int
    /// New questions available before `newLimit` and `limit` were applied.
    public var newAvailable: Int

    /// The queue at `now` from `cards` (any cards; those not yet due are left out) and
    /// `newQuestions` (questions without a card, in the order to introduce them).
    public init(cards: [StudyCard], newQuestions: [NewQuestion], at now: Timestamp, newLimit: Int,
                limit: Int? = nil, scheduler: FSRSScheduler = FSRSScheduler()) {
        var due: [(card: StudyCard, retrievability: Double)] = []
        var leeches: [StudyCard] = []
        for card in cards where card.state.due <= now {
            if card.isSuspended {
                leeches.append(card)
            } else {
                due.append((card, scheduler.retrievability(of: card.state, at: now)))
            }
        }
        due.sort { left, right in
            if left.retrievability != right.retrievability { return left.retrievability < right.retrievability }
            if left.card.state.due != right.card.state.due { return left.card.state.due < right.card.state.due }
            return (left.card.bankID, left.card.questionID) < (right.card.bankID, right.card.questionID)
        }
        let cap = Swift.max(0, limit ?? Int.max)
        let dueTaken = due.prefix(cap).map { Entry.due($0.card, retrievability: $0.retrievability) }
        let newRoom = Swift.max(0, Swift.min(newLimit, cap - dueTaken.count))
        entries = dueTaken + newQuestions.prefix(newRoom).map(Entry.new)
        self.leeches = leeches.sorted { ($0.bankID, $0.questionID) < ($1.bankID, $1.questionID) }
        dueCount = due.count
        newAvailable = newQuestions.count
    }

    /// Whether a review is a lapse: the card was in long-term review and was rated Again.
    public static func isLapse(phaseBefore: CardPhase?, rating: Rating) -> Bool {
        phaseBefore == .review && rating == .again
    }

    /// Whether the lapse that brings a card to `lapses` makes it a leech and sets it aside: the
    /// `leechLapses`th, then every `leechLapses / 2`th after it (Anki's rule), so a card brought
    /// back after a rewrite gets four more chances before it is set aside again.
    public static func isLeechLapse(_ lapses: Int) -> Bool {
        let every = Swift.max(1, leechLapses / 2)
        return lapses == leechLapses || (lapses > leechLapses && (lapses - leechLapses) % every == 0)
    }

    /// Cards on learning or relearning steps due by `now + window`, earliest first, cards set aside
    /// left out: what a session shows again once its queue is done.
    public static func learningAhead(_ cards: [StudyCard], at now: Timestamp,
                                     window: Double = learnAheadSeconds) -> [StudyCard] {
        let horizon = now.adding(seconds: window)
        return cards.filter { card in
            switch card.state.phase {
            case .learning, .relearning: card.state.due <= horizon && !card.isSuspended
            case .review: false
            }
        }.sorted { left, right in
            left.state.due != right.state.due ? left.state.due < right.state.due
                : (left.bankID, left.questionID) < (right.bankID, right.questionID)
        }
    }

    /// The bank's questions that have no card, in the order to introduce them: the blueprint's
    /// domains interleaved by weight (smooth weighted round robin, so a 40 % domain gives two of
    /// every five), each domain's questions in the bank's order.
    public static func newQuestionOrder(in bank: QuestionBank, excluding reviewed: Set<String>) -> [NewQuestion] {
        let domainOf = bank.blueprintDomainIDs()
        var seen = reviewed
        var queues: [[String]] = bank.domains.map { _ in [] }
        var unplaced: [String] = []
        let position = Dictionary(bank.domains.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        for question in bank.questions where seen.insert(question.id).inserted {
            if let domain = domainOf[question.id], let index = position[domain] {
                queues[index].append(question.id)
            } else {
                unplaced.append(question.id)
            }
        }
        let weights = bank.domains.map { Swift.max($0.weight.isFinite ? $0.weight : 0, 0) }
        var credit = bank.domains.map { _ in 0.0 }
        var next = queues.map { _ in 0 }
        var order: [String] = []
        while true {
            let open = queues.indices.filter { next[$0] < queues[$0].count }
            guard !open.isEmpty else { break }
            let total = open.reduce(0.0) { $0 + weights[$1] }
            for index in open { credit[index] += weights[index] }
            // The first open domain with the most credit; with no weight at all, bank order.
            var chosen = open[0]
            for index in open where credit[index] > credit[chosen] { chosen = index }
            credit[chosen] -= total
            order.append(queues[chosen][next[chosen]])
            next[chosen] += 1
        }
        return (order + unplaced).map { NewQuestion(bankID: bank.id, questionID: $0) }
    }
}
