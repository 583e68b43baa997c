/// How serious a finding is: errors make a bank unloadable, warnings do not (unless `--strict`).
public enum Severity: String, Sendable, Hashable, Codable, Comparable {
    case warning
    case error

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        lhs == .warning && rhs == .error
    }
}

/// A place in a bank file: path, 1-based line and 1-based column (in characters).
public struct SourceLocation: Sendable, Hashable, Codable, Comparable {
    public var path: String
    public var line: Int
    public var column: Int

    public init(path: String, line: Int, column: Int) {
        self.path = path
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.path, lhs.line, lhs.column) < (rhs.path, rhs.line, rhs.column)
    }
}

/// One finding about a bank, printed like a compiler's: `path:line:col: error: message [rule-id]`.
public struct Diagnostic: Sendable, Hashable, Codable {
    public var location: SourceLocation
    public var severity: Severity
    public var message: String
    public var rule: LintRule

    public init(_ rule: LintRule, _ message: String, at location: SourceLocation, severity: Severity? = nil) {
        self.rule = rule
        self.message = message
        self.location = location
        self.severity = severity ?? rule.severity
    }

    /// The compiler-style line editors can jump to.
    public var formatted: String {
        "\(location.path):\(location.line):\(location.column): \(severity.rawValue): \(message) [\(rule.rawValue)]"
    }
}

/// Every rule the loader and linter check, with its id as printed and its default severity.
public enum LintRule: String, Sendable, Hashable, Codable, CaseIterable {
    case xmlSyntax = "xml-syntax"
    case doctype
    case schema
    case include
    case fileAccess = "file"
    case duplicateID = "duplicate-id"
    case unknownDomain = "unknown-domain"
    case unknownTopic = "unknown-topic"
    case unknownOption = "unknown-option"
    case typeContent = "type-content"
    case answerKey = "answer-key"
    case weights
    case scoring
    case examCoverage = "exam-coverage"
    case breakPosition = "break-position"
    case missingExplanation = "missing-explanation"
    case answerPositionBias = "answer-position-bias"
    case longestOptionBias = "longest-option-bias"
    case allOfTheAbove = "all-of-the-above"
    case duplicateStem = "duplicate-stem"
    case numericTolerance = "numeric-tolerance"

    /// The severity a finding of this rule has without `--strict`.
    public var severity: Severity {
        switch self {
        case .xmlSyntax, .doctype, .schema, .include, .fileAccess, .duplicateID, .unknownDomain,
             .unknownTopic, .unknownOption, .typeContent, .answerKey, .weights, .scoring,
             .examCoverage, .breakPosition:
            .error
        case .missingExplanation, .answerPositionBias, .longestOptionBias, .allOfTheAbove,
             .duplicateStem, .numericTolerance:
            .warning
        }
    }

    /// One line on what the rule checks, for `proctor lint --help` and the README.
    public var summary: String {
        switch self {
        case .xmlSyntax: "not well-formed XML (libxml2's own message)"
        case .doctype: "the file has a DOCTYPE; banks need none, and a DTD is how entity attacks arrive"
        case .schema: "the XML Schema rejects the file"
        case .include: "an xi:include that leaves the bank's folder, is missing, loops, or is not plain XML"
        case .fileAccess: "a bank file that cannot be read, is not a regular file, or is too large"
        case .duplicateID: "a question, case, topic, domain, option or exam id used twice"
        case .unknownDomain: "a reference to a domain the bank does not define"
        case .unknownTopic: "a reference to a topic the bank (or the question's domain) does not define"
        case .unknownOption: "feedback for an option the question does not have"
        case .typeContent: "answer elements that do not fit the question's type (count of options, items, pairs)"
        case .answerKey: "the number of correct options does not fit the type or `select`"
        case .weights: "domain weights do not sum to 100 ± 0.5"
        case .scoring: "a scoring model missing what it needs (scaled min/max, bands)"
        case .examCoverage: "an exam form cannot be assembled to the blueprint from the bank"
        case .breakPosition: "a break after the last question, or breaks not increasing"
        case .missingExplanation: "a question without an explanation"
        case .answerPositionBias: "one option position holds the key far more often than chance"
        case .longestOptionBias: "the key is the longest option in more than 40 % of single-choice questions"
        case .allOfTheAbove: "\"all/none of the above\" without pin=\"true\""
        case .duplicateStem: "two stems identical after normalising case, space and punctuation"
        case .numericTolerance: "a tolerance that accepts zero or negative values for a positive answer"
        }
    }
}
