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
        guard pointee.type == XML_ELEMENT_NODE, namespaceURI == BankSchema.namespace else { return false }
        return name.map { $0 == localName } ?? true
    }

    /// Whether this is an `xi:include` element.
    var isXInclude: Bool {
        pointee.type == XML_ELEMENT_NODE && localName == "include" && namespaceURI == BankSchema.xincludeNamespace
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
            let attributeName = attribute.pointee.name.map { String(cString: $0) }
            let namespace = attribute.pointee.ns?.pointee.href.map { String(cString: $0) }
            let wanted = inXMLNamespace ? namespace == "http://www.w3.org/XML/1998/namespace" : namespace == nil
            if attributeName == name, wanted {
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

/// Text helpers for the bank format's whitespace rules.
enum TextRules {
    /// Runs of whitespace collapsed to one space, ends trimmed.
    static func collapse(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for character in text {
            if character.isWhitespace {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(" ") }
                pendingSpace = false
                result.append(character)
            }
        }
        return result
    }

    /// Paragraphs of flowing text: a blank line separates them; each is collapsed.
    static func paragraphs(_ text: String) -> [String] {
        var paragraphs: [String] = []
        var current: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.allSatisfy(\.isWhitespace) {
                if !current.isEmpty { paragraphs.append(collapse(current.joined(separator: " "))) }
                current = []
            } else {
                current.append(line)
            }
        }
        if !current.isEmpty { paragraphs.append(collapse(current.joined(separator: " "))) }
        return paragraphs.filter { !$0.isEmpty }
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
        var result = ""
        var pendingSpace = false
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                if pendingSpace, !result.isEmpty { result.append(" ") }
                pendingSpace = false
                result.append(character)
            } else {
                pendingSpace = true
            }
        }
        return result
    }
}
