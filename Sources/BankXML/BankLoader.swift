#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CLibXML2
import Dispatch
import Foundation
import ProctorCore

/// What loading one bank produced: the bank when it has no errors, and every finding.
public struct BankLoadResult: Sendable {
    /// The path the bank was loaded from, as given.
    public var path: String
    /// The bank, unless an error made it unloadable.
    public var bank: QuestionBank?
    /// The bank as far as it could be read, even with errors (for tools that want to show it).
    public var partialBank: QuestionBank?
    /// Every finding, schema errors first, each group in file order.
    public var diagnostics: [Diagnostic]
    /// The files read: the main file and its includes.
    public var files: [String]

    /// Whether any finding is an error (or a warning, when `strict`).
    public func hasErrors(strict: Bool = false) -> Bool {
        diagnostics.contains { $0.severity == .error || (strict && $0.severity == .warning) }
    }
}

/// Loads question banks from XML with libxml2: parse, resolve includes, validate, check.
public struct BankLoader: Sendable {
    /// Files may include others at most this deep (a loop is caught sooner; this bounds a long chain).
    static let maximumIncludeDepth = 16

    public init() {}

    /// Loads the bank whose main file is at `path`.
    public func load(path: String) -> BankLoadResult {
        LoadSession(mainPath: path, mainBytes: nil).run()
    }

    /// Loads a bank from bytes in memory, reported as `path`; includes resolve against `path`'s
    /// folder as if the bytes were that file. For fuzzing and for editors with unsaved buffers.
    public func load(bytes: [UInt8], path: String) -> BankLoadResult {
        LoadSession(mainPath: path, mainBytes: bytes).run()
    }

    /// Whether the file at `path` looks like a bank's main file (root element `bank`), judged from
    /// its first few kilobytes without parsing it.
    public static func looksLikeBankFile(_ path: String) -> Bool {
        guard path.hasSuffix(".xml"), let file = fopen(path, "rb") else { return false }
        defer { fclose(file) }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
        var text = String(decoding: buffer.prefix(count), as: UTF8.self)
        if buffer.starts(with: [0xFF, 0xFE]) || buffer.starts(with: [0xFE, 0xFF]) {
            // UTF-16: keep the ASCII bytes, which is enough to spot the root element.
            text = String(decoding: buffer.prefix(count).filter { $0 != 0 && $0 < 0x80 }, as: UTF8.self)
        }
        var rest = Substring(text)
        while let start = rest.firstIndex(of: "<") {
            rest = rest[rest.index(after: start)...]
            if rest.hasPrefix("?") || rest.hasPrefix("!") { continue }
            let name = rest.prefix { !$0.isWhitespace && $0 != ">" && $0 != "/" }
            return name == "bank" || name.hasSuffix(":bank")
        }
        return false
    }
}

/// One load: the files read so far, the include stack, and the diagnostics.
///
/// The main file is read first. Its includes are then resolved in order, read in parallel (parse,
/// schema, reading into model values: each file on its own, its tree freed as soon as it is read),
/// and merged in document order, where ids that must be unique across files are checked. An
/// include inside an include is resolved and read during the merge, so loops are seen there.
private final class LoadSession {
    let mainPath: String
    /// The main file's bytes when loading from memory.
    let mainBytes: [UInt8]?
    var findings: [Diagnostic] = []
    var files: [String] = []
    /// Real paths of files taken into the bank, to catch a file included twice.
    var readRealPaths: [String: String] = [:]
    /// Real paths of the include chain being merged, to catch loops.
    var includeStack: [String] = []
    var bankRoot = ""
    /// What has been merged so far.
    var questions: [Question] = []
    var cases: [CaseSet] = []
    var locations = BankLocations(bank: SourceLocation(path: "", line: 1, column: 1))

    init(mainPath: String, mainBytes: [UInt8]?) {
        self.mainPath = mainPath
        self.mainBytes = mainBytes
    }

    /// libxml2 must initialise its globals once, on one thread, before parsers run on several.
    private static let libxml2Ready: Bool = {
        xmlInitParser()
        return true
    }()

