import CLibXML2

/// A parsed XML file: the libxml2 tree and the source it came from. Owns the tree.
///
/// Parsing is locked down for files from strangers: no network, no DTD loading, no entity
/// substitution, libxml2's default depth and text-size limits, bounds on attributes per element and
/// namespaces in scope (checked before parsing: `SourceText.excess`), and a DOCTYPE stops the parse
/// at once (before any entity in it is declared), so entity attacks never get going.
final class XMLDocument {
    let source: SourceText
    let tree: xmlDocPtr
    private init(source: SourceText, tree: xmlDocPtr) {
        self.source = source
        self.tree = tree
        // Number the elements in document order, the order of `SourceText.startTags`, and keep the
        // number in the node's application slot (`_private`, unused by libxml2 itself): locating a
        // node is then one load, with no table to build or hash.
        var ordinal = 0
        var current = xmlDocGetRootElement(tree)
        while let node = current {
            ordinal += 1
            node.pointee._private = UnsafeMutableRawPointer(bitPattern: ordinal)
            // Depth-first, iteratively: hostile nesting cannot exhaust the stack.
            if let child = Self.firstElement(from: node.pointee.children) {
                current = child
                continue
            }
            var climbing: xmlNodePtr? = node
            current = nil
            while let step = climbing {
                if let sibling = Self.firstElement(from: step.pointee.next) {
                    current = sibling
                    break
                }
                climbing = step.pointee.parent.flatMap { $0.pointee.type == XML_ELEMENT_NODE ? $0 : nil }
            }
        }
    }

    private static func firstElement(from node: xmlNodePtr?) -> xmlNodePtr? {
        var current = node
        while let candidate = current {
            if candidate.pointee.type == XML_ELEMENT_NODE { return candidate }
            current = candidate.pointee.next
        }
        return nil
    }

    deinit { xmlFreeDoc(tree) }

    /// The root element.
    var root: xmlNodePtr? { xmlDocGetRootElement(tree) }

    /// Where `node` (an element) starts in the source, or one of its attributes.
    func location(of node: xmlNodePtr, attribute: String? = nil) -> SourceLocation {
        let ordinal = Int(bitPattern: node.pointee._private)
        guard ordinal > 0 else {
            return SourceLocation(path: source.path, line: max(1, Int(xmlGetLineNo(node))), column: 1)
        }
        return source.location(ofElement: ordinal - 1, attribute: attribute)
    }

    /// Parses `source`, returning the document or the diagnostics that stopped it.
    static func parse(_ source: SourceText) -> Result<XMLDocument, DiagnosticList> {
        let collector = ParseCollector(path: source.path)
        guard let context = xmlNewParserCtxt() else {
            return .failure(DiagnosticList([Diagnostic(.xmlSyntax, "libxml2 could not allocate a parser",
                                                       at: SourceLocation(path: source.path, line: 1, column: 1))]))
        }
        defer { xmlFreeParserCtxt(context) }
        let unmanaged = Unmanaged.passRetained(collector)
        defer { unmanaged.release() }
        context.pointee._private = unmanaged.toOpaque()
        if let sax = context.pointee.sax {
            sax.pointee.serror = parserStructuredError
            sax.pointee.internalSubset = refuseDoctype
            sax.pointee.externalSubset = nil
            sax.pointee.resolveEntity = nil
            sax.pointee.getEntity = nil
            sax.pointee.getParameterEntity = nil
        }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_NOCDATA.rawValue | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_IGNORE_ENC.rawValue)
        if let excess = source.excess {
            return .failure(DiagnosticList([Diagnostic(.xmlSyntax, excess.message, at: source.location(ofByte: excess.offset))]))
        }
        // libxml2 reads the bytes through a callback, a chunk at a time: handed one block of memory,
        // it copies the whole file twice (raw, then "converted" to UTF-8) before parsing, which for
        // a 50 MB file is 100 MB more than the bytes themselves.
        let tree: xmlDocPtr? = source.utf8.withUnsafeBufferPointer { buffer in
            let reader = Unmanaged.passRetained(ChunkReader(buffer))
            defer { reader.release() }
            return xmlCtxtReadIO(context, readChunk, nil, reader.toOpaque(), source.path, "UTF-8", options)
        }
        if let doctype = collector.doctype {
            if let tree { xmlFreeDoc(tree) }
            return .failure(DiagnosticList([Diagnostic(
                .doctype, "a bank must not have a DOCTYPE; remove it (entities and DTDs are not allowed)",
                at: doctype)]))
        }
        guard let tree, context.pointee.wellFormed != 0, collector.errors.isEmpty else {
            if let tree { xmlFreeDoc(tree) }
            var errors = collector.errors
            if errors.isEmpty {
                let message = source.utf8.isEmpty ? "the file is empty" : "the file is not well-formed XML"
                errors.append(Diagnostic(.xmlSyntax, message, at: SourceLocation(path: source.path, line: 1, column: 1)))
            }
            return .failure(DiagnosticList(errors))
        }
        return .success(XMLDocument(source: source, tree: tree))
    }
}

