import CLibXML2

/// The bank format's XML Schema, compiled once and used to validate every bank file.
final class SchemaValidator: @unchecked Sendable {
    // libxml2's compiled schema is read-only once built and may be shared; validation contexts are
    // made per document. The lock only guards the one-time construction.
    private let schema: xmlSchemaPtr

    /// The schema shipped with the package (embedded at build time).
    static let shared: SchemaValidator? = SchemaValidator(xsd: BankSchema.text)

    /// Compiles `xsd`; nil when libxml2 rejects it (a packaging bug, caught by the tests).
    init?(xsd: String) {
        let bytes = Array(xsd.utf8)
        let parsed: xmlSchemaPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress?.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                guard let parser = xmlSchemaNewMemParserCtxt(pointer, Int32(buffer.count)) else { return nil }
                defer { xmlSchemaFreeParserCtxt(parser) }
                xmlSchemaSetParserStructuredErrors(parser, ignoreStructuredError, nil)
                return xmlSchemaParse(parser)
            }
        }
        guard let parsed else { return nil }
        schema = parsed
    }

    deinit { xmlSchemaFree(schema) }

    /// Validates `document`; each schema error is located at the element it names.
    func validate(_ document: XMLDocument) -> [Diagnostic] {
        guard let context = xmlSchemaNewValidCtxt(schema) else {
            return [Diagnostic(.schema, "libxml2 could not allocate a schema validator",
                               at: SourceLocation(path: document.source.path, line: 1, column: 1))]
        }
        defer { xmlSchemaFreeValidCtxt(context) }
        let collector = SchemaCollector(document: document)
        let unmanaged = Unmanaged.passRetained(collector)
        defer { unmanaged.release() }
        xmlSchemaSetValidStructuredErrors(context, schemaStructuredError, unmanaged.toOpaque())
        _ = xmlSchemaValidateDoc(context, document.tree)
        return collector.diagnostics
    }
}

/// Collects a document's schema errors, translating libxml2's wording for people.
final class SchemaCollector {
    let document: XMLDocument
    var diagnostics: [Diagnostic] = []

    init(document: XMLDocument) { self.document = document }

    func record(_ error: UnsafePointer<xmlError>) {
        guard diagnostics.count < 200 else { return }
        let raw = error.pointee.message.map { String(cString: $0) } ?? "rejected by the schema"
        let location: SourceLocation
        if let node = error.pointee.node?.assumingMemoryBound(to: xmlNode.self) {
            var element = node
            if node.pointee.type == XML_ATTRIBUTE_NODE, let parent = node.pointee.parent {
                element = parent
            }
            let attribute = node.pointee.type == XML_ATTRIBUTE_NODE
                ? node.pointee.name.map { String(cString: $0) } : nil
            location = document.location(of: element, attribute: attribute)
        } else {
            location = SourceLocation(path: document.source.path, line: max(1, Int(error.pointee.line)), column: 1)
        }
        diagnostics.append(Diagnostic(.schema, Self.humanise(raw.trimmedLine), at: location))
    }

    /// libxml2 names elements as `{urn:proctor:bank:1}option`; the namespace is noise to an author.
    static func humanise(_ message: String) -> String {
        var text = message.replacing("{urn:proctor:bank:1}", with: "")
        if text.hasPrefix("Element '") {
            text = "element '" + text.dropFirst("Element '".count)
        }
        return text
    }
}

private func schemaStructuredError(_ data: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {
    guard let data, let error else { return }
    Unmanaged<SchemaCollector>.fromOpaque(data).takeUnretainedValue().record(error)
}

private func ignoreStructuredError(_ data: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {}
