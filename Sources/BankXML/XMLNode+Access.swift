import CLibXML2

/// Small, allocation-light accessors over libxml2 nodes. Only BankXML sees these pointers.
extension UnsafeMutablePointer where Pointee == xmlNode {
    /// The element's local name.
    var localName: String {
        pointee.name.map { String(cString: $0) } ?? ""
    }

    /// The element's namespace URI, if any.
    var namespaceURI: String? {
        pointee.ns?.pointee.href.map { String(cString: $0) }
    }

    /// Whether this is an element of the bank format's namespace with the given local name.
    func isBankElement(_ name: String? = nil) -> Bool {
        guard pointee.type == XML_ELEMENT_NODE, let href = pointee.ns?.pointee.href,
              equals(href, BankSchema.namespace) else { return false }
        guard let name else { return true }
        return pointee.name.map { equals($0, name) } ?? false
    }

    /// Whether this is an `xi:include` element.
    var isXInclude: Bool {
        guard pointee.type == XML_ELEMENT_NODE, let href = pointee.ns?.pointee.href, let name = pointee.name else {
            return false
        }
        return equals(name, "include") && equals(href, BankSchema.xincludeNamespace)
    }

    /// Child elements, in document order.
    var childElements: [xmlNodePtr] {
        var result: [xmlNodePtr] = []
        var current = pointee.children
        while let node = current {
            if node.pointee.type == XML_ELEMENT_NODE { result.append(node) }
            current = node.pointee.next
        }
        return result
    }

    /// The value of an attribute without a namespace (or `xml:` ones by their local name and
    /// `inXMLNamespace`), read straight from the attribute's text children.
    func attribute(_ name: String, inXMLNamespace: Bool = false) -> String? {
        var current = pointee.properties
        while let attribute = current {
            let namespace = attribute.pointee.ns?.pointee.href
            let wanted = inXMLNamespace
                ? namespace.map { equals($0, "http://www.w3.org/XML/1998/namespace") } ?? false
                : namespace == nil
            if wanted, let attributeName = attribute.pointee.name, equals(attributeName, name) {
                var value = ""
                var child = attribute.pointee.children
                while let text = child {
                    if let content = text.pointee.content { value += String(cString: content) }
                    child = text.pointee.next
                }
                return value
            }
            current = attribute.pointee.next
        }
        return nil
    }

    /// The concatenated text of the element's text and CDATA children (not of nested elements).
    var directText: String {
        var value = ""
        var current = pointee.children
        while let node = current {
            if node.pointee.type == XML_TEXT_NODE || node.pointee.type == XML_CDATA_SECTION_NODE,
               let content = node.pointee.content {
                value += String(cString: content)
            }
            current = node.pointee.next
        }
        return value
    }
}

/// Whether a libxml2 string equals `text`, without making a Swift string of it.
@inline(__always)
func equals(_ pointer: UnsafePointer<xmlChar>, _ text: StaticString) -> Bool {
    text.withUTF8Buffer { buffer in
        var index = 0
        while index < buffer.count {
            if pointer[index] != buffer[index] { return false }
            index += 1
        }
        return pointer[index] == 0
    }
}

/// Whether a libxml2 string equals `text`.
@inline(__always)
func equals(_ pointer: UnsafePointer<xmlChar>, _ text: String) -> Bool {
    var text = text
    return text.withUTF8 { buffer in
        var index = 0
        while index < buffer.count {
            if pointer[index] != buffer[index] { return false }
            index += 1
        }
        return pointer[index] == 0
    }
}

