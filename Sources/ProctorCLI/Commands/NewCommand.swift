import ArgumentParser
import BankXML
import Foundation

/// `proctor new BANK-ID`: a new, valid bank to start writing from.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Write a new, valid bank skeleton (one question of every type) to start from."
    )

    @Argument(help: ArgumentHelp("The new bank's id: lowercase letters, digits and hyphens.", valueName: "bank-id"))
    var bankID: String

    @Option(help: ArgumentHelp("The folder to create the bank's folder in.", valueName: "dir"))
    var dir = "."

    func validate() throws {
        guard BankSkeleton.isValidID(bankID) else {
            throw ValidationError("'\(bankID)' is not a valid bank id: use lowercase letters, digits and hyphens, starting with a letter or digit (for example my-exam).")
        }
    }

    func run() throws {
        let folder = (dir as NSString).appendingPathComponent(bankID)
        let fileManager = FileManager.default
        let skeleton = BankSkeleton(id: bankID)
        let files = skeleton.files
        for name in files.keys where fileManager.fileExists(atPath: (folder as NSString).appendingPathComponent(name)) {
            throw UserError("\((folder as NSString).appendingPathComponent(name)) already exists; not overwriting it")
        }
        do {
            try fileManager.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for (name, text) in files.sorted(by: { $0.key < $1.key }) {
                try Data(text.utf8).write(to: URL(fileURLWithPath: (folder as NSString).appendingPathComponent(name)))
            }
        } catch {
            throw UserError("cannot write the bank in \(folder): \(error.localizedDescription)")
        }
        let main = (folder as NSString).appendingPathComponent("\(bankID).xml")
        Output.line("Created \(main) and \((folder as NSString).appendingPathComponent("questions.xml")).")
        Output.line("Next: edit them, then run  proctor lint --strict \(folder)")
        Output.line("Use it with:               proctor --banks \(dir) banks")
    }
}
