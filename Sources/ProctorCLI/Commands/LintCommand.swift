import ArgumentParser
import BankXML

/// `proctor lint PATH...`: check banks like a compiler, every problem as `path:line:col`.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check question banks: schema, ids, answer keys, blueprint coverage and item-writing rules.",
        discussion: "Rules:\n" + LintRule.allCases.map { "  \($0.rawValue.padding(22))\($0.severity.rawValue): \($0.summary)" }
            .joined(separator: "\n")
    )

    @Argument(help: ArgumentHelp("Bank files or folders (searched for bank files).", valueName: "path"))
    var paths: [String]

    @Flag(help: "Print the findings as a JSON list.")
    var json = false

    @Flag(help: "Treat warnings as errors (the shipped banks pass with --strict).")
    var strict = false

    func validate() throws {
        if paths.isEmpty { throw ValidationError("Give at least one bank file or folder.") }
    }

    func run() throws {
        let catalog = BankCatalog(paths: paths)
        var diagnostics = catalog.results.flatMap(\.diagnostics) + catalog.crossBankDiagnostics
        if strict {
            diagnostics = diagnostics.map { finding in
                var finding = finding
                finding.severity = .error
                return finding
            }
        }
        if catalog.results.isEmpty {
            diagnostics.append(Diagnostic(.fileAccess, "no bank files found (a bank file is a .xml file whose root is <bank>)",
                                          at: SourceLocation(path: paths.joined(separator: " "), line: 1, column: 1)))
        }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        if json {
            try Output.json(diagnostics.map(LintFinding.init))
        } else {
            Output.lines(diagnostics.map(\.formatted))
            let files = catalog.results.reduce(0) { $0 + max(1, $1.files.count) }
            let questions = catalog.results.reduce(0) { $0 + ($1.partialBank?.questions.count ?? 0) }
            Output.error("\(catalog.results.count) bank\(catalog.results.count == 1 ? "" : "s"), \(files) file\(files == 1 ? "" : "s"), \(questions) questions: \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
        }
        if errors > 0 { throw ExitCode.failure }
    }
}

/// One lint finding as `--json` prints it.
struct LintFinding: Encodable {
    var path: String
    var line: Int
    var column: Int
    var severity: String
    var rule: String
    var message: String

    init(_ diagnostic: Diagnostic) {
        path = diagnostic.location.path
        line = diagnostic.location.line
        column = diagnostic.location.column
        severity = diagnostic.severity.rawValue
        rule = diagnostic.rule.rawValue
        message = diagnostic.message
    }
}
