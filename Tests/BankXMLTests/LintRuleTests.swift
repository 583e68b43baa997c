import BankXML
import Testing

/// Every rule of the format has a fixture that triggers it; the finding must carry the exact rule,
/// line and column, so editors jump to the right place.
struct LintRuleTests {
    struct Expectation: CustomTestStringConvertible, Sendable {
        var fixture: String
        var rule: LintRule
        var line: Int
        var column: Int
        var testDescription: String { "\(rule.rawValue) at \(fixture):\(line):\(column)" }
    }

    static let expectations: [Expectation] = [
        .init(fixture: "xml-syntax.xml", rule: .xmlSyntax, line: 3, column: 25),
        .init(fixture: "doctype.xml", rule: .doctype, line: 2, column: 1),
        .init(fixture: "schema.xml", rule: .schema, line: 17, column: 5),
        .init(fixture: "duplicate-id.xml", rule: .duplicateID, line: 20, column: 13),
        .init(fixture: "unknown-domain.xml", rule: .unknownDomain, line: 20, column: 35),
        .init(fixture: "unknown-topic.xml", rule: .unknownTopic, line: 11, column: 50),
        .init(fixture: "unknown-option.xml", rule: .unknownOption, line: 18, column: 15),
        .init(fixture: "answer-key.xml", rule: .answerKey, line: 11, column: 3),
        .init(fixture: "type-content.xml", rule: .typeContent, line: 11, column: 3),
        .init(fixture: "weights.xml", rule: .weights, line: 4, column: 11),
        .init(fixture: "scoring.xml", rule: .scoring, line: 9, column: 14),
        .init(fixture: "exam-coverage.xml", rule: .examCoverage, line: 8, column: 9),
        .init(fixture: "break-position.xml", rule: .breakPosition, line: 9, column: 12),
        .init(fixture: "include.xml", rule: .include, line: 29, column: 15),
        .init(fixture: "missing-explanation.xml", rule: .missingExplanation, line: 11, column: 3),
        .init(fixture: "answer-position-bias.xml", rule: .answerPositionBias, line: 2, column: 1),
        .init(fixture: "longest-option-bias.xml", rule: .longestOptionBias, line: 2, column: 1),
        .init(fixture: "all-of-the-above.xml", rule: .allOfTheAbove, line: 16, column: 5),
        .init(fixture: "duplicate-stem.xml", rule: .duplicateStem, line: 20, column: 13),
        .init(fixture: "numeric-tolerance.xml", rule: .numericTolerance, line: 22, column: 24),
    ]

    @Test("each rule's fixture reports that rule at its line and column", arguments: expectations)
    func ruleFixture(_ expected: Expectation) {
        let result = BankLoader().load(path: Fixtures.path("rules/" + expected.fixture))
        let matching = result.diagnostics.filter { $0.rule == expected.rule }
        #expect(matching.count == 1, "findings: \(result.diagnostics.map(\.formatted))")
        let finding = matching.first
        #expect(finding?.location.line == expected.line)
        #expect(finding?.location.column == expected.column)
        #expect(finding?.severity == expected.rule.severity)
        #expect(finding?.location.path.hasSuffix("rules/" + expected.fixture) == true)
        #expect(result.hasErrors() == (expected.rule.severity == .error))
        #expect(result.hasErrors(strict: true))
    }

    @Test("every rule has a fixture")
    func everyRuleCovered() {
        let covered = Set(Self.expectations.map(\.rule))
        let missing = LintRule.allCases.filter { !covered.contains($0) && $0 != .fileAccess }
        #expect(missing.isEmpty, "rules without a fixture: \(missing.map(\.rawValue))")
    }

    @Test("the valid fixture loads with no findings")
    func validFixture() throws {
        let result = BankLoader().load(path: Fixtures.path("rules/valid.xml"))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.formatted))")
        let bank = try #require(result.bank)
        #expect(bank.id == "fixture")
        #expect(bank.questions.map(\.id) == ["q1", "q2"])
        #expect(bank.domains.map(\.weight) == [50, 50])
    }

    @Test("a missing file is reported, not trapped")
    func missingFile() {
        let result = BankLoader().load(path: Fixtures.path("rules/no-such-file.xml"))
        #expect(result.bank == nil)
        #expect(result.diagnostics.first?.rule == .fileAccess)
    }

    @Test("diagnostics print like a compiler's")
    func formatting() {
        let diagnostic = Diagnostic(.weights, "domain weights sum to 90, not 100",
                                    at: SourceLocation(path: "bank.xml", line: 4, column: 11))
        #expect(diagnostic.formatted == "bank.xml:4:11: error: domain weights sum to 90, not 100 [weights]")
    }
}
