import ProctorCore
import Testing

/// The review queue: due cards by retrievability, new questions to a limit, leeches set aside.
@Suite("Study: review queue")
struct StudyQueueTests {
    static let now = Timestamp(secondsSince1970: 1_772_442_000)  // 2026-03-02T09:00:00Z
    static let day = 86_400.0

    /// A card in review with stability `stability`, last reviewed `daysAgo` days before `now` and
    /// due `dueDaysAgo` days before it.
    static func reviewCard(_ id: String, stability: Double, daysAgo: Double, dueDaysAgo: Double = 0,
                           lapses: Int = 0) -> StudyCard {
        StudyCard(bankID: "b", questionID: id,
                  state: CardState(phase: .review, step: nil, stability: stability, difficulty: 5,
                                   due: now.adding(seconds: -dueDaysAgo * day), lastReview: now.adding(seconds: -daysAgo * day)),
                  lapses: lapses)
    }

    static func learningCard(_ id: String, phase: CardPhase = .learning, dueIn seconds: Double) -> StudyCard {
        StudyCard(bankID: "b", questionID: id,
                  state: CardState(phase: phase, step: 0, stability: 1, difficulty: 5,
                                   due: now.adding(seconds: seconds), lastReview: now.adding(seconds: -60)))
    }

    static func new(_ ids: [String]) -> [NewQuestion] {
        ids.map { NewQuestion(bankID: "b", questionID: $0) }
    }

    @Test("due cards come lowest retrievability first (fsrs.md: R for S = 1 at t = 1, 2, 3 is 0.9, 0.84588465, 0.8093881)")
    func dueOrder() {
        let cards = [
            Self.reviewCard("one-day", stability: 1, daysAgo: 1),
            Self.reviewCard("three-days", stability: 1, daysAgo: 3),
            Self.reviewCard("two-days", stability: 1, daysAgo: 2),
            Self.reviewCard("not-due", stability: 1, daysAgo: 3, dueDaysAgo: -1),
        ]
        let queue = ReviewQueue(cards: cards, newQuestions: [], at: Self.now, newLimit: 20)
        #expect(queue.entries.map(\.questionID) == ["three-days", "two-days", "one-day"])
        let recalls = queue.entries.compactMap { entry -> Double? in
            if case .due(_, let retrievability) = entry { return retrievability }
            return nil
        }
        #expect(recalls.count == 3)
        for (found, expected) in zip(recalls, [0.8093881, 0.84588465, 0.9]) {
            #expect(abs(found - expected) < 1e-7)
        }
        #expect(queue.dueCount == 3)
    }

    @Test("equal retrievability (learning steps are all at 1) goes by due time, then id")
    func ties() {
        let cards = [
            Self.learningCard("late", dueIn: -10),
            Self.learningCard("early-b", dueIn: -120),
            Self.learningCard("early-a", dueIn: -120),
        ]
        let queue = ReviewQueue(cards: cards, newQuestions: [], at: Self.now, newLimit: 0)
        #expect(queue.entries.map(\.questionID) == ["early-a", "early-b", "late"])
    }

    @Test("new questions follow the due cards up to the daily limit; --limit caps the whole queue")
    func limits() {
        let due = [Self.reviewCard("d1", stability: 1, daysAgo: 3), Self.reviewCard("d2", stability: 1, daysAgo: 2)]
        let fresh = Self.new(["n1", "n2", "n3", "n4", "n5"])
        let daily = ReviewQueue(cards: due, newQuestions: fresh, at: Self.now, newLimit: 2)
        #expect(daily.entries.map(\.questionID) == ["d1", "d2", "n1", "n2"])
        #expect(daily.newAvailable == 5)
        let capped = ReviewQueue(cards: due, newQuestions: fresh, at: Self.now, newLimit: 2, limit: 3)
        #expect(capped.entries.map(\.questionID) == ["d1", "d2", "n1"])
        let tight = ReviewQueue(cards: due, newQuestions: fresh, at: Self.now, newLimit: 2, limit: 1)
        #expect(tight.entries.map(\.questionID) == ["d1"])
        #expect(tight.dueCount == 2)
        let none = ReviewQueue(cards: [], newQuestions: fresh, at: Self.now, newLimit: 0)
        #expect(none.entries.isEmpty)
        #expect(ReviewQueue(cards: [], newQuestions: fresh, at: Self.now, newLimit: -3).entries.isEmpty)
    }

