import Foundation
import Testing
@testable import ProctorCore

@Suite("Exam form assembly")
struct ExamAssemblyTests {
    typealias Fixtures = ExamFixtures

    @Test func pmpFormHoldsTheBlueprint() throws {
        let form = try assembleForm(from: Fixtures.pmpBank, exam: Fixtures.pmpExam, seed: 2026)
        #expect(form.items.count == 180)
        #expect(Fixtures.domainCounts(of: form, in: Fixtures.pmpBank) == ["people": 59, "process": 74, "business": 47])
        #expect(Set(form.items.map(\.questionID)).count == 180)
        #expect(form.timeLimitSeconds == 240 * 60)
        #expect(form.breaks == [.init(after: 60, limitSeconds: 600), .init(after: 120, limitSeconds: 600)])
        #expect(form.examID == "pmp" && form.bankID == "fixture" && form.seed == 2026)
        #expect(form.allowedSecondsPerQuestion == 80)
    }

    @Test("same seed, same form", arguments: [0, 1, 99, UInt64.max])
    func sameSeedSameForm(seed: UInt64) throws {
        let first = try assembleForm(from: Fixtures.pmpBank, exam: Fixtures.pmpExam, seed: seed)
        let second = try assembleForm(from: Fixtures.pmpBank, exam: Fixtures.pmpExam, seed: seed)
        #expect(first == second)
    }

    @Test func differentSeedsDifferentForms() throws {
        let first = try assembleForm(from: Fixtures.pmpBank, exam: Fixtures.pmpExam, seed: 1)
        let second = try assembleForm(from: Fixtures.pmpBank, exam: Fixtures.pmpExam, seed: 2)
        #expect(first.items.map(\.questionID) != second.items.map(\.questionID))
        #expect(first.items.map(\.optionOrder) != second.items.map(\.optionOrder))
    }

    @Test func formSurvivesAJSONRoundTrip() throws {
        let form = try assembleForm(from: Fixtures.pmpBank, exam: Fixtures.pmpExam, seed: 5)
        let data = try JSONEncoder().encode(form)
        #expect(try JSONDecoder().decode(ExamForm.self, from: data) == form)
    }

    @Test func leastSeenQuestionsComeFirst() throws {
        let bank = Fixtures.bank([("a", 50, 20), ("b", 50, 20)])
        var exposure: [String: Int] = [:]
        for number in 1...10 {
            exposure["a-\(number)"] = 3
            exposure["b-\(number * 2)"] = 1
        }
        for seed in UInt64(0)..<10 {
            let form = try assembleForm(from: bank, exam: Fixtures.exam(questions: 20), seed: seed, exposure: exposure)
            let drawn = Set(form.items.map(\.questionID))
            #expect(drawn == Set((11...20).map { "a-\($0)" } + (1...10).map { "b-\($0 * 2 - 1)" }))
        }
    }

    @Test func seenQuestionsFillInWhenUnseenRunOut() throws {
        let bank = Fixtures.bank([("a", 100, 10)])
        let exposure = Dictionary(uniqueKeysWithValues: (1...10).map { ("a-\($0)", $0 <= 7 ? 5 : 0) })
        let form = try assembleForm(from: bank, exam: Fixtures.exam(questions: 5), seed: 3, exposure: exposure)
        let drawn = Set(form.items.map(\.questionID))
        #expect(drawn.isSuperset(of: ["a-8", "a-9", "a-10"]))
        #expect(drawn.count == 5)
    }

