import Foundation
import Testing
@testable import ProctorCore

@Suite("Exam scoring")
struct ExamScoringTests {
    typealias Fixtures = ExamFixtures

    /// A bank of `count` single-choice questions in domain `d` (key `b`) and its unshuffled form.
    static func plainExam(count: Int, pretest: Set<Int> = [], limitSeconds: Int = 0) -> (QuestionBank, ExamForm) {
        let bank = Fixtures.bank([("d", 100, count)])
        let items = bank.questions.enumerated().map { ExamForm.Item(unshuffled: $0.element, isPretest: pretest.contains($0.offset)) }
        let form = ExamForm(
            examID: "quiz", bankID: bank.id, bankVersion: bank.version, seed: 0,
            timeLimitSeconds: limitSeconds, items: items
        )
        return (bank, form)
    }

    /// A session on `form` with `answers` given (question `i` answered at second `times[i]`), then submitted.
    static func sitting(
        _ form: ExamForm, answers: [Response?], flagged: Set<Int> = [], times: [Double]? = nil
    ) -> ExamSession {
        var session = ExamSession(form: form)
        _ = session.open(at: Fixtures.at(0))
        for (index, response) in answers.enumerated() {
            let now = Fixtures.at(times?[index] ?? 0)
            _ = session.apply(.goTo(index: index), at: now)
            if let response { _ = session.apply(.answer(response), at: now) }
            if flagged.contains(index) { _ = session.apply(.toggleFlag, at: now) }
        }
        _ = session.apply(.submit, at: Fixtures.at((times?.last ?? 0) + 1))
        return session
    }

    static func answers(correct: Int, of total: Int) -> [Response?] {
        (0..<total).map { .options([$0 < correct ? "b" : "a"]) }
    }

    @Test("percent model", arguments: [
        (5, 4, 74.0, 80.0, true),
        (5, 3, 74.0, 60.0, false),
        (50, 37, 74.0, 74.0, true),
        (50, 36, 74.0, 72.0, false),
        (40, 26, 65.0, 65.0, true),
        (60, 35, 60.0, 58.333_333_333_333_336, false),
    ])
    func percentModel(total: Int, correct: Int, pass: Double, percent: Double, passed: Bool) {
        let (bank, form) = Self.plainExam(count: total)
        let report = scoreExam(Self.sitting(form, answers: Self.answers(correct: correct, of: total)), bank: bank, scoring: .percent(pass: pass))
        #expect(report.model == .percent)
        #expect(report.correct == correct)
        #expect(report.percent == percent)
        #expect(report.passed == passed)
        #expect(report.scaledScore == nil && report.band == nil)
        #expect(report.status == .finished && report.submitReason == .candidate)
    }

    @Test("scaled model", arguments: [
        (4, 3, 700, false),   // 75 % -> 100 + 600
        (4, 4, 900, true),
        (3, 2, 633, false),   // 66.67 % -> 633.33
        (8, 7, 800, true),    // 87.5 %
        (16, 13, 750, true),  // 81.25 %
        (64, 1, 113, false),  // 1.5625 % -> 112.5, half away from zero
        (8, 0, 100, false),
    ])
    func scaledModel(total: Int, correct: Int, scaled: Int, passed: Bool) {
        let (bank, form) = Self.plainExam(count: total)
        let report = scoreExam(
            Self.sitting(form, answers: Self.answers(correct: correct, of: total)), bank: bank,
            scoring: .scaled(min: 100, max: 900, pass: 710)
        )
        #expect(report.model == .scaled)
        #expect(report.scaledScore == scaled)
        #expect(report.passMark == 710)
        #expect(report.passed == passed)
    }

    /// People 5 (+1 pretest), Process 6, Business 4, in that order on the form.
    static func pmiSitting(peopleRight: Int, processRight: Int, businessRight: Int) -> (QuestionBank, ExamSession) {
        let bank = Fixtures.bank([("people", 33, 6), ("process", 41, 6), ("business", 26, 4)])
        let items = bank.questions.enumerated().map { ExamForm.Item(unshuffled: $0.element, isPretest: $0.offset == 5) }
        let form = ExamForm(examID: "pmp", bankID: bank.id, bankVersion: "1", seed: 0, timeLimitSeconds: 0, items: items)
        let rights = [peopleRight, processRight, businessRight]
        let sizes = [6, 6, 4]
        var answers: [Response?] = []
        for (domain, size) in sizes.enumerated() {
            answers += (0..<size).map { .options([$0 < rights[domain] ? "b" : "c"]) }
        }
        return (bank, sitting(form, answers: answers))
    }

