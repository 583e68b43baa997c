/// One assembled sitting of an exam: which questions, in what order, with what shuffles.
///
/// A form is fixed when an attempt starts and stored with it (as JSON), so a resumed or re-scored
/// attempt sees exactly what the candidate saw. It names questions by their bank ids only.
public struct ExamForm: Sendable, Hashable, Codable {
    /// The exam profile the form was drawn for (`practice` for practice selections).
    public var examID: String
    public var bankID: String
    /// The bank's version when the form was drawn.
    public var bankVersion: String
    /// The seed that reproduces this form.
    public var seed: UInt64
    /// The exam time limit in seconds; `0` means untimed.
    public var timeLimitSeconds: Int
    /// Breaks in increasing `after` order.
    public var breaks: [Break]
    /// The questions in display order.
    public var items: [Item]

    /// A form from its parts.
    public init(
        examID: String, bankID: String, bankVersion: String, seed: UInt64,
        timeLimitSeconds: Int, breaks: [Break] = [], items: [Item]
    ) {
        self.examID = examID
        self.bankID = bankID
        self.bankVersion = bankVersion
        self.seed = seed
        self.timeLimitSeconds = timeLimitSeconds
        self.breaks = breaks
        self.items = items
    }

    /// Whether the form has a time limit.
    public var isTimed: Bool { timeLimitSeconds > 0 }

    /// How many items are scored (not pretest).
    public var scoredCount: Int { items.count(where: { !$0.isPretest }) }

    /// The exam's average time per question in seconds, when timed: the pace a candidate must keep.
    public var allowedSecondsPerQuestion: Double? {
        guard isTimed, !items.isEmpty else { return nil }
        return Double(timeLimitSeconds) / Double(items.count)
    }

    /// A break in a form: after which question it comes and how long it may last.
    public struct Break: Sendable, Hashable, Codable {
        /// The number (1-based) of the last question before the break.
        public var after: Int
        /// The break's own limit in seconds.
        public var limitSeconds: Int

        /// A break after question number `after`, lasting at most `limitSeconds`.
        public init(after: Int, limitSeconds: Int) {
            self.after = after
            self.limitSeconds = limitSeconds
        }
    }

    /// The shape of answer an item takes; enough to check and parse answers without the bank.
    public enum ItemKind: Sendable, Hashable, Codable {
        case single
        case multiple(select: Int)
        case trueFalse
        case numeric
        case ordering
        case matching

        /// The kind of item a question makes.
        public init(_ kind: QuestionKind) {
            switch kind {
            case .single: self = .single
            case .multiple(_, let select): self = .multiple(select: select)
            case .trueFalse: self = .trueFalse
            case .numeric: self = .numeric
            case .ordering: self = .ordering
            case .matching: self = .matching
            }
        }

        /// Whether the item is answered by choosing options (and options can be struck out).
        public var isChoice: Bool {
            switch self {
            case .single, .multiple, .trueFalse: true
            case .numeric, .ordering, .matching: false
            }
        }
    }

    /// One question as placed on a form.
    public struct Item: Sendable, Hashable, Codable {
        public var questionID: String
        public var kind: ItemKind
        /// Option ids in display order (choice kinds); pinned options keep their place.
        public var optionOrder: [String]
        /// Ordering item ids in display order (ordering).
        public var orderItemOrder: [String]
        /// Pair ids of the left sides in display order (matching).
        public var leftOrder: [String]
        /// Pair ids of the right sides in display order (matching).
        public var rightOrder: [String]
        /// Unscored, as real exams draw new items; never shown to the candidate.
        public var isPretest: Bool

        /// An item from its parts.
        public init(
            questionID: String, kind: ItemKind, optionOrder: [String] = [],
            orderItemOrder: [String] = [], leftOrder: [String] = [], rightOrder: [String] = [],
            isPretest: Bool = false
        ) {
            self.questionID = questionID
            self.kind = kind
            self.optionOrder = optionOrder
            self.orderItemOrder = orderItemOrder
            self.leftOrder = leftOrder
            self.rightOrder = rightOrder
            self.isPretest = isPretest
        }

        /// The item for `question` in the bank's own order, nothing shuffled.
        public init(unshuffled question: Question, isPretest: Bool = false) {
            var optionOrder: [String] = []
            var orderItemOrder: [String] = []
            var pairOrder: [String] = []
            switch question.kind {
            case .single(let options), .multiple(let options, _), .trueFalse(let options):
                optionOrder = options.map(\.id)
            case .numeric:
                break
            case .ordering(let items):
                orderItemOrder = items.map(\.id)
            case .matching(let pairs):
                pairOrder = pairs.map(\.id)
            }
            self.init(
                questionID: question.id, kind: ItemKind(question.kind), optionOrder: optionOrder,
                orderItemOrder: orderItemOrder, leftOrder: pairOrder, rightOrder: pairOrder,
                isPretest: isPretest
            )
        }
    }
}

extension Question {
    /// The item for this question with its options and sides shuffled by `generator`.
    ///
    /// Pinned options keep their position; true/false stays in the author's order. An ordering is
    /// never shown already in the right order, nor a matching with every right side beside its own
    /// left side: those would give the answer away, so the shuffle is rotated by one instead.
    public func shuffledItem(using generator: inout SeededGenerator, isPretest: Bool = false) -> ExamForm.Item {
        var item = ExamForm.Item(unshuffled: self, isPretest: isPretest)
        switch kind {
        case .single(let options), .multiple(let options, _):
            item.optionOrder = Self.shuffleKeepingPins(options, using: &generator)
        case .trueFalse, .numeric:
            break
        case .ordering(let items):
            item.orderItemOrder = Self.shuffleAvoiding(items.map(\.id), using: &generator)
        case .matching(let pairs):
            item.leftOrder = generator.shuffled(pairs.map(\.id))
            item.rightOrder = Self.shuffleAvoiding(item.leftOrder, using: &generator)
        }
        return item
    }

    private static func shuffleKeepingPins(_ options: [Option], using generator: inout SeededGenerator) -> [String] {
        let freeSlots = options.indices.filter { !options[$0].isPinned }
        let freeIDs = generator.shuffled(freeSlots.map { options[$0].id })
        var order = options.map(\.id)
        for (slot, id) in zip(freeSlots, freeIDs) { order[slot] = id }
        return order
    }

    private static func shuffleAvoiding(_ ids: [String], using generator: inout SeededGenerator) -> [String] {
        var order = generator.shuffled(ids)
        if order.count > 1 && order == ids { order.append(order.removeFirst()) }
        return order
    }
}