    @Test("a card that lapsed 8 times is a leech: set aside, listed; 7 lapses is not")
    func leeches() {
        let cards = [
            Self.reviewCard("seven", stability: 1, daysAgo: 2, lapses: 7),
            Self.reviewCard("eight", stability: 1, daysAgo: 3, lapses: 8),
            Self.reviewCard("twelve", stability: 1, daysAgo: 3, dueDaysAgo: -5, lapses: 12),
        ]
        let queue = ReviewQueue(cards: cards, newQuestions: [], at: Self.now, newLimit: 20)
        #expect(queue.entries.map(\.questionID) == ["seven"])
        #expect(queue.leeches.map(\.questionID) == ["eight"])
        #expect(ReviewQueue.leechLapses == 8)
    }

    @Test("a card brought back is queued whatever its lapses; one set aside is not, whatever its lapses")
    func suspension() {
        var back = Self.reviewCard("back", stability: 1, daysAgo: 3, lapses: 9)
        back.isSuspended = false
        var aside = Self.reviewCard("aside", stability: 1, daysAgo: 2, lapses: 2)
        aside.isSuspended = true
        let queue = ReviewQueue(cards: [back, aside], newQuestions: [], at: Self.now, newLimit: 20)
        #expect(queue.entries.map(\.questionID) == ["back"])
        #expect(queue.leeches.map(\.questionID) == ["aside"])
        let stored = StudyCard(bankID: "b", questionID: "x", state: back.state, lapses: 12, isSuspended: false)
        #expect(!stored.isSuspended)
    }

    @Test("the 8th lapse makes a leech, then every 4th after it (Anki's rule for a card brought back)")
    func leechLapses() {
        let leechLapses = (0...24).filter(ReviewQueue.isLeechLapse)
        #expect(leechLapses == [8, 12, 16, 20, 24])
    }

    @Test("a lapse is Again given to a card in review, and nothing else",
          arguments: [CardPhase?.none, .learning, .review, .relearning])
    func lapses(phase: CardPhase?) {
        for rating in Rating.allCases {
            #expect(ReviewQueue.isLapse(phaseBefore: phase, rating: rating) == (phase == .review && rating == .again))
        }
    }

    @Test("learning ahead: cards on steps due within 20 minutes, earliest first; review cards and leeches never")
    func learningAhead() {
        var leech = Self.learningCard("leech", phase: .relearning, dueIn: 30)
        leech.isSuspended = true
        let cards = [
            Self.learningCard("ten", dueIn: 600),
            Self.learningCard("one", phase: .relearning, dueIn: 60),
            Self.learningCard("late", dueIn: 1_201),
            Self.reviewCard("review", stability: 1, daysAgo: 3),
            leech,
        ]
        #expect(ReviewQueue.learningAhead(cards, at: Self.now).map(\.questionID) == ["one", "ten"])
        #expect(ReviewQueue.learningAhead(cards, at: Self.now, window: 1_201).map(\.questionID) == ["one", "ten", "late"])
    }

    @Test("new questions interleave the domains by weight: 60/40 gives A B A B A, then the rest")
    func newOrder() {
        func question(_ id: String, _ domain: String) -> Question {
            Question(id: id, domainID: domain, stem: RichText(id), kind: .trueFalse([
                Option(id: "t", text: "True", isCorrect: true), Option(id: "f", text: "False"),
            ]))
        }
        let bank = QuestionBank(
            id: "b", version: "1", title: "B",
            domains: [Domain(id: "a", name: "A", weight: 60), Domain(id: "z", name: "Z", weight: 40)],
            questions: [question("a1", "a"), question("a2", "a"), question("a3", "a"),
                        question("z1", "z"), question("z2", "z"), question("z3", "z")]
        )
        #expect(ReviewQueue.newQuestionOrder(in: bank, excluding: []).map(\.questionID)
                == ["a1", "z1", "a2", "z2", "a3", "z3"])
        #expect(ReviewQueue.newQuestionOrder(in: bank, excluding: ["a1", "z3"]).map(\.questionID)
                == ["a2", "z1", "a3", "z2"])
        #expect(ReviewQueue.newQuestionOrder(in: bank, excluding: []).allSatisfy { $0.bankID == "b" })
    }
}
