import Testing
@testable import ProctorCore

@Suite("Exam blueprint shares and coverage")
struct ExamBlueprintTests {
    @Test("largest-remainder shares", arguments: [
        // PMP 2026 at full length: 59.4 / 73.8 / 46.8.
        ([33.0, 41, 26], 180, [59, 74, 47]),
        // Scaled to 20: 6.6 / 8.2 / 5.2, one seat to the .6.
        ([33.0, 41, 26], 20, [7, 8, 5]),
        // At 40: 13.2 / 16.4 / 10.4; the .4s tie exactly (no binary fuzz) and Process, earlier, wins.
        ([33.0, 41, 26], 40, [13, 17, 10]),
        // ITIL 4 at 40 divides exactly.
        ([12.5, 12.5, 5, 2.5, 10, 17.5, 40], 40, [5, 5, 2, 1, 4, 7, 16]),
        // At 30 three remainders of .75 tie exactly and the earlier domains win.
        ([12.5, 12.5, 5, 2.5, 10, 17.5, 40], 30, [4, 4, 1, 1, 3, 5, 12]),
        // Equal remainders: the earlier domain gets the seat.
        ([1.0, 1, 1], 2, [1, 1, 0]),
        ([25.0, 75], 2, [1, 1]),
        ([50.0, 50], 3, [2, 1]),
        // Weights that do not sum to 100 are normalised.
        ([30.0, 30, 40.5], 10, [3, 3, 4]),
        // All-zero weights count as equal.
        ([0.0, 0], 3, [2, 1]),
        ([33.0, 41, 26], 0, [0, 0, 0]),
    ])
    func shares(weights: [Double], length: Int, expected: [Int]) {
        let domains = weights.enumerated().map { Domain(id: "d\($0.offset)", name: "", weight: $0.element) }
        let counts = blueprintCounts(for: domains, length: length)
        #expect(counts.map(\.count) == expected)
        #expect(counts.map(\.domainID) == domains.map(\.id))
        #expect(counts.reduce(0) { $0 + $1.count } == length)
    }

    @Test func hostileWeightsDoNotTrap() {
        let domains = [
            Domain(id: "a", name: "", weight: .infinity), Domain(id: "b", name: "", weight: -5),
            Domain(id: "c", name: "", weight: 1e300), Domain(id: "d", name: "", weight: .nan),
        ]
        let counts = blueprintCounts(for: domains, length: 10)
        #expect(counts.reduce(0) { $0 + $1.count } == 10)
        #expect(blueprintCounts(for: domains, length: Int.max).reduce(0) { $0 + $1.count } == ExamForm.maximumLength)
    }

    @Test func coverageOfAnAmpleBankIsClean() {
        #expect(checkCoverage(of: ExamFixtures.pmpBank, exam: ExamFixtures.pmpExam).isEmpty)
    }

    @Test func coverageNamesEveryShortDomain() {
        let bank = ExamFixtures.bank([("people", 33, 50), ("process", 41, 90), ("business", 26, 10)])
        #expect(checkCoverage(of: bank, exam: ExamFixtures.pmpExam) == [
            .tooFewQuestions(domainID: "people", needed: 59, available: 50),
            .tooFewQuestions(domainID: "business", needed: 47, available: 10),
        ])
        // A shorter form fits the same bank.
        #expect(checkCoverage(of: bank, exam: ExamFixtures.pmpExam, length: 30).isEmpty)
    }

    @Test func coverageSeesCasesThatCannotBeSplit() {
        let caseQuestions = (1...4).map { ExamFixtures.single("case-\($0)", domain: "a", caseID: "c1") }
        let bank = ExamFixtures.bank(
            [("a", 100, 0)], extra: caseQuestions,
            cases: [CaseSet(id: "c1", domainID: "a", scenario: RichText("S"), questionIDs: caseQuestions.map(\.id))]
        )
        #expect(checkCoverage(of: bank, exam: ExamFixtures.exam(questions: 3)) == [
            .casesDoNotFit(domainID: "a", needed: 3, available: 4),
        ])
        #expect(checkCoverage(of: bank, exam: ExamFixtures.exam(questions: 4)).isEmpty)
    }

    @Test("lengths and pretest counts that cannot make a form", arguments: [
        (0, 0, AssemblyError.invalidLength(0)),
        (-3, 0, .invalidLength(-3)),
        (ExamForm.maximumLength + 1, 0, .invalidLength(ExamForm.maximumLength + 1)),
        (5, 5, .pretestTooLarge(pretest: 5, length: 5)),
    ])
    func badPlans(length: Int, pretest: Int, expected: AssemblyError) {
        let bank = ExamFixtures.bank([("a", 100, 10)])
        #expect(checkCoverage(of: bank, exam: ExamFixtures.exam(questions: length, pretest: pretest)) == [expected])
        #expect(throws: expected) {
            try assembleForm(from: bank, exam: ExamFixtures.exam(questions: length, pretest: pretest), seed: 1)
        }
    }

    @Test func errorsExplainThemselves() {
        let error = AssemblyError.tooFewQuestions(domainID: "people", needed: 59, available: 50)
        #expect(error.message == "domain 'people' needs 59 questions for a form but the bank has 50")
    }
}

@Suite("Seeded generator")
struct ExamGeneratorTests {
    @Test func matchesTheReferenceXoshiro256StarStar() {
        // xoshiro256** seeded through SplitMix64, as in the reference implementations.
        var zero = SeededGenerator(seed: 0)
        #expect([zero.next(), zero.next(), zero.next()] == [0x99EC_5F36_CB75_F2B4, 0xBF6E_1F78_4956_452A, 0x1A5F_849D_4933_E6E0])
        var answer = SeededGenerator(seed: 42)
        #expect([answer.next(), answer.next(), answer.next()] == [0x1578_0B2E_0C2E_C716, 0x6104_D986_6D11_3A7E, 0xAE17_5332_39E4_99A1])
    }

    @Test("bounded draws stay in range", arguments: [1, 2, 3, 7, 10, 1000])
    func boundedDraws(bound: Int) {
        var generator = SeededGenerator(seed: UInt64(bound))
        var seen: Set<Int> = []
        for _ in 0..<2000 {
            let value = generator.nextInt(below: bound)
            #expect((0..<bound).contains(value))
            seen.insert(value)
        }
        if bound <= 10 { #expect(seen.count == bound) }
    }

    @Test func nonPositiveBoundsGiveZero() {
        var generator = SeededGenerator(seed: 9)
        #expect(generator.nextInt(below: 0) == 0)
        #expect(generator.nextInt(below: -4) == 0)
    }

    @Test func shuffleIsAPermutationAndDeterministic() {
        var first = SeededGenerator(seed: 7)
        var second = SeededGenerator(seed: 7)
        let items = Array(0..<50)
        let shuffled = first.shuffled(items)
        #expect(shuffled.sorted() == items)
        #expect(shuffled != items)
        #expect(second.shuffled(items) == shuffled)
    }
}
