import BankXML
import Foundation
import ProctorCore
import Testing

/// The banks Proctor ships: each loads clean under `--strict`, and each exam can be drawn to its
/// blueprint with different seeds.
struct ShippedBanksTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("QuestionBanks").path

    static let catalog = BankCatalog(paths: [folder])

    static let expectedExams: [String: (bank: String, questions: Int, minutes: Int, breaks: [Int])] = [
        "pmp": ("pmp", 180, 240, [60, 120]),
        "pmp-quiz": ("pmp", 60, 80, []),
        "capm": ("capm", 150, 180, [75]),
        "capm-quiz": ("capm", 50, 60, []),
        "pmi-acp": ("pmi-acp", 120, 180, [60]),
        "pmi-acp-quiz": ("pmi-acp", 40, 60, []),
        "csm": ("csm", 50, 60, []),
        "psm1": ("psm1", 80, 60, []),
        "prince2-foundation": ("prince2-foundation", 60, 60, []),
        "project-plus": ("project-plus", 90, 90, []),
        "itil4-foundation": ("itil4-foundation", 40, 60, []),
        "tpm-essentials": ("tpm-essentials", 50, 60, []),
    ]

    @Test("every shipped bank passes strict lint")
    func strictLint() {
        #expect(Self.catalog.results.count == 9)
        for result in Self.catalog.results {
            #expect(result.diagnostics.isEmpty, "\(result.path): \(result.diagnostics.map(\.formatted))")
        }
        #expect(Self.catalog.crossBankDiagnostics.isEmpty)
    }

    @Test("each exam has the real exam's profile", arguments: expectedExams.keys.sorted())
    func profile(_ examID: String) throws {
        let expected = try #require(Self.expectedExams[examID])
        let (exam, bank) = try #require(Self.catalog.exam(id: examID))
        #expect(bank.id == expected.bank)
        #expect(exam.questionCount == expected.questions)
        #expect(exam.minutes == expected.minutes)
        #expect(exam.breaks.map(\.after) == expected.breaks)
    }

    @Test("each exam assembles to its blueprint with two different seeds", arguments: expectedExams.keys.sorted())
    func assemblesTwice(_ examID: String) throws {
        let (exam, bank) = try #require(Self.catalog.exam(id: examID))
        let first = try assembleForm(from: bank, exam: exam, seed: 1)
        let second = try assembleForm(from: bank, exam: exam, seed: 2)
        let domainOf = Dictionary(uniqueKeysWithValues: bank.questions.map { ($0.id, $0.domainID) })
        let expected = Dictionary(uniqueKeysWithValues: blueprintCounts(for: bank, length: exam.questionCount)
            .map { ($0.domainID, $0.count) })
        for form in [first, second] {
            #expect(form.items.count == exam.questionCount)
            #expect(Set(form.items.map(\.questionID)).count == exam.questionCount, "a question drawn twice")
            let counts = Dictionary(grouping: form.items) { domainOf[$0.questionID] ?? "?" }.mapValues(\.count)
            #expect(counts == expected)
            #expect(form.items.filter(\.isPretest).count == exam.pretestCount)
        }
        #expect(first.items.map(\.questionID) != second.items.map(\.questionID))
    }
}