    func run() -> BankLoadResult {
        _ = Self.libxml2Ready
        let realMain: String
        if mainBytes != nil {
            let folder = realPath(directory(of: mainPath)) ?? directory(of: mainPath)
            realMain = folder + "/" + (mainPath.split(separator: "/").last.map(String.init) ?? mainPath)
        } else if let resolved = realPath(mainPath) {
            realMain = resolved
        } else {
            let message = "cannot open \(mainPath): \(String(cString: strerror(errno)))"
            return BankLoadResult(path: mainPath, bank: nil, partialBank: nil,
                                  diagnostics: [Diagnostic(.fileAccess, message, at: SourceLocation(path: mainPath, line: 1, column: 1))],
                                  files: [])
        }
        bankRoot = directory(of: realMain)
        files.append(mainPath)
        readRealPaths[realMain] = mainPath
        let main: FileOutcome.Main
        switch FileOutcome.read(displayPath: mainPath, realPath: realMain, bytes: mainBytes, asMain: true) {
        case .failed(let problems):
            findings += problems
            return result(bank: nil, partial: nil)
        case .includeFile(let outcome):
            findings += outcome.diagnostics
            return result(bank: nil, partial: nil)
        case .main(let outcome):
            main = outcome
        }
        findings += main.content.diagnostics
        locations = main.locations
        includeStack = [realMain]

        // Resolve the main file's includes in order, then read them all at once.
        var pending: [Int: IncludeTarget] = [:]
        for (index, entry) in main.content.entries.enumerated() {
            if case .include(let request) = entry, let target = resolve(request) { pending[index] = target }
        }
        let targets = pending.sorted { $0.key < $1.key }
        let outcomes = readInParallel(targets.map(\.value))
        let prefetched = Dictionary(uniqueKeysWithValues: zip(targets.map(\.key), outcomes))

        for (index, entry) in main.content.entries.enumerated() {
            if case .include = entry {
                if let outcome = prefetched[index], let target = pending[index] {
                    mergeInclude(outcome, target: target)
                }
            } else {
                merge(entry)
            }
        }

        let bank = QuestionBank(
            id: main.header.id, version: main.header.version, language: main.header.language,
            title: main.header.title, summary: main.header.summary, license: main.header.license,
            authors: main.header.authors, domains: main.domains, exams: main.exams,
            questions: questions, cases: cases)
        findings += BankRules(bank: bank, locations: locations).check()
        let failed = findings.contains { $0.severity == .error }
        return result(bank: failed ? nil : bank, partial: bank)
    }

    private func result(bank: QuestionBank?, partial: QuestionBank?) -> BankLoadResult {
        // Schema errors first, as bank-format.md says; then the rest, each group in file order.
        let schema = findings.filter { $0.rule == .schema }
        let rest = findings.filter { $0.rule != .schema }
        let order: (Diagnostic, Diagnostic) -> Bool = { ($0.location, $0.rule.rawValue) < ($1.location, $1.rule.rawValue) }
        return BankLoadResult(path: mainPath, bank: bank, partialBank: partial,
                              diagnostics: schema.sorted(by: order) + rest.sorted(by: order), files: files)
    }

    // MARK: Merging

    private func merge(_ entry: FileContent.Entry) {
        switch entry {
        case .question(let question, let site):
            add(question, site)
        case .caseSet(let caseSet, let site, let members):
            if let first = locations.cases[caseSet.id] {
                findings.append(Diagnostic(.duplicateID, "case id '\(caseSet.id)' is already used at \(first.short)", at: site.id))
                return
            }
            locations.cases[caseSet.id] = site.id
            locations.caseSites[caseSet.id] = site
            var kept = caseSet
            kept.questionIDs = members.compactMap { add($0.0, $0.1) ? $0.0.id : nil }
            cases.append(kept)
        case .include(let request):
            guard let target = resolve(request) else { return }
            mergeInclude(FileOutcome.read(displayPath: target.displayPath, realPath: target.realPath, bytes: nil,
                                          asMain: false, site: request.site), target: target)
        }
    }

    /// Adds a question unless its id is taken; whether it was added.
    @discardableResult
    private func add(_ question: Question, _ site: QuestionSite) -> Bool {
        if let first = locations.questions[question.id] {
            findings.append(Diagnostic(.duplicateID, "question id '\(question.id)' is already used at \(first.short)", at: site.id))
            return false
        }
        locations.questions[question.id] = site.id
        locations.questionSites.append(site)
        questions.append(question)
        return true
    }

