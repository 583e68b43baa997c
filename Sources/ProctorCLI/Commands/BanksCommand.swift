import ArgumentParser
import BankXML
import ProctorCore

/// `proctor banks`: the installed banks and their exams.
struct BanksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "banks",
        abstract: "List installed banks and their exams."
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Print the list as JSON.")
    var json = false

    func run() throws {
        let catalog = global.catalog()
        let summaries = catalog.results.compactMap { result in result.bank.map { BankSummary(bank: $0, path: result.path) } }
        if json {
            try Output.json(summaries)
        } else if summaries.isEmpty {
            Output.line("No banks found in: \(Locations.bankFolders(explicit: global.bankFolders).joined(separator: ", "))")
        } else {
            for (index, summary) in summaries.enumerated() {
                if index > 0 { Output.line() }
                Output.line("\(summary.id)  \(summary.title)  (version \(summary.version), \(summary.questions) questions)")
                Output.line("  from \(summary.path)")
                Output.line("  domains: " + summary.domains.map { "\($0.name) \($0.weight.compact)% (\($0.questions))" }.joined(separator: " · "))
                for exam in summary.exams {
                    Output.line("  exam \(exam.id.padding(22))\(exam.name): \(exam.questions) questions, \(exam.minutes == 0 ? "untimed" : "\(exam.minutes) min"), \(exam.scoring)")
                }
            }
        }
        for broken in catalog.results where broken.bank == nil {
            let errors = broken.diagnostics.filter { $0.severity == .error }.count
            Output.error("warning: \(broken.path) has \(errors) error\(errors == 1 ? "" : "s") and was not loaded; run: proctor lint \(broken.path)")
        }
        for finding in catalog.crossBankDiagnostics { Output.error(finding.formatted) }
    }
}

/// A bank as `proctor banks --json` describes it.
struct BankSummary: Encodable {
    struct DomainSummary: Encodable {
        var id: String
        var name: String
        var weight: Double
        var questions: Int
    }
    struct ExamSummary: Encodable {
        var id: String
        var name: String
        var questions: Int
        var minutes: Int
        var breaks: [Int]
        var scoring: String
        var pretest: Int
    }
    var id: String
    var title: String
    var version: String
    var questions: Int
    var path: String
    var domains: [DomainSummary]
    var exams: [ExamSummary]

    init(bank: QuestionBank, path: String) {
        id = bank.id
        title = bank.title
        version = bank.version
        questions = bank.questions.count
        self.path = path
        let counts = Dictionary(grouping: bank.questions, by: \.domainID).mapValues(\.count)
        domains = bank.domains.map { DomainSummary(id: $0.id, name: $0.name, weight: $0.weight, questions: counts[$0.id] ?? 0) }
        exams = bank.exams.map { exam in
            ExamSummary(id: exam.id, name: exam.name, questions: exam.questionCount, minutes: exam.minutes,
                        breaks: exam.breaks.map(\.after), scoring: exam.scoring.summary, pretest: exam.pretestCount)
        }
    }
}

extension ScoringModel {
    /// One line: "percent, pass 74", "scaled 100-900, pass 710", "bands, pass 65 %".
    var summary: String {
        switch self {
        case .percent(let pass): "percent, pass \(pass.compact) %"
        case .scaled(let min, let max, let pass): "scaled \(min.compact)-\(max.compact), pass \(pass.compact)"
        case .bands(let bands, let pass): "bands (\(bands.map(\.name).joined(separator: " / "))), pass \(pass.compact) %"
        }
    }
}
