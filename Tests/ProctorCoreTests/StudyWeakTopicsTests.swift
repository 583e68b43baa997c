import ProctorCore
import Testing

/// Weak topics: ranked by exam weight × (1 − mastery), questions shared by priority.
@Suite("Study: weak topics")
struct StudyWeakTopicsTests {
    static let now = Timestamp(secondsSince1970: 1_772_442_000)

    /// Domain big (60): topics a (a1-a4) and b (b1-b2); domain small (40): topic c (c1-c6).
    static let bank: QuestionBank = {
        func question(_ id: String, _ domain: String, _ topic: String) -> Question {
            Question(id: id, domainID: domain, topicID: topic, stem: RichText(id), kind: .single([
                Option(id: "x", text: "X", isCorrect: true), Option(id: "y", text: "Y"), Option(id: "z", text: "Z"),
            ]))
        }
        return QuestionBank(
            id: "w", version: "1", title: "W",
            domains: [
                Domain(id: "big", name: "Big", weight: 60, topics: [Topic(id: "a", name: "A"), Topic(id: "b", name: "B")]),
                Domain(id: "small", name: "Small", weight: 40, topics: [Topic(id: "c", name: "C")]),
            ],
            questions: (1...4).map { question("a\($0)", "big", "a") } + (1...2).map { question("b\($0)", "big", "b") }
                + (1...6).map { question("c\($0)", "small", "c") }
        )
    }()

    /// a: 8 of 8 right → 10/12; b: 0 of 2 → 2/6; c: no answers → 1/2.
    static let answers: [String: AnswerTally] = [
        "a1": AnswerTally(answered: 4, correct: 4), "a2": AnswerTally(answered: 4, correct: 4),
        "b1": AnswerTally(answered: 1, correct: 0), "b2": AnswerTally(answered: 1, correct: 0),
    ]

    static var mastery: BankMastery { BankMastery(bank: bank, answers: answers, cards: [:], at: now) }

    @Test("priorities: a 40 × 2/12, b 20 × 4/6, c 40 × 1/2; ranked c, b, a")
    func rank() {
        let ranked = WeakTopics.rank(Self.mastery)
        #expect(ranked.map(\.topicID) == ["c", "b", "a"])
        let priorities = ranked.map(\.priority)
        for (found, expected) in zip(priorities, [20.0, 40.0 / 3, 20.0 / 3]) { #expect(abs(found - expected) < 1e-9) }
    }

    @Test("ties in priority go to the larger exam weight, then blueprint order")
    func ties() {
        let even = BankMastery(bank: Self.bank, answers: [:], cards: [:], at: Self.now)
        // a and b: 40 and 20 of the exam × 1/2; c: 40 × 1/2. a and c tie on both: blueprint order.
        #expect(WeakTopics.rank(even).map(\.topicID) == ["a", "c", "b"])
    }

    @Test("count is shared by priority (largest remainder), capped at what a topic has, the rest passed down")
    func allocation() {
        // 10 by 20 : 13.33 : 6.67 → 5, 3.33, 1.67 → 5, 3, 2; but b has only 2: 5, 2, 2, and the last one goes to c.
        let plan = WeakTopics.pick(count: 10, from: Self.bank, mastery: Self.mastery, questionMastery: [:], seed: 1)
        #expect(plan.shares.map(\.topic.topicID) == ["c", "b", "a"])
        #expect(plan.shares.map(\.count) == [6, 2, 2])
        #expect(plan.items.count == 10)
        // One topic only: all from c.
        let single = WeakTopics.pick(count: 4, from: Self.bank, mastery: Self.mastery, questionMastery: [:], topics: 1, seed: 1)
        #expect(single.shares.map(\.topic.topicID) == ["c"])
        #expect(single.items.allSatisfy { $0.questionID.hasPrefix("c") })
        // More than the bank has: everything, once.
        let all = WeakTopics.pick(count: 50, from: Self.bank, mastery: Self.mastery, questionMastery: [:], seed: 1)
        #expect(Set(all.items.map(\.questionID)).count == 12)
        #expect(WeakTopics.pick(count: 0, from: Self.bank, mastery: Self.mastery, questionMastery: [:], seed: 1).items.isEmpty)
    }

    @Test("inside a topic the weakest questions come first; the same seed gives the same drill")
    func weakestFirst() {
        let questionMastery = BankMastery.questionMastery(
            bank: Self.bank, answers: ["c4": AnswerTally(answered: 2, correct: 0), "c2": AnswerTally(answered: 1, correct: 1)],
            cards: [:], at: Self.now)
        let plan = WeakTopics.pick(count: 1, from: Self.bank, mastery: Self.mastery, questionMastery: questionMastery,
                                   topics: 1, seed: 7)
        #expect(plan.items.map(\.questionID) == ["c4"])
        let five = WeakTopics.pick(count: 5, from: Self.bank, mastery: Self.mastery, questionMastery: questionMastery,
                                   topics: 1, seed: 7)
        #expect(!five.items.map(\.questionID).contains("c2"))
        let again = WeakTopics.pick(count: 5, from: Self.bank, mastery: Self.mastery, questionMastery: questionMastery,
                                    topics: 1, seed: 7)
        #expect(again == five)
        #expect(five.items.allSatisfy { Set($0.optionOrder) == ["x", "y", "z"] })
    }
}
