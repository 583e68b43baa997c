/// A loaded question bank: its blueprint (domains and topics), the exams it defines, and its items.
///
/// A bank is a value: loading builds one, and everything downstream (form assembly, sessions,
/// scheduling) reads it without changing it.
public struct QuestionBank: Sendable, Hashable {
    /// Stable id, `[a-z0-9][a-z0-9-]*`; history is keyed on it.
    public var id: String
    /// The author's version string, e.g. `2026.1`.
    public var version: String
    /// `xml:lang` of the bank, when given.
    public var language: String?
    public var title: String
    public var summary: String?
    public var license: String?
    public var authors: [String]
    /// The blueprint, in document order; weights sum to 100 in a valid bank.
    public var domains: [Domain]
    public var exams: [ExamProfile]
    /// Every question in document order, including those inside cases.
    public var questions: [Question]
    /// Case sets; their questions are also in `questions`, with `caseID` set.
    public var cases: [CaseSet]

    public init(
        id: String, version: String, language: String? = nil, title: String,
        summary: String? = nil, license: String? = nil, authors: [String] = [],
        domains: [Domain], exams: [ExamProfile] = [], questions: [Question], cases: [CaseSet] = []
    ) {
        self.id = id
        self.version = version
        self.language = language
        self.title = title
        self.summary = summary
        self.license = license
        self.authors = authors
        self.domains = domains
        self.exams = exams
        self.questions = questions
        self.cases = cases
    }

    /// The question with this id, if the bank has one.
    public func question(id: String) -> Question? {
        questions.first { $0.id == id }
    }

    /// The domain with this id, if the bank has one.
    public func domain(id: String) -> Domain? {
        domains.first { $0.id == id }
    }

    /// The exam with this id, if the bank defines one.
    public func exam(id: String) -> ExamProfile? {
        exams.first { $0.id == id }
    }

    /// The case with this id, if the bank has one.
    public func caseSet(id: String) -> CaseSet? {
        cases.first { $0.id == id }
    }

    /// The topic with this id and the domain that holds it.
    public func topic(id: String) -> (Topic, Domain)? {
        for domain in domains {
            if let topic = domain.topics.first(where: { $0.id == id }) { return (topic, domain) }
        }
        return nil
    }
}

/// A content area of the exam blueprint, with its share of a form.
public struct Domain: Sendable, Hashable, Identifiable {
    public var id: String
    public var name: String
    /// Percent of an exam form drawn from this domain.
    public var weight: Double
    public var topics: [Topic]

    public init(id: String, name: String, weight: Double, topics: [Topic] = []) {
        self.id = id
        self.name = name
        self.weight = weight
        self.topics = topics
    }
}

/// A topic inside a domain: the unit that mastery and weak-topic drills work on.
public struct Topic: Sendable, Hashable, Identifiable {
    public var id: String
    public var name: String

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}

/// A set of questions that share one scenario; an exam form takes it whole.
public struct CaseSet: Sendable, Hashable, Identifiable {
    public var id: String
    public var domainID: String
    public var topicID: String?
    public var scenario: RichText
    /// The case's questions, in document order.
    public var questionIDs: [String]

    public init(id: String, domainID: String, topicID: String? = nil, scenario: RichText, questionIDs: [String]) {
        self.id = id
        self.domainID = domainID
        self.topicID = topicID
        self.scenario = scenario
        self.questionIDs = questionIDs
    }
}