/// Text helpers for the bank format's whitespace rules. They work on UTF-8 bytes: banks can hold
/// hundreds of thousands of questions, and Character-level processing dominated load time.
enum TextRules {
    @inline(__always)
    private static func isXMLSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
    }

    /// Runs of whitespace collapsed to one space, ends trimmed.
    static func collapse(_ text: String) -> String {
        var text = text
        return text.withUTF8 { collapse(bytes: $0) }
    }

    /// `collapse` over raw UTF-8 bytes.
    static func collapse(bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { output in
            var count = 0
            var pendingSpace = false
            for byte in bytes {
                if isXMLSpace(byte) {
                    pendingSpace = count > 0
                } else {
                    if pendingSpace { output[count] = 0x20; count += 1 }
                    pendingSpace = false
                    output[count] = byte
                    count += 1
                }
            }
            return count
        }
    }

    /// Paragraphs of flowing text: a blank line separates them; each is collapsed.
    static func paragraphs(_ text: String) -> [String] {
        var text = text
        return text.withUTF8 { bytes in
            var paragraphs: [String] = []
            var start = 0
            var lineStart = 0
            var lineBlank = true
            var index = 0
            func emit(upTo end: Int) {
                guard end > start else { return }
                let paragraph = collapse(bytes: UnsafeBufferPointer(rebasing: bytes[start..<end]))
                if !paragraph.isEmpty { paragraphs.append(paragraph) }
            }
            while index <= bytes.count {
                let atEnd = index == bytes.count
                if atEnd || bytes[index] == 0x0A {
                    if lineBlank, !atEnd {
                        emit(upTo: lineStart)
                        start = index + 1
                    }
                    lineStart = index + 1
                    lineBlank = true
                } else if !isXMLSpace(bytes[index]) {
                    lineBlank = false
                }
                index += 1
            }
            emit(upTo: bytes.count)
            return paragraphs
        }
    }

    /// Exhibit text as written, less the blank first and last lines, trailing spaces and the
    /// indentation common to every line (authors indent XML; the exhibit should not inherit it).
    static func preformatted(_ text: String) -> String {
        var lines = text.replacing("\r\n", with: "\n").replacing("\t", with: "    ")
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { line -> Substring in
                var line = line
                while line.last == " " { line.removeLast() }
                return line
            }
        while lines.first?.isEmpty == true { lines.removeFirst() }
        while lines.last?.isEmpty == true { lines.removeLast() }
        let indent = lines.filter { !$0.isEmpty }.map { $0.prefix { $0 == " " }.count }.min() ?? 0
        return lines.map { $0.isEmpty ? "" : String($0.dropFirst(indent)) }.joined(separator: "\n")
    }

    /// A stem reduced for duplicate detection: lowercase letters and digits, single spaces.
    static func normalisedForComparison(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            String(unsafeUninitializedCapacity: bytes.count * 3 + 1) { output in
                var count = 0
                var pendingSpace = false
                var index = 0
                while index < bytes.count {
                    let byte = bytes[index]
                    if byte < 0x80 {
                        // ASCII, the common case: classify and lowercase the byte itself.
                        let kept: UInt8
                        switch byte {
                        case 0x30...0x39, 0x61...0x7A: kept = byte
                        case 0x41...0x5A: kept = byte + 0x20
                        default:
                            pendingSpace = true
                            index += 1
                            continue
                        }
                        if pendingSpace, count > 0 { output[count] = 0x20; count += 1 }
                        pendingSpace = false
                        output[count] = kept
                        count += 1
                        index += 1
                        continue
                    }
                    var length = 1
                    while index + length < bytes.count, bytes[index + length] & 0xC0 == 0x80 { length += 1 }
                    let scalar = String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<(index + length)]), as: UTF8.self)
                        .unicodeScalars.first
                    if let scalar, scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                        if pendingSpace, count > 0 { output[count] = 0x20; count += 1 }
                        pendingSpace = false
                        // A lowercase mapping is at most three scalars of four bytes; capacity allows it.
                        for unit in scalar.properties.lowercaseMapping.utf8 where count < output.count {
                            output[count] = unit
                            count += 1
                        }
                    } else {
                        pendingSpace = true
                    }
                    index += length
                }
                return count
            }
        }
    }
}