    @Test func bandsPerDomainAndOverall() {
        // The pretest item (people's sixth, answered wrong) is not scored.
        let (bank, session) = Self.pmiSitting(peopleRight: 5, processRight: 4, businessRight: 2)
        let report = scoreExam(session, bank: bank, scoring: Fixtures.pmiBands)
        #expect(report.model == .bands)
        #expect(report.scoredQuestions == 15 && report.pretestQuestions == 1)
        #expect(report.correct == 11)
        #expect(abs(report.percent - 73.333_333) < 1e-4)
        #expect(report.band == "Target")
        #expect(report.passed)
        #expect(report.domains.map(\.domainID) == ["people", "process", "business"])
        #expect(report.domains.map(\.questions) == [5, 6, 4])
        #expect(report.domains.map(\.correct) == [5, 4, 2])
        #expect(report.domains.map(\.band) == ["Above Target", "Target", "Below Target"])
        #expect(report.domains.map(\.name) == ["People", "Process", "Business"])
    }

    @Test func bandsBelowThePass() {
        let (bank, session) = Self.pmiSitting(peopleRight: 3, processRight: 4, businessRight: 1)
        let report = scoreExam(session, bank: bank, scoring: Fixtures.pmiBands)
        // 8 / 15 = 53.3 %.
        #expect(report.band == "Below Target")
        #expect(!report.passed)
        #expect(report.domains.map(\.band) == ["Below Target", "Target", "Needs Improvement"])
    }

    @Test("bands", arguments: [
        (95.0, "Above Target"), (80.0, "Above Target"), (79.99, "Target"), (65.0, "Target"),
        (50.0, "Below Target"), (49.9, "Needs Improvement"), (0.0, "Needs Improvement"),
    ])
    func bandFor(percent: Double, band: String) {
        guard case .bands(let bands, _) = Fixtures.pmiBands else { return }
        #expect(scoreBand(for: percent, in: bands) == band)
        #expect(scoreBand(for: percent, in: bands.reversed()) == band)
    }

    @Test func bandsWithoutAFloorFallToTheLowest() {
        let bands = [ScoreBand(name: "High", minimumPercent: 80), ScoreBand(name: "Low", minimumPercent: 40)]
        #expect(scoreBand(for: 10, in: bands) == "Low")
        #expect(scoreBand(for: 10, in: []) == nil)
    }

    static let mixedBank: QuestionBank = {
        let multiple = Question(
            id: "mr", domainID: "d", stem: RichText("Pick three"),
            kind: .multiple(["a", "b", "c", "d", "e"].map { Option(id: $0, text: $0, isCorrect: "abc".contains($0)) }, select: 3)
        )
        let ordering = Question(
            id: "ord", domainID: "d", stem: RichText("Order"),
            kind: .ordering(["1", "2", "3", "4"].map { OrderItem(id: $0, text: $0) })
        )
        let matching = Question(
            id: "mat", domainID: "d", stem: RichText("Match"),
            kind: .matching(["p", "q", "r"].map { MatchPair(id: $0, left: $0, right: $0.uppercased()) })
        )
        let numeric = Question(
            id: "num", domainID: "d", stem: RichText("CPI?"), kind: .numeric(NumericKey(value: 0.8, tolerance: 0.01))
        )
        let trueFalse = Question(
            id: "tf", domainID: "d", stem: RichText("True?"),
            kind: .trueFalse([Option(id: "t", text: "True", isCorrect: true), Option(id: "f", text: "False")])
        )
        return QuestionBank(
            id: "mixed", version: "1", title: "Mixed", domains: [Domain(id: "d", name: "D", weight: 100)],
            questions: [multiple, ordering, matching, numeric, trueFalse]
        )
    }()

    static let mixedAnswers: [Response?] = [
        .options(["a", "b"]), .order(["1", "2", "4", "3"]), .pairs(["p": "p", "q": "r", "r": "q"]),
        .number(0.805), .options(["f"]),
    ]

