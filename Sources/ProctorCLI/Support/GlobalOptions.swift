import ArgumentParser
import BankXML
import ProctorCore

/// Options every command shares: where banks and the database are, and colour.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("banks"), help: ArgumentHelp("A folder of banks to use instead of the defaults (repeatable).", valueName: "dir"))
    var bankFolders: [String] = []

    @Option(name: .customLong("db"), help: ArgumentHelp("The progress database (default $XDG_DATA_HOME/proctor/proctor.sqlite, or PROCTOR_DB).", valueName: "path"))
    var database: String?

    @Flag(name: .customLong("no-color"), help: "Never use colour (also NO_COLOR).")
    var noColor = false

    /// Every installed bank, loaded.
    func catalog() -> BankCatalog {
        BankCatalog(paths: Locations.bankFolders(explicit: bankFolders))
    }

    /// The database path in force.
    var databasePath: String { Locations.database(explicit: database) }
}

/// An error that prints a clear message and exits 1 (the input was wrong).
struct UserError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension BankCatalog {
    /// The bank with this id, or an error listing the banks there are.
    func requireBank(_ id: String) throws -> QuestionBank {
        if let bank = bank(id: id) { return bank }
        if let broken = results.first(where: { $0.partialBank?.id == id }) {
            throw UserError("bank '\(id)' has errors and cannot be used; run: proctor lint \(broken.path)")
        }
        let known = banks.map(\.id).sorted()
        throw UserError("no bank '\(id)'. Installed banks: \(known.isEmpty ? "none" : known.joined(separator: ", "))")
    }

    /// The exam with this id and its bank, or an error listing the exams there are.
    func requireExam(_ id: String) throws -> (ExamProfile, QuestionBank) {
        if let found = exam(id: id) { return found }
        let known = banks.flatMap { $0.exams.map(\.id) }.sorted()
        throw UserError("no exam '\(id)'. Installed exams: \(known.isEmpty ? "none" : known.joined(separator: ", "))")
    }
}

/// In this module `@Option` is always the command-line property wrapper; a question's answer option
/// is spelled `ProctorCore.Option`.
typealias Option = ArgumentParser.Option