    @Test func tooFewQuestionsNamesTheDomain() {
        let bank = Fixtures.bank([("people", 33, 80), ("process", 41, 70), ("business", 26, 60)])
        #expect(throws: AssemblyError.tooFewQuestions(domainID: "process", needed: 74, available: 70)) {
            try assembleForm(from: bank, exam: Fixtures.pmpExam, seed: 1)
        }
    }

    @Test func pretestItemsAreDrawnUnscoredAndSpreadByBlueprint() throws {
        let bank = Fixtures.bank([("a", 50, 30), ("b", 50, 30)])
        let form = try assembleForm(from: bank, exam: Fixtures.exam(questions: 20, pretest: 4), seed: 11)
        #expect(form.items.count == 20)
        #expect(form.items.count(where: \.isPretest) == 4)
        #expect(form.scoredCount == 16)
        let pretestDomains = form.items.filter(\.isPretest).map { $0.questionID.prefix(1) }
        #expect(pretestDomains.count(where: { $0 == "a" }) == 2)
    }

    @Test func overriddenLengthScalesEverything() throws {
        let form = try assembleForm(from: Fixtures.pmpBank, exam: Fixtures.pmpExam, seed: 4, length: 20)
        #expect(form.items.count == 20)
        #expect(Fixtures.domainCounts(of: form, in: Fixtures.pmpBank) == ["people": 7, "process": 8, "business": 5])
        #expect(form.timeLimitSeconds == 1600)
        #expect(form.breaks.map(\.after) == [7, 13])
        let timed = try assembleForm(from: Fixtures.pmpBank, exam: Fixtures.pmpExam, seed: 4, length: 20, minutes: 0)
        #expect(!timed.isTimed)
    }

    @Test func pinnedOptionsStayAndOthersShuffle() throws {
        let pinned = Question(
            id: "pinned", domainID: "a", stem: RichText("Which?"),
            kind: .single([
                Option(id: "w", text: "W"), Option(id: "x", text: "X", isCorrect: true),
                Option(id: "y", text: "Y"), Option(id: "all", text: "All of the above", isPinned: true),
            ])
        )
        var orders: Set<[String]> = []
        for seed in UInt64(0)..<30 {
            var generator = SeededGenerator(seed: seed)
            let item = pinned.shuffledItem(using: &generator)
            #expect(item.optionOrder.last == "all")
            #expect(Set(item.optionOrder) == ["w", "x", "y", "all"])
            orders.insert(item.optionOrder)
        }
        #expect(orders.count > 1)
    }

    @Test func orderingAndMatchingNeverShowTheKey() {
        let ordering = Question(
            id: "o", domainID: "a", stem: RichText("Order"),
            kind: .ordering([OrderItem(id: "1", text: "1"), OrderItem(id: "2", text: "2"), OrderItem(id: "3", text: "3")])
        )
        let matching = Question(
            id: "m", domainID: "a", stem: RichText("Match"),
            kind: .matching([MatchPair(id: "p", left: "L1", right: "R1"), MatchPair(id: "q", left: "L2", right: "R2")])
        )
        for seed in UInt64(0)..<40 {
            var generator = SeededGenerator(seed: seed)
            let orderItem = ordering.shuffledItem(using: &generator)
            #expect(orderItem.orderItemOrder != ["1", "2", "3"])
            #expect(Set(orderItem.orderItemOrder) == ["1", "2", "3"])
            let matchItem = matching.shuffledItem(using: &generator)
            #expect(matchItem.leftOrder != matchItem.rightOrder)
            #expect(Set(matchItem.rightOrder) == ["p", "q"])
        }
    }

    @Test func trueFalseKeepsItsOrder() {
        let question = Question(
            id: "tf", domainID: "a", stem: RichText("True?"),
            kind: .trueFalse([Option(id: "t", text: "True", isCorrect: true), Option(id: "f", text: "False")])
        )
        var generator = SeededGenerator(seed: 1)
        #expect(question.shuffledItem(using: &generator).optionOrder == ["t", "f"])
    }
}

@Suite("Exam form assembly with cases")
struct ExamCaseAssemblyTests {
    typealias Fixtures = ExamFixtures

    /// Domain `a`: a 4-question case, a 3-question case and two single questions; domain `b`: 20 singles.
    static let bank: QuestionBank = {
        let big = (1...4).map { Fixtures.single("big-\($0)", domain: "a", caseID: "big") }
        let small = (1...3).map { Fixtures.single("small-\($0)", domain: "a", caseID: "small") }
        let singles = (1...2).map { Fixtures.single("a-\($0)", domain: "a") }
        return Fixtures.bank(
            [("a", 25, 0), ("b", 75, 20)], extra: big + singles + small,
            cases: [
                CaseSet(id: "big", domainID: "a", scenario: RichText("Big"), questionIDs: big.map(\.id)),
                CaseSet(id: "small", domainID: "a", scenario: RichText("Small"), questionIDs: small.map(\.id)),
            ]
        )
    }()