/// The bytes libxml2 reads through `readChunk`, and how far it has read.
private final class ChunkReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var offset = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }
}

/// libxml2's read callback: copies the next `length` bytes (fewer at the end, 0 when done).
private func readChunk(_ context: UnsafeMutableRawPointer?, _ buffer: UnsafeMutablePointer<CChar>?,
                       _ length: Int32) -> Int32 {
    guard let context, let buffer, length > 0 else { return -1 }
    let reader = Unmanaged<ChunkReader>.fromOpaque(context).takeUnretainedValue()
    let count = min(Int(length), reader.bytes.count - reader.offset)
    guard count > 0, let base = reader.bytes.baseAddress else { return 0 }
    UnsafeMutableRawPointer(buffer).copyMemory(from: base + reader.offset, byteCount: count)
    reader.offset += count
    return Int32(count)
}

/// A list of diagnostics that can travel in a `Result`.
struct DiagnosticList: Error {
    var diagnostics: [Diagnostic]
    init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
}

/// Receives libxml2's errors for one parse (reached through the parser context's `_private`).
final class ParseCollector {
    let path: String
    var errors: [Diagnostic] = []
    var doctype: SourceLocation?

    init(path: String) { self.path = path }

    func record(_ error: UnsafePointer<xmlError>) {
        let level = error.pointee.level
        guard level == XML_ERR_ERROR || level == XML_ERR_FATAL else { return }
        // The first fatal error is the one that matters; libxml2 may add follow-on noise.
        guard errors.count < 20 else { return }
        let message = error.pointee.message.map { String(cString: $0) } ?? "malformed XML"
        let location = SourceLocation(path: path, line: max(1, Int(error.pointee.line)),
                                      column: max(1, Int(error.pointee.int2)))
        errors.append(Diagnostic(.xmlSyntax, message.trimmedLine, at: location))
    }
}

/// The parser's structured-error callback: `data` is the parser context (libxml2's `userData`).
private func parserStructuredError(_ data: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {
    guard let data, let error else { return }
    let context = data.assumingMemoryBound(to: xmlParserCtxt.self)
    guard let collectorPointer = context.pointee._private else { return }
    let collector = Unmanaged<ParseCollector>.fromOpaque(collectorPointer).takeUnretainedValue()
    guard collector.doctype == nil else { return }
    collector.record(error)
}

/// SAX `internalSubset`: called on `<!DOCTYPE` before its internal subset is read. Stops the parse.
private func refuseDoctype(
    _ data: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?,
    _ externalID: UnsafePointer<xmlChar>?, _ systemID: UnsafePointer<xmlChar>?
) {
    guard let data else { return }
    let context = data.assumingMemoryBound(to: xmlParserCtxt.self)
    if let collectorPointer = context.pointee._private {
        let collector = Unmanaged<ParseCollector>.fromOpaque(collectorPointer).takeUnretainedValue()
        let line = context.pointee.input.map { Int($0.pointee.line) } ?? 1
        collector.doctype = SourceLocation(path: collector.path, line: max(1, line), column: 1)
    }
    xmlStopParser(context)
}

extension String {
    /// libxml2 messages end in a newline; diagnostics are one line.
    var trimmedLine: String {
        var text = self
        while let last = text.last, last.isNewline || last == " " { text.removeLast() }
        return text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