    @Test("all or nothing unless partial credit", arguments: [false, true])
    func partialCredit(partial: Bool) {
        let form = ExamForm(
            examID: "x", bankID: "mixed", bankVersion: "1", seed: 0, timeLimitSeconds: 0,
            items: Self.mixedBank.questions.map { ExamForm.Item(unshuffled: $0) }
        )
        let report = scoreExam(
            Self.sitting(form, answers: Self.mixedAnswers), bank: Self.mixedBank, scoring: .percent(pass: 50),
            partialCredit: partial
        )
        // Partial: 2/3 + 2/4 + 1/3 + 1 (numeric within tolerance) + 0 = 2.5 of 5.
        let credits = report.questions.map(\.credit)
        let expected: [Double] = partial ? [2.0 / 3.0, 0.5, 1.0 / 3.0, 1, 0] : [0, 0, 0, 1, 0]
        #expect(credits == expected)
        #expect(report.correct == 1)
        let percent: Double = partial ? 50 : 20
        #expect(report.percent == percent)
        #expect(report.passed == partial)
        #expect(report.partialCredit == partial)
    }

    @Test func perQuestionDetailAndPace() {
        let (bank, form) = Self.plainExam(count: 4, pretest: [2], limitSeconds: 200)
        let session = Self.sitting(
            form, answers: [.options(["b"]), nil, .options(["a"]), .options(["b"])], flagged: [1], times: [0, 80, 100, 100]
        )
        let report = scoreExam(session, bank: bank, scoring: .percent(pass: 60))
        #expect(report.questions.map(\.number) == [1, 2, 3, 4])
        #expect(report.questions.map(\.questionID) == ["d-1", "d-2", "d-3", "d-4"])
        #expect(report.questions.map(\.isScored) == [true, true, false, true])
        #expect(report.questions.map(\.isFlagged) == [false, true, false, false])
        #expect(report.questions.map(\.answer) == [.init(.options(["b"])), nil, .init(.options(["a"])), .init(.options(["b"]))])
        #expect(report.questions.map(\.seconds) == [80, 20, 0, 1])
        #expect(report.scoredQuestions == 3 && report.correct == 2)
        #expect(abs(report.percent - 66.666_666) < 1e-4 && report.passed)
        #expect(report.timing.elapsedSeconds == 101)
        #expect(report.timing.allowedSecondsPerQuestion == 50)
        #expect(report.timing.averageSecondsPerQuestion == 25.25)
        #expect(report.timing.paceRatio == 0.505)
        #expect(report.timing.questionsOverPace == 1)
    }

    @Test func questionsMissingFromTheBankAreNotScored() {
        let (bank, form) = Self.plainExam(count: 3)
        var smaller = bank
        smaller.questions.removeLast()
        let report = scoreExam(Self.sitting(form, answers: Self.answers(correct: 3, of: 3)), bank: smaller, scoring: .percent(pass: 50))
        #expect(report.scoredQuestions == 2 && report.percent == 100)
        #expect(report.questions.last?.isScored == false && report.questions.last?.domainID == "")
    }

    @Test func noScoredQuestionsDoesNotPass() {
        let (bank, form) = Self.plainExam(count: 2, pretest: [0, 1])
        let report = scoreExam(Self.sitting(form, answers: Self.answers(correct: 2, of: 2)), bank: bank, scoring: .percent(pass: 0))
        #expect(report.percent == 0 && !report.passed)
        #expect(report.domains.first?.percent == nil)
    }

    @Test func hostileScalesDoNotTrap() {
        let (bank, form) = Self.plainExam(count: 2)
        let report = scoreExam(Self.sitting(form, answers: Self.answers(correct: 1, of: 2)), bank: bank,
                               scoring: .scaled(min: -1e300, max: .infinity, pass: 0))
        #expect(report.scaledScore == nil && !report.passed)
    }

    @Test func anUnfinishedAttemptIsInProgressAndEncodes() throws {
        let (bank, form) = Self.plainExam(count: 2)
        var session = ExamSession(form: form)
        _ = session.open(at: Fixtures.at(0))
        _ = session.apply(.answer(.options(["b"])), at: Fixtures.at(3))
        var report = scoreExam(session, bank: bank, scoring: .percent(pass: 50))
        report.attempt = 7
        #expect(report.status == .inProgress && report.finishedAt == nil)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(report), as: UTF8.self)
        #expect(json.contains(#""status":"in-progress""#))
        #expect(json.contains(#""answer":{"options":["b"]}"#))
        #expect(json.contains(#""attempt":7"#))
        #expect(try JSONDecoder().decode(ScoreReport.self, from: Data(json.utf8)) == report)
    }
}
