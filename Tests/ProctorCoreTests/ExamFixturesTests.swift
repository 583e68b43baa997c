import Testing
@testable import ProctorCore

/// Small banks, forms and times built in code for the exam engine's tests.
enum ExamFixtures {
    /// A single-choice question with options a-d, `b` correct.
    static func single(_ id: String, domain: String, topic: String? = nil, caseID: String? = nil) -> Question {
        Question(
            id: id, domainID: domain, topicID: topic, caseID: caseID, stem: RichText("Stem \(id)"),
            kind: .single([
                Option(id: "a", text: "A"), Option(id: "b", text: "B", isCorrect: true),
                Option(id: "c", text: "C"), Option(id: "d", text: "D"),
            ])
        )
    }

    /// A bank with `count` single-choice questions per domain, ids `<domain>-<n>`.
    static func bank(
        _ domains: [(id: String, weight: Double, count: Int)], exams: [ExamProfile] = [],
        extra: [Question] = [], cases: [CaseSet] = []
    ) -> QuestionBank {
        var questions: [Question] = []
        for domain in domains {
            for number in 1...max(1, domain.count) where domain.count > 0 {
                questions.append(single("\(domain.id)-\(number)", domain: domain.id))
            }
        }
        return QuestionBank(
            id: "fixture", version: "1", title: "Fixture bank",
            domains: domains.map { Domain(id: $0.id, name: $0.id.capitalized, weight: $0.weight) },
            exams: exams, questions: questions + extra, cases: cases
        )
    }

    /// The PMP profile: 180 questions, 240 minutes, breaks after 60 and 120, PMI-style bands.
    static let pmpExam = ExamProfile(
        id: "pmp", name: "PMP mock", questionCount: 180, minutes: 240,
        breaks: [ExamBreak(after: 60, minutes: 10), ExamBreak(after: 120, minutes: 10)],
        scoring: pmiBands
    )

    static let pmiBands = ScoringModel.bands(
        [
            ScoreBand(name: "Above Target", minimumPercent: 80),
            ScoreBand(name: "Target", minimumPercent: 65),
            ScoreBand(name: "Below Target", minimumPercent: 50),
            ScoreBand(name: "Needs Improvement", minimumPercent: 0),
        ],
        pass: 65
    )

    /// A PMP-shaped bank: People 33, Process 41, Business Environment 26, ample questions.
    static let pmpBank = bank(
        [("people", 33, 80), ("process", 41, 90), ("business", 26, 60)], exams: [pmpExam]
    )

    /// A simple exam profile over whatever bank it is used with.
    static func exam(
        questions: Int, minutes: Int = 0, breaks: [ExamBreak] = [], pretest: Int = 0,
        scoring: ScoringModel = .percent(pass: 70)
    ) -> ExamProfile {
        ExamProfile(
            id: "quiz", name: "Quiz", questionCount: questions, minutes: minutes, breaks: breaks,
            scoring: scoring, pretestCount: pretest
        )
    }

    /// A form of `count` single-choice items (`q1`...), options in bank order.
    static func form(count: Int, limitSeconds: Int = 0, breaks: [ExamForm.Break] = []) -> ExamForm {
        ExamForm(
            examID: "quiz", bankID: "fixture", bankVersion: "1", seed: 0, timeLimitSeconds: limitSeconds,
            breaks: breaks,
            items: (1...count).map { ExamForm.Item(unshuffled: single("q\($0)", domain: "d")) }
        )
    }

    /// A moment `seconds` after a fixed origin.
    static func at(_ seconds: Double) -> Timestamp {
        Timestamp(secondsSince1970: 1_800_000_000 + seconds)
    }

    /// The blueprint domain of each item of `form`.
    static func domainCounts(of form: ExamForm, in bank: QuestionBank) -> [String: Int] {
        let domains = bank.blueprintDomainIDs()
        var counts: [String: Int] = [:]
        for item in form.items { counts[domains[item.questionID] ?? "?", default: 0] += 1 }
        return counts
    }
}

@Suite("Exam fixtures")
struct ExamFixturesTests {
    @Test func pmpBankHasTheBlueprintAndEnoughQuestions() {
        #expect(ExamFixtures.pmpBank.domains.map(\.weight) == [33, 41, 26])
        #expect(ExamFixtures.pmpBank.questions.count == 230)
    }
}
