/// A weak-topic drill: the topics chosen, how many questions each gives, and the questions.
public struct DrillPlan: Sendable, Hashable {
    /// A topic of the drill and its number of questions.
    public struct Share: Sendable, Hashable {
        public var topic: TopicMastery
        public var count: Int

        /// `count` questions from `topic`.
        public init(topic: TopicMastery, count: Int) {
            self.topic = topic
            self.count = count
        }
    }

    /// The topics drawn from, highest priority first.
    public var shares: [Share]
    /// The questions, options shuffled, topics mixed.
    public var items: [ExamForm.Item]
}

/// Picks what `proctor drill --weak` asks: questions from the topics where exam weight × weakness
/// is largest.
///
/// - Topics are ranked by priority = exam weight × (1 − mastery), highest first (ties: the larger
///   exam weight, then blueprint order). A topic with no evidence has mastery ½, so untouched
///   topics with a large share of the exam come up too.
/// - The `count` questions are shared among the `topics` highest-ranked topics in proportion to
///   their priority (largest remainder); a topic with too few questions passes the rest down the
///   ranking.
/// - Inside a topic the weakest questions come first (lowest `Mastery` of the question alone:
///   wrong answers before unseen ones before right ones), ties broken by the seed.
/// - The chosen questions are shuffled together and their options shuffled, all by the seed.
public enum WeakTopics {
    /// How many topics a drill draws from unless told otherwise.
    public static let defaultTopicCount = 3

    /// The bank's topics, highest priority first.
    public static func rank(_ mastery: BankMastery) -> [TopicMastery] {
        mastery.topics.enumerated().sorted { left, right in
            let (a, b) = (left.element, right.element)
            if a.priority != b.priority { return a.priority > b.priority }
            if a.examWeight != b.examWeight { return a.examWeight > b.examWeight }
            return left.offset < right.offset
        }.map(\.element)
    }

    /// The drill of `count` questions from `bank`.
    public static func pick(count: Int, from bank: QuestionBank, mastery: BankMastery,
                            questionMastery: [String: Mastery], topics topicCount: Int = defaultTopicCount,
                            seed: UInt64) -> DrillPlan {
        var generator = SeededGenerator(seed: seed)
        let ranked = rank(mastery).filter { !$0.questionIDs.isEmpty }
        let counts = allocate(count, among: ranked, topics: topicCount)

        var shares: [DrillPlan.Share] = []
        var chosen: [String] = []
        for (topic, take) in zip(ranked, counts) where take > 0 {
            let shuffled = generator.shuffled(topic.questionIDs)
            let weakest = shuffled.enumerated().sorted { left, right in
                let a = questionMastery[left.element]?.value ?? 0.5
                let b = questionMastery[right.element]?.value ?? 0.5
                return a != b ? a < b : left.offset < right.offset
            }.map(\.element)
            chosen += weakest.prefix(take)
            shares.append(DrillPlan.Share(topic: topic, count: take))
        }
        let questions = Dictionary(bank.questions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let items = generator.shuffled(chosen).compactMap { id in questions[id]?.shuffledItem(using: &generator) }
        return DrillPlan(shares: shares, items: items)
    }

    /// Questions per ranked topic: `count` shared among the first `topics` by priority, capped at
    /// what each has, the rest passed down the ranking.
    static func allocate(_ count: Int, among ranked: [TopicMastery], topics: Int) -> [Int] {
        var counts = ranked.map { _ in 0 }
        let available = ranked.map(\.questionIDs.count)
        var open = Swift.min(Swift.max(0, count), available.reduce(0, +))
        let leaders = Array(ranked.indices.prefix(Swift.max(1, topics)))
        let priorities = leaders.map { Swift.max(ranked[$0].priority, 0) }
        let total = priorities.reduce(0, +)
        if total > 0 && open > 0 {
            let exact = priorities.map { Double(open) * $0 / total }
            var share = exact.map { Int($0.rounded(.down)) }
            let byRemainder = exact.indices.sorted { left, right in
                let (a, b) = (exact[left] - Double(share[left]), exact[right] - Double(share[right]))
                return a != b ? a > b : left < right
            }
            for index in byRemainder.prefix(open - share.reduce(0, +)) { share[index] += 1 }
            for (position, index) in leaders.enumerated() {
                counts[index] = Swift.min(share[position], available[index])
            }
            open -= counts.reduce(0, +)
        }
        for index in ranked.indices where open > 0 {
            let extra = Swift.min(open, available[index] - counts[index])
            counts[index] += extra
            open -= extra
        }
        return counts
    }
}
