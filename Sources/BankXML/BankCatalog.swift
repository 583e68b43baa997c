#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ProctorCore

/// The installed banks: every bank file found under the bank folders, loaded and checked together
/// (exam ids must be unique across all of them).
public struct BankCatalog: Sendable {
    /// Every bank found, loaded or not, in folder order then path order.
    public var results: [BankLoadResult]
    /// Findings that concern several banks at once (an exam id defined twice).
    public var crossBankDiagnostics: [Diagnostic]

    /// Banks that loaded without errors.
    public var banks: [QuestionBank] { results.compactMap(\.bank) }

    /// Finds and loads every bank file under `paths` (files or folders, searched recursively).
    public init(paths: [String], loader: BankLoader = BankLoader()) {
        var seen: Set<String> = []
        var results: [BankLoadResult] = []
        for path in paths {
            for file in Self.bankFiles(at: path) {
                let key = realPath(file) ?? file
                guard seen.insert(key).inserted else { continue }
                results.append(loader.load(path: file))
            }
        }
        self.results = results
        var examOwners: [String: (bank: String, path: String)] = [:]
        var cross: [Diagnostic] = []
        for result in results {
            guard let bank = result.partialBank else { continue }
            for exam in bank.exams {
                if let owner = examOwners[exam.id], owner.bank != bank.id || owner.path != result.path {
                    cross.append(Diagnostic(.duplicateID,
                        "exam id '\(exam.id)' is also defined by bank '\(owner.bank)' (\(owner.path)); exam ids must be unique across installed banks",
                        at: SourceLocation(path: result.path, line: 1, column: 1)))
                } else {
                    examOwners[exam.id] = (bank.id, result.path)
                }
            }
        }
        self.crossBankDiagnostics = cross
    }

    /// The bank files at `path`: the file itself, or the bank main files in a folder tree (sorted).
    public static func bankFiles(at path: String) -> [String] {
        var info = stat()
        guard stat(path, &info) == 0 else { return [path] }  // let the loader report it
        if (info.st_mode & S_IFMT) != S_IFDIR { return [path] }
        var found: [String] = []
        var stack = [path]
        var visited: Set<String> = []
        while let folder = stack.popLast() {
            guard let real = realPath(folder), visited.insert(real).inserted, let handle = opendir(folder) else { continue }
            defer { closedir(handle) }
            var entries: [String] = []
            while let entry = readdir(handle) {
                let name = withUnsafePointer(to: entry.pointee.d_name) {
                    $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
                }
                if name.hasPrefix(".") { continue }
                entries.append(name)
            }
            for name in entries.sorted().reversed() {
                let child = folder.hasSuffix("/") ? folder + name : folder + "/" + name
                var childInfo = stat()
                guard stat(child, &childInfo) == 0 else { continue }
                if (childInfo.st_mode & S_IFMT) == S_IFDIR {
                    stack.append(child)
                } else if (childInfo.st_mode & S_IFMT) == S_IFREG, BankLoader.looksLikeBankFile(child) {
                    found.append(child)
                }
            }
        }
        return found.sorted()
    }

    /// The exam with this id and the bank that defines it.
    public func exam(id: String) -> (ExamProfile, QuestionBank)? {
        for bank in banks {
            if let exam = bank.exam(id: id) { return (exam, bank) }
        }
        return nil
    }

    /// The bank with this id.
    public func bank(id: String) -> QuestionBank? {
        banks.first { $0.id == id }
    }

    /// Where the bank with this id was loaded from.
    public func path(ofBank id: String) -> String? {
        results.first { $0.bank?.id == id }?.path
    }
}
