/// The mastery of one topic of a domain: the unit that weak-topic drills work on.
public struct TopicMastery: Sendable, Hashable {
    public var domainID: String
    /// The topic; `nil` for the domain's questions that have no topic.
    public var topicID: String?
    /// The topic's name; for questions without a topic, "Other questions", or the domain's name
    /// when the domain has no topics at all.
    public var name: String
    /// The topic's expected share of an exam form, in percent: its domain's weight times the
    /// topic's share of the domain's questions (forms draw a domain's questions at random).
    public var examWeight: Double
    /// The topic's questions, in bank order.
    public var questionIDs: [String]
    public var mastery: Mastery

    /// A topic's mastery from its parts.
    public init(domainID: String, topicID: String?, name: String, examWeight: Double, questionIDs: [String],
                mastery: Mastery) {
        self.domainID = domainID
        self.topicID = topicID
        self.name = name
        self.examWeight = examWeight
        self.questionIDs = questionIDs
        self.mastery = mastery
    }

    /// How much drilling the topic is worth: exam weight × (1 − mastery).
    public var priority: Double { examWeight * mastery.weakness }
}

/// The mastery of one blueprint domain and of its topics.
public struct DomainMastery: Sendable, Hashable {
    public var domainID: String
    public var name: String
    /// The domain's weight in the blueprint, in percent.
    public var weight: Double
    /// The evidence of all the domain's questions, pooled.
    public var mastery: Mastery
    /// The domain's topics with questions, in blueprint order, then its questions without a topic.
    public var topics: [TopicMastery]

    /// A domain's mastery from its parts.
    public init(domainID: String, name: String, weight: Double, mastery: Mastery, topics: [TopicMastery]) {
        self.domainID = domainID
        self.name = name
        self.weight = weight
        self.mastery = mastery
        self.topics = topics
    }
}

/// Mastery across a bank, by domain and topic, at one moment.
///
/// A question counts towards the domain it counts against on a form (its case's, inside a case)
/// and towards its own topic or its case's. Domain figures pool the evidence of all their
/// questions; they are not averages of topic figures.
public struct BankMastery: Sendable, Hashable {
    public var bankID: String
    public var domains: [DomainMastery]
    /// The evidence of the whole bank, pooled.
    public var overall: Mastery

    /// The mastery of `bank` at `now` from each question's answer record and review card.
    public init(bank: QuestionBank, answers: [String: AnswerTally], cards: [String: CardState], at now: Timestamp,
                scheduler: FSRSScheduler = FSRSScheduler()) {
        bankID = bank.id
        let evidence = Self.questionMastery(bank: bank, answers: answers, cards: cards, at: now, scheduler: scheduler)
        let domainOf = bank.blueprintDomainIDs()
        let caseOf = bank.caseOfQuestion()

        // Questions by domain, then by topic (nil: no topic, or a topic of another domain).
        var byDomain: [String: [String?: [String]]] = [:]
        var seen: Set<String> = []
        for question in bank.questions where seen.insert(question.id).inserted {
            guard let domainID = domainOf[question.id] else { continue }
            var topic = question.topicID ?? caseOf[question.id]?.topicID
            if let id = topic, bank.topic(id: id)?.1.id != domainID { topic = nil }
            byDomain[domainID, default: [:]][topic, default: []].append(question.id)
        }

        var domains: [DomainMastery] = []
        var overall = Mastery()
        for domain in bank.domains {
            let groups = byDomain[domain.id] ?? [:]
            let domainQuestions = groups.values.reduce(0) { $0 + $1.count }
            let share = { (count: Int) in
                domainQuestions == 0 ? 0 : domain.weight * Double(count) / Double(domainQuestions)
            }
            var topics: [TopicMastery] = []
            for topic in domain.topics {
                guard let ids = groups[topic.id], !ids.isEmpty else { continue }
                topics.append(TopicMastery(domainID: domain.id, topicID: topic.id, name: topic.name,
                                           examWeight: share(ids.count), questionIDs: ids,
                                           mastery: Self.pooled(ids, evidence)))
            }
            if let ids = groups[nil], !ids.isEmpty {
                topics.append(TopicMastery(domainID: domain.id, topicID: nil,
                                           name: domain.topics.isEmpty ? domain.name : "Other questions",
                                           examWeight: share(ids.count), questionIDs: ids,
                                           mastery: Self.pooled(ids, evidence)))
            }
            let pooled = topics.reduce(Mastery()) { $0 + $1.mastery }
            overall = overall + pooled
            domains.append(DomainMastery(domainID: domain.id, name: domain.name, weight: domain.weight,
                                         mastery: pooled, topics: topics))
        }
        self.domains = domains
        self.overall = overall
    }

    /// Every topic of every domain, in blueprint order.
    public var topics: [TopicMastery] { domains.flatMap(\.topics) }

    /// The mastery of each question of `bank` from its own evidence.
    public static func questionMastery(bank: QuestionBank, answers: [String: AnswerTally], cards: [String: CardState],
                                       at now: Timestamp, scheduler: FSRSScheduler = FSRSScheduler()) -> [String: Mastery] {
        var result: [String: Mastery] = [:]
        for question in bank.questions where result[question.id] == nil {
            let retrievability = cards[question.id].map { recall(of: $0, at: now, scheduler: scheduler) }
            result[question.id] = Mastery(tally: answers[question.id] ?? AnswerTally(), retrievability: retrievability)
        }
        return result
    }

    /// The card's retrievability as mastery counts it: now, but never sooner than a day after the
    /// last review. Right after any review FSRS puts R at 1, a wrong answer or not (elapsed time is
    /// counted in whole days), and a figure that rose after a wrong answer would mislead; a day on,
    /// R reflects the stability the answer left (0.77 after a first Again, 0.95 after a first Good).
    public static func recall(of card: CardState, at now: Timestamp, scheduler: FSRSScheduler = FSRSScheduler()) -> Double {
        scheduler.retrievability(of: card, at: Swift.max(now, card.lastReview.adding(seconds: 86_400)))
    }

    private static func pooled(_ ids: [String], _ evidence: [String: Mastery]) -> Mastery {
        ids.reduce(Mastery()) { $0 + (evidence[$1] ?? Mastery(questions: 1)) }
    }
}
