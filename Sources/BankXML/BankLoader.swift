#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CLibXML2
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
        let session = LoadSession(mainPath: path)
        return session.run()
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
private final class LoadSession {
    let mainPath: String
    var schemaFindings: [Diagnostic] = []
    var otherFindings: [Diagnostic] = []
    var files: [String] = []
    /// Real paths of files read, to catch a file included twice.
    var readRealPaths: [String: String] = [:]
    /// Real paths of the include chain being read, to catch loops.
    var includeStack: [String] = []
    var documents: [XMLDocument] = []
    var bankRoot = ""

    init(mainPath: String) {
        self.mainPath = mainPath
    }

    func run() -> BankLoadResult {
        guard let realMain = realPath(mainPath) else {
            let message = "cannot open \(mainPath): \(String(cString: strerror(errno)))"
            return BankLoadResult(path: mainPath, bank: nil, partialBank: nil,
                                  diagnostics: [Diagnostic(.fileAccess, message, at: SourceLocation(path: mainPath, line: 1, column: 1))],
                                  files: [])
        }
        bankRoot = directory(of: realMain)
        guard let document = read(displayPath: mainPath, realPath: realMain, at: nil) else {
            return result(bank: nil, partial: nil)
        }
        let bankLocation = document.root.map { document.location(of: $0) }
            ?? SourceLocation(path: mainPath, line: 1, column: 1)
        guard let root = document.root, root.isBankElement("bank") else {
            otherFindings.append(Diagnostic(.schema,
                "the root element must be <bank xmlns=\"\(BankSchema.namespace)\">; this is <\(document.root?.localName ?? "nothing")>"
                    + (document.root?.isBankElement("questions") == true ? " (an include file: lint the bank that includes it)" : ""),
                at: bankLocation))
            return result(bank: nil, partial: nil)
        }
        includeStack = [realMain]
        let reader = BankReader(bankLocation: bankLocation) { [unowned self] href, from, node, body in
            self.resolveInclude(href: href, from: from, node: node, body: body)
        }
        reader.readBank(document)
        otherFindings += reader.diagnostics
        let bank = reader.bank
        otherFindings += BankRules(bank: bank, locations: reader.locations).check()
        let failed = (schemaFindings + otherFindings).contains { $0.severity == .error }
        return result(bank: failed ? nil : bank, partial: bank)
    }

    private func result(bank: QuestionBank?, partial: QuestionBank?) -> BankLoadResult {
        let ordered = schemaFindings + otherFindings.sorted { ($0.location, $0.rule.rawValue) < ($1.location, $1.rule.rawValue) }
        return BankLoadResult(path: mainPath, bank: bank, partialBank: partial, diagnostics: ordered, files: files)
    }

    /// Reads, parses and validates one file; nil (with findings recorded) when it cannot be used.
    private func read(displayPath: String, realPath: String, at includeSite: SourceLocation?) -> XMLDocument? {
        files.append(displayPath)
        readRealPaths[realPath] = displayPath
        let source: SourceText
        do {
            source = try SourceText(contentsOf: realPath, displayPath: displayPath)
        } catch {
            let message: String
            switch error {
            case .unreadable(let reason): message = "cannot read \(displayPath): \(reason)"
            case .notRegularFile: message = "\(displayPath) is not a regular file"
            case .tooLarge(let size): message = "\(displayPath) is \(size / 1_048_576) MiB; bank files may be at most \(SourceText.maximumFileSize / 1_048_576) MiB"
            case .badUTF16: message = "\(displayPath) starts with a UTF-16 byte-order mark but is not valid UTF-16"
            }
            otherFindings.append(Diagnostic(.fileAccess, message,
                                            at: includeSite ?? SourceLocation(path: displayPath, line: 1, column: 1)))
            return nil
        }
        switch XMLDocument.parse(source) {
        case .failure(let list):
            otherFindings += list.diagnostics
            return nil
        case .success(let document):
            documents.append(document)
            if let validator = SchemaValidator.shared {
                schemaFindings += validator.validate(document)
            } else {
                schemaFindings.append(Diagnostic(.schema, "the built-in schema failed to compile (a bug in proctor)",
                                                 at: SourceLocation(path: displayPath, line: 1, column: 1)))
            }
            return document
        }
    }

    private func resolveInclude(href: String, from document: XMLDocument, node: xmlNodePtr,
                                body: (XMLDocument) -> Void) {
        let site = document.location(of: node, attribute: "href")
        func refuse(_ message: String) {
            otherFindings.append(Diagnostic(.include, message, at: site))
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
        let display = normalise(directory(of: document.source.path) + "/" + href)
        includeStack.append(real)
        defer { includeStack.removeLast() }
        if let included = read(displayPath: display, realPath: real, at: site) { body(included) }
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
