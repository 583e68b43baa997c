import ProctorCore
import Testing

/// Mastery: smoothed accuracy blended with smoothed recall, by topic and domain.
@Suite("Study: mastery")
struct StudyMasteryTests {
    static let now = Timestamp(secondsSince1970: 1_772_442_000)  // 2026-03-02T09:00:00Z
    static let day = 86_400.0

    static func isClose(_ a: Double, _ b: Double) -> Bool { abs(a - b) < 1e-9 }

    @Test("no evidence is the prior, one half; two lucky answers are 4/6, not mastery; 20 of 20 is 22/24")
    func accuracyOnly() {
        let none = Mastery()
        #expect(none.value == 0.5 && !none.hasEvidence && none.recall == nil)
        let lucky = Mastery(questions: 2, tally: AnswerTally(answered: 2, correct: 2))
        #expect(Self.isClose(lucky.value, 4.0 / 6))
        #expect(lucky.hasEvidence)
        let solid = Mastery(questions: 20, tally: AnswerTally(answered: 20, correct: 20))
        #expect(Self.isClose(solid.value, 22.0 / 24))
        let wrong = Mastery(questions: 1, tally: AnswerTally(answered: 3, correct: 0))
        #expect(Self.isClose(wrong.value, 2.0 / 7))
        #expect(Self.isClose(wrong.weakness, 5.0 / 7))
    }

    @Test("with reviewed cards: (accuracy + (ΣR + 1) / (cards + 2)) / 2")
    func blended() {
        // 2 of 2 right, two cards at R = 0.9: accuracy 4/6, recall (1.8 + 1) / 4 = 0.7.
        let mastery = Mastery(questions: 2, tally: AnswerTally(answered: 2, correct: 2), reviewedCards: 2,
                              retrievabilitySum: 1.8)
        #expect(Self.isClose(mastery.accuracy, 4.0 / 6))
        #expect(Self.isClose(mastery.recall ?? 0, 0.7))
        #expect(Self.isClose(mastery.value, (4.0 / 6 + 0.7) / 2))
        // Evidence pools.
        let pooled = mastery + Mastery(tally: AnswerTally(answered: 1, correct: 0), retrievability: 0.5)
        #expect(pooled.questions == 3 && pooled.tally == AnswerTally(answered: 3, correct: 2))
        #expect(pooled.reviewedCards == 3 && Self.isClose(pooled.retrievabilitySum, 2.3))
        #expect(Self.isClose(pooled.value, (4.0 / 7 + 3.3 / 5) / 2))
    }

    @Test("recall is taken at least a day after the last review: 0.9 for S = 1 just reviewed, 0.8093881 three days on")
    func recallHorizon() {
        let card = CardState(phase: .review, step: nil, stability: 1, difficulty: 5, due: Self.now, lastReview: Self.now)
        #expect(abs(BankMastery.recall(of: card, at: Self.now) - 0.9) < 1e-9)
        #expect(abs(BankMastery.recall(of: card, at: Self.now.adding(seconds: 3 * Self.day)) - 0.8093881) < 1e-7)
        // A first Again (S = 0.212) then reads 0.76620, a first Good (S = 2.3065) 0.94685.
        let again = FSRSScheduler().review(nil, rating: .again, at: Self.now).card
        let good = FSRSScheduler().review(nil, rating: .good, at: Self.now).card
        #expect(abs(BankMastery.recall(of: again, at: Self.now) - 0.7661957) < 1e-6)
        #expect(abs(BankMastery.recall(of: good, at: Self.now) - 0.9468475) < 1e-6)
    }

    /// Two domains: alpha (75) with topics fruit (3 questions, one in a case) and veg (1), and one
    /// question without a topic; beta (25) without topics, 2 questions.
    static let bank: QuestionBank = {
        func question(_ id: String, _ domain: String, _ topic: String?, caseID: String? = nil) -> Question {
            Question(id: id, domainID: domain, topicID: topic, caseID: caseID, stem: RichText(id), kind: .trueFalse([
                Option(id: "t", text: "True", isCorrect: true), Option(id: "f", text: "False"),
            ]))
        }
        return QuestionBank(
            id: "m", version: "1", title: "M",
            domains: [
                Domain(id: "alpha", name: "Alpha", weight: 75,
                       topics: [Topic(id: "fruit", name: "Fruit"), Topic(id: "veg", name: "Vegetables"), Topic(id: "nuts", name: "Nuts")]),
                Domain(id: "beta", name: "Beta", weight: 25),
            ],
            questions: [question("f1", "alpha", "fruit"), question("f2", "alpha", "fruit"), question("v1", "alpha", "veg"),
                        question("c1", "alpha", nil, caseID: "case"), question("o1", "alpha", nil),
                        question("b1", "beta", nil), question("b2", "beta", nil)],
            cases: [CaseSet(id: "case", domainID: "alpha", topicID: "fruit", scenario: RichText("A case."), questionIDs: ["c1"])]
        )
    }()

    @Test("topics: exam weight is the domain's weight × the topic's share of its questions; empty topics are left out")
    func topics() {
        let mastery = BankMastery(bank: Self.bank, answers: [:], cards: [:], at: Self.now)
        #expect(mastery.domains.map(\.domainID) == ["alpha", "beta"])
        let alpha = mastery.domains[0]
        #expect(alpha.topics.map(\.name) == ["Fruit", "Vegetables", "Other questions"])
        #expect(alpha.topics.map(\.questionIDs) == [["f1", "f2", "c1"], ["v1"], ["o1"]])
        #expect(alpha.topics.map(\.examWeight) == [45, 15, 15])
        #expect(mastery.domains[1].topics.map(\.name) == ["Beta"])
        #expect(mastery.domains[1].topics.map(\.topicID) == [nil])
        #expect(mastery.domains[1].topics.map(\.examWeight) == [25])
        #expect(mastery.topics.allSatisfy { $0.mastery.value == 0.5 && !$0.mastery.hasEvidence })
        #expect(mastery.overall.questions == 7)
    }

    @Test("topic and domain figures pool their questions' answers and cards")
    func pooling() {
        let card = CardState(phase: .review, step: nil, stability: 1, difficulty: 5, due: Self.now,
                             lastReview: Self.now.adding(seconds: -Self.day))  // R = 0.9
        let answers = ["f1": AnswerTally(answered: 3, correct: 3), "c1": AnswerTally(answered: 1, correct: 0),
                       "v1": AnswerTally(answered: 2, correct: 0), "b1": AnswerTally(answered: 1, correct: 1)]
        let mastery = BankMastery(bank: Self.bank, answers: answers, cards: ["f1": card, "c1": card], at: Self.now)
        let fruit = mastery.domains[0].topics[0]
        // Fruit: 3 of 4 right → 5/8; two cards at 0.9 → (1.8 + 1) / 4 = 0.7.
        #expect(Self.isClose(fruit.mastery.value, (5.0 / 8 + 0.7) / 2))
        // Vegetables: 0 of 2, no card → 2/6.
        let veg = mastery.domains[0].topics[1]
        #expect(Self.isClose(veg.mastery.value, 2.0 / 6))
        #expect(Self.isClose(veg.priority, 15 * (1 - 2.0 / 6)))
        // Alpha pools fruit, veg and o1: 3 of 6 right → 5/10; recall 0.7.
        #expect(Self.isClose(mastery.domains[0].mastery.value, (0.5 + 0.7) / 2))
        // Beta: 1 of 1 → 3/5.
        #expect(Self.isClose(mastery.domains[1].mastery.value, 0.6))
        #expect(Self.isClose(mastery.overall.value, (6.0 / 11 + 0.7) / 2))
    }
}