    private func mergeInclude(_ outcome: FileOutcome, target: IncludeTarget) {
        switch outcome {
        case .failed(let problems):
            findings += problems
        case .main:
            findings.append(Diagnostic(.include, "an included file must have the root element <questions>, not <bank>",
                                       at: target.site))
        case .includeFile(let content):
            findings += content.diagnostics
            includeStack.append(target.realPath)
            defer { includeStack.removeLast() }
            for entry in content.entries { merge(entry) }
        }
    }

    // MARK: Includes

    /// An include that passed the path checks.
    struct IncludeTarget: Sendable {
        var displayPath: String
        var realPath: String
        var site: SourceLocation
    }

    /// Checks an include's path: relative, inside the bank's folder (links too), present, not a
    /// loop and not already part of the bank. Records it as read when it passes.
    private func resolve(_ request: IncludeRequest) -> IncludeTarget? {
        let href = request.href
        func refuse(_ message: String) -> IncludeTarget? {
            findings.append(Diagnostic(.include, message, at: request.site))
            return nil
        }
        if href.isEmpty { return refuse("xi:include has an empty href") }
        if href.contains("://") || href.hasPrefix("//") || href.lowercased().hasPrefix("file:") {
            return refuse("xi:include href=\"\(href)\" is a URL; banks include files from their own folder only")
        }
        if href.hasPrefix("/") { return refuse("xi:include href=\"\(href)\" is an absolute path; use a path relative to the bank's folder") }
        if href.contains("\\") || href.contains("\0") { return refuse("xi:include href=\"\(href)\" is not a plain relative path") }
        guard includeStack.count <= BankLoader.maximumIncludeDepth else {
            return refuse("includes are nested more than \(BankLoader.maximumIncludeDepth) deep")
        }
        let fromReal = includeStack.last ?? bankRoot
        let candidate = normalise(directory(of: fromReal) + "/" + href)
        guard candidate == bankRoot || candidate.hasPrefix(bankRoot + "/") else {
            return refuse("xi:include href=\"\(href)\" leaves the bank's folder")
        }
        guard let real = realPath(candidate) else {
            return refuse("xi:include href=\"\(href)\": no such file")
        }
        guard real.hasPrefix(bankRoot + "/") else {
            return refuse("xi:include href=\"\(href)\" leaves the bank's folder (through a link)")
        }
        if includeStack.contains(real) {
            return refuse("xi:include href=\"\(href)\" loops: the file is already being read")
        }
        if let earlier = readRealPaths[real] {
            return refuse("xi:include href=\"\(href)\": \(earlier) is already part of the bank")
        }
        let display = normalise(directory(of: request.fromPath) + "/" + href)
        readRealPaths[real] = display
        files.append(display)
        return IncludeTarget(displayPath: display, realPath: real, site: request.site)
    }

    /// Reads include files on every core; results in the order of `targets`.
    private func readInParallel(_ targets: [IncludeTarget]) -> [FileOutcome] {
        guard targets.count > 1 else {
            return targets.map { FileOutcome.read(displayPath: $0.displayPath, realPath: $0.realPath, bytes: nil, asMain: false, site: $0.site) }
        }
        let results = OutcomeSlots(count: targets.count)
        DispatchQueue.concurrentPerform(iterations: targets.count) { index in
            let target = targets[index]
            results.store(FileOutcome.read(displayPath: target.displayPath, realPath: target.realPath, bytes: nil,
                                           asMain: false, site: target.site), at: index)
        }
        return results.values
    }
}

/// The canonical absolute path, links resolved; nil when the file does not exist.
func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
}

/// The folder part of a path (`.` for a bare file name).
func directory(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
}

/// `a/./b/../c` as `a/c`, without touching the file system.
func normalise(_ path: String) -> String {
    var parts: [Substring] = []
    for part in path.split(separator: "/", omittingEmptySubsequences: true) {
        switch part {
        case ".": continue
        case "..": if let last = parts.last, last != ".." { parts.removeLast() } else if !path.hasPrefix("/") { parts.append(part) }
        default: parts.append(part)
        }
    }
    let joined = parts.joined(separator: "/")
    return path.hasPrefix("/") ? "/" + joined : (joined.isEmpty ? "." : joined)
}
