import CLibXML2
import Foundation
import ProctorCore

/// Result slots filled from several threads, each slot by exactly one of them.
final class OutcomeSlots: @unchecked Sendable {
    // Each index is written once by one thread, and read only after concurrentPerform returns,
    // which orders those writes before the reads; the lock keeps the array's own storage safe.
    private var slots: [FileOutcome?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func store(_ outcome: FileOutcome, at index: Int) {
        lock.lock()
        slots[index] = outcome
        lock.unlock()
    }

    var values: [FileOutcome] { slots.map { $0 ?? .failed([]) } }
}

/// One file read on its own: parsed, validated, and read into model values. Holds no libxml2
/// state, so it can cross threads.
enum FileOutcome: @unchecked Sendable {
    /// What the main file holds besides its items.
    struct Main {
        var header: (id: String, version: String, language: String?, title: String, summary: String?,
                     license: String?, authors: [String])
        var domains: [Domain]
        var exams: [ExamProfile]
        var locations: BankLocations
        var content: FileContent
    }

    case main(Main)
    case includeFile(FileContent)
    case failed([Diagnostic])

    /// Reads one file (from `bytes` when given). `site` is where it was included, for file errors.
    static func read(displayPath: String, realPath: String, bytes: [UInt8]?, asMain: Bool,
                     site: SourceLocation? = nil) -> FileOutcome {
        let source: SourceText
        do {
            if let bytes {
                source = try SourceText(path: displayPath, bytes: bytes)
            } else {
                source = try SourceText(contentsOf: realPath, displayPath: displayPath)
            }
        } catch {
            let message: String
            switch error {
            case .unreadable(let reason): message = "cannot read \(displayPath): \(reason)"
            case .notRegularFile: message = "\(displayPath) is not a regular file"
            case .tooLarge(let size): message = "\(displayPath) is \(size / 1_048_576) MiB; bank files may be at most \(SourceText.maximumFileSize / 1_048_576) MiB"
            case .badUTF16: message = "\(displayPath) starts with a UTF-16 byte-order mark but is not valid UTF-16"
            }
            return .failed([Diagnostic(.fileAccess, message, at: site ?? SourceLocation(path: displayPath, line: 1, column: 1))])
        }
        let document: XMLDocument
        switch XMLDocument.parse(source) {
        case .failure(let list): return .failed(list.diagnostics)
        case .success(let parsed): document = parsed
        }
        var problems: [Diagnostic]
        if let validator = SchemaValidator.shared {
            problems = validator.validate(document)
        } else {
            problems = [Diagnostic(.schema, "the built-in schema failed to compile (a bug in proctor)",
                                   at: SourceLocation(path: displayPath, line: 1, column: 1))]
        }
        let rootLocation = document.root.map { document.location(of: $0) } ?? SourceLocation(path: displayPath, line: 1, column: 1)
        let reader = BankReader(document: document, bankLocation: rootLocation)
        if asMain {
            guard let root = document.root, root.isBankElement("bank") else {
                problems.append(Diagnostic(.schema,
                    "the root element must be <bank xmlns=\"\(BankSchema.namespace)\">; this is <\(document.root?.localName ?? "nothing")>"
                        + (document.root?.isBankElement("questions") == true ? " (an include file: lint the bank that includes it)" : ""),
                    at: rootLocation))
                return .failed(problems)
            }
            reader.readBank()
            var content = reader.content
            content.diagnostics = problems + content.diagnostics
            return .main(Main(header: reader.header, domains: reader.domains, exams: reader.exams,
                              locations: reader.locations, content: content))
        }
        if document.root?.isBankElement("bank") == true {
            return .main(Main(header: reader.header, domains: [], exams: [], locations: reader.locations, content: FileContent()))
        }
        reader.readQuestions()
        var content = reader.content
        content.diagnostics = problems + content.diagnostics
        return .includeFile(content)
    }
}