    @Test("cases stay whole, contiguous and in order", arguments: UInt64(0)..<25)
    func casesStayWhole(seed: UInt64) throws {
        // 20 questions at 25/75: domain a needs exactly 5 (4+1 or 3+2).
        let form = try assembleForm(from: Self.bank, exam: Fixtures.exam(questions: 20), seed: seed)
        let ids = form.items.map(\.questionID)
        #expect(Fixtures.domainCounts(of: form, in: Self.bank) == ["a": 5, "b": 15])
        for caseSet in Self.bank.cases {
            guard let start = ids.firstIndex(of: caseSet.questionIDs[0]) else {
                #expect(!ids.contains { caseSet.questionIDs.contains($0) })
                continue
            }
            #expect(Array(ids[start..<min(ids.count, start + caseSet.questionIDs.count)]) == caseSet.questionIDs)
        }
    }

    @Test func aSeenCaseGivesWayToUnseenUnits() throws {
        let exposure = Dictionary(uniqueKeysWithValues: (1...4).map { ("big-\($0)", 2) })
        for seed in UInt64(0)..<10 {
            let form = try assembleForm(from: Self.bank, exam: Fixtures.exam(questions: 20), seed: seed, exposure: exposure)
            let ids = Set(form.items.map(\.questionID))
            #expect(ids.isSuperset(of: ["small-1", "small-2", "small-3", "a-1", "a-2"]))
            #expect(!ids.contains("big-1"))
        }
    }

    @Test("cases do not straddle a break", arguments: UInt64(0)..<25)
    func casesDoNotStraddleBreaks(seed: UInt64) throws {
        let exam = Fixtures.exam(questions: 20, breaks: [ExamBreak(after: 10, minutes: 5)])
        let form = try assembleForm(from: Self.bank, exam: exam, seed: seed)
        let ids = form.items.map(\.questionID)
        for caseSet in Self.bank.cases {
            let positions = caseSet.questionIDs.compactMap { ids.firstIndex(of: $0) }
            guard let first = positions.first, let last = positions.last else { continue }
            #expect((first < 10) == (last < 10))
        }
    }

    @Test func aCaseThatCannotFitIsReported() throws {
        // 8 questions at 25/75: domain a needs 2: the two singles, never a case.
        let form = try assembleForm(from: Self.bank, exam: Fixtures.exam(questions: 8), seed: 1)
        #expect(Set(form.items.map(\.questionID)).isSuperset(of: ["a-1", "a-2"]))
        let noSingles = QuestionBank(
            id: "x", version: "1", title: "x", domains: Self.bank.domains,
            questions: Self.bank.questions.filter { !$0.id.hasPrefix("a-") }, cases: Self.bank.cases
        )
        #expect(throws: AssemblyError.casesDoNotFit(domainID: "a", needed: 2, available: 7)) {
            try assembleForm(from: noSingles, exam: Fixtures.exam(questions: 8), seed: 1)
        }
    }
}

@Suite("Practice selection")
struct ExamPracticeSelectionTests {
    static let bank: QuestionBank = {
        let topical = (1...6).map { Fixtures.single("t-\($0)", domain: "a", topic: $0 <= 3 ? "evm" : "risk") }
        return Fixtures.bank([("a", 50, 4), ("b", 50, 5)], extra: topical)
    }()
    typealias Fixtures = ExamFixtures

    @Test func filtersByDomainAndTopic() {
        let domainOnly = selectPracticeItems(from: Self.bank, domainIDs: ["b"], count: 50, seed: 1)
        #expect(Set(domainOnly.map(\.questionID)) == Set((1...5).map { "b-\($0)" }))
        let topicOnly = selectPracticeItems(from: Self.bank, topicIDs: ["evm"], count: 50, seed: 1)
        #expect(Set(topicOnly.map(\.questionID)) == ["t-1", "t-2", "t-3"])
        #expect(selectPracticeItems(from: Self.bank, domainIDs: ["b"], topicIDs: ["evm"], count: 5, seed: 1).isEmpty)
    }

    @Test func leastSeenFirstAndSeeded() {
        let exposure = ["b-1": 4, "b-2": 1, "b-3": 0, "b-4": 2, "b-5": 0]
        let items = selectPracticeItems(from: Self.bank, domainIDs: ["b"], count: 4, seed: 8, exposure: exposure)
        #expect(items.count == 4)
        #expect(Set(items.prefix(2).map(\.questionID)) == ["b-3", "b-5"])
        #expect(items[2...].map(\.questionID) == ["b-2", "b-4"])
        #expect(selectPracticeItems(from: Self.bank, domainIDs: ["b"], count: 4, seed: 8, exposure: exposure) == items)
        #expect(selectPracticeItems(from: Self.bank, count: 0, seed: 8).isEmpty)
    }
}
