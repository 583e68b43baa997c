#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A bank file's bytes as UTF-8, with what is needed to turn a byte offset into line and column.
///
/// UTF-16 files (with a BOM) are transcoded and a UTF-8 BOM is dropped before libxml2 sees the
/// bytes, so every later step — parsing, positions, the start-tag index — works on one encoding.
struct SourceText {
    /// Largest bank file read; bigger files are refused before parsing.
    static let maximumFileSize = 64 * 1024 * 1024

    let path: String
    let utf8: [UInt8]
    /// Byte offset where each line starts (line 1 at index 0).
    private(set) var lineStarts: [Int]
    /// Byte offsets of element start tags, in document order.
    private(set) var startTags: [Int]
    /// The first start tag past `maximumAttributesPerTag`, `maximumNamespacesInScope` or
    /// `maximumDepth`, and what it breaks; such a file is refused before libxml2 sees it (and is
    /// indexed only up to there).
    private(set) var excess: (offset: Int, message: String)?
    /// Scalar counts for columns far into long lines; built on first use.
    private let columnIndex = ColumnIndex()

    /// Most attributes (namespace declarations included) one start tag may have: libxml2 checks
    /// each attribute against every earlier one of its tag, so 100,000 of them take minutes.
    static let maximumAttributesPerTag = 64
    /// Most namespace declarations in scope at once (on an element and its ancestors): libxml2
    /// looks every name's namespace up through all of them, so thousands make parsing quadratic.
    /// Declarations on siblings, however many, do not add up.
    static let maximumNamespacesInScope = 64
    /// Deepest nesting of elements: libxml2's own limit (without `XML_PARSE_HUGE`), checked here
    /// too so that a deep file is refused without indexing all of it.
    static let maximumDepth = 256

    /// Problems with the bytes themselves, found while reading.
    enum ReadError: Error {
        case unreadable(String)
        case notRegularFile
        case tooLarge(Int)
        case badUTF16
    }

    /// Reads and normalises the file at `path`, reporting it as `displayPath`.
    init(contentsOf path: String, displayPath: String) throws(ReadError) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw .unreadable(String(cString: strerror(errno)))
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw .notRegularFile }
        guard info.st_size <= Self.maximumFileSize else { throw .tooLarge(Int(info.st_size)) }
        guard let file = fopen(path, "rb") else {
            throw .unreadable(String(cString: strerror(errno)))
        }
        defer { fclose(file) }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        let count = bytes.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
        bytes.removeSubrange(count...)
        try self.init(path: displayPath, bytes: bytes)
    }

    /// Normalises `bytes` read from `path`.
    init(path: String, bytes: [UInt8]) throws(ReadError) {
        self.path = path
        self.utf8 = try Self.normalisedUTF8(bytes)
        self.lineStarts = []
        self.startTags = []
        indexLinesAndTags()
    }

    private static func normalisedUTF8(_ bytes: [UInt8]) throws(ReadError) -> [UInt8] {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return Array(bytes.dropFirst(3)) }
        let littleEndian: Bool
        if bytes.starts(with: [0xFF, 0xFE]) {
            littleEndian = true
        } else if bytes.starts(with: [0xFE, 0xFF]) {
            littleEndian = false
        } else {
            return bytes
        }
        guard bytes.count % 2 == 0 else { throw .badUTF16 }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2 - 1)
        var index = 2
        while index + 1 < bytes.count {
            let (first, second) = (UInt16(bytes[index]), UInt16(bytes[index + 1]))
            units.append(littleEndian ? first | second << 8 : first << 8 | second)
            index += 2
        }
        var output: [UInt8] = []
        output.reserveCapacity(units.count * 2)
        var decoder = UTF16()
        var iterator = units.makeIterator()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): output.append(contentsOf: UTF8.encode(scalar).map(Array.init) ?? [])
            case .emptyInput: return output
            case .error: throw .badUTF16
            }
        }
    }

    /// One pass over the bytes: line starts, and the offset of every start tag outside comments,
    /// processing instructions, CDATA and the DOCTYPE, so the n-th element of the parsed tree can be
    /// located without libxml2 (which keeps no columns).
    private mutating func indexLinesAndTags() {
        var lines = [0]
        var tags: [Int] = []
        // Open elements that declare namespaces (depth, count), and their declarations' sum.
        var depth = 0
        var declaringElements: [(depth: Int, count: Int)] = []
        var namespacesInScope = 0
        var excess: (offset: Int, message: String)?
        utf8.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return }
            let end = bytes.count
            /// Notes the start of every line that begins in `start..<stop`, jumping with memchr.
            func newlines(from start: Int, to stop: Int) {
                var position = start
                while position < stop, let found = memchr(base + position, 0x0A, stop - position) {
                    position = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
                    lines.append(position)
                }
            }
            /// The offset just past the next `terminator` at or after `start` (or the end).
            func skip(past terminator: StaticString, from start: Int) -> Int {
                let count = terminator.utf8CodeUnitCount
                var position = start
                while position + count <= end {
                    guard let found = memchr(base + position, Int32(terminator.utf8Start.pointee), end - position) else { break }
                    let offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    if offset + count <= end, memcmp(base + offset, terminator.utf8Start, count) == 0 {
                        newlines(from: start, to: offset)
                        return offset + count
                    }
                    position = offset + 1
                }
                newlines(from: start, to: end)
                return end
            }
            func matches(_ text: StaticString, at offset: Int) -> Bool {
                offset + text.utf8CodeUnitCount <= end && memcmp(base + offset, text.utf8Start, text.utf8CodeUnitCount) == 0
            }
            var index = 0
            while index < end {
                // Text between tags is most of a bank: jump over it.
                guard let found = memchr(base + index, Int32(UInt8(ascii: "<")), end - index) else {
                    newlines(from: index, to: end)
                    break
                }
                let tag = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                newlines(from: index, to: tag)
                guard tag + 1 < end else { break }
                if matches("<!--", at: tag) {
                    index = skip(past: "-->", from: tag + 4)
                } else if matches("<![CDATA[", at: tag) {
                    index = skip(past: "]]>", from: tag + 9)
                } else if matches("<?", at: tag) {
                    index = skip(past: "?>", from: tag + 2)
                } else if matches("</", at: tag) {
                    if let last = declaringElements.last, last.depth == depth {
                        namespacesInScope -= last.count
                        declaringElements.removeLast()
                    }
                    depth -= 1
                    index = skip(past: ">", from: tag + 2)
                } else if matches("<!", at: tag) {
                    index = skip(past: ">", from: tag + 2)
                } else {
                    tags.append(tag)
                    // Skip the tag, honouring quotes: an attribute value may hold '>'. Each value
                    // opens a quote, so counting them counts the attributes.
                    var position = tag + 1
                    var quote: UInt8 = 0
                    var attributes = 0
                    var declarations = 0
                    while position < end {
                        let byte = bytes[position]
                        if byte == 0x0A { lines.append(position + 1) }
                        if quote != 0 {
                            if byte == quote { quote = 0 }
                        } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                            quote = byte
                            attributes += 1
                        } else if byte == UInt8(ascii: ">") {
                            break
                        } else if byte == UInt8(ascii: "x"), matches("xmlns", at: position),
                                  position + 5 < end, [UInt8(ascii: ":"), UInt8(ascii: "="), 0x20, 0x09, 0x0A, 0x0D].contains(bytes[position + 5]),
                                  [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position - 1]) {
                            declarations += 1
                        }
                        position += 1
                    }
                    let selfClosing = position < end && bytes[position - 1] == UInt8(ascii: "/")
                    if !selfClosing {
                        depth += 1
                        if declarations > 0 { declaringElements.append((depth, declarations)) }
                        namespacesInScope += declarations
                    }
                    if attributes > Self.maximumAttributesPerTag {
                        excess = (tag, "an element has more than \(Self.maximumAttributesPerTag) attributes; no bank element needs that many")
                    } else if namespacesInScope + (selfClosing ? declarations : 0) > Self.maximumNamespacesInScope {
                        excess = (tag, "more than \(Self.maximumNamespacesInScope) namespace declarations are in scope here; a bank needs two")
                    } else if depth > Self.maximumDepth {
                        excess = (tag, "elements are nested more than \(Self.maximumDepth) deep (the maximum depth)")
                    }
                    if excess != nil { break }
                    index = position + 1
                }
            }
        }
        lineStarts = lines
        startTags = tags
        self.excess = excess
    }

    /// Line and column (both 1-based, column in characters) of a byte offset.
    func location(ofByte offset: Int) -> SourceLocation {
        let clamped = max(0, min(offset, utf8.count))
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= clamped { low = mid } else { high = mid - 1 }
        }
        let lineStart = lineStarts[low]
        let column: Int
        if clamped - lineStart <= ColumnIndex.blockSize {
            column = scalars(from: lineStart, to: clamped) + 1
        } else {
            // Far into a long line (a minified bank is one line): counting from the line's start
            // for every location would make loading quadratic.
            column = scalars(before: clamped) - scalars(before: lineStart) + 1
        }
        return SourceLocation(path: path, line: low + 1, column: column)
    }

    /// Scalars (UTF-8 lead bytes) in `start..<stop`.
    private func scalars(from start: Int, to stop: Int) -> Int {
        var count = 0
        var i = start
        while i < stop {
            if utf8[i] & 0xC0 != 0x80 { count += 1 }
            i += 1
        }
        return count
    }

    /// Scalars before `offset`, from the block index (made on first use).
    private func scalars(before offset: Int) -> Int {
        let blockSize = ColumnIndex.blockSize
        if columnIndex.scalarsBeforeBlock.isEmpty {
            var counts = [0]
            counts.reserveCapacity(utf8.count / blockSize + 1)
            var start = 0
            while start + blockSize <= utf8.count {
                counts.append(counts[counts.count - 1] + scalars(from: start, to: start + blockSize))
                start += blockSize
            }
            columnIndex.scalarsBeforeBlock = counts
        }
        let block = offset / blockSize
        return columnIndex.scalarsBeforeBlock[block] + scalars(from: block * blockSize, to: offset)
    }

    /// The location of the element with this document-order index, or of one of its attributes.
    func location(ofElement ordinal: Int, attribute: String? = nil) -> SourceLocation {
        guard ordinal >= 0, ordinal < startTags.count else {
            return SourceLocation(path: path, line: 1, column: 1)
        }
        let tagStart = startTags[ordinal]
        guard let attribute else { return location(ofByte: tagStart) }
        return location(ofByte: attributeOffset(attribute, inTagAt: tagStart) ?? tagStart)
    }

    /// The offset of `name=` inside the start tag at `tagStart`, if present.
    private func attributeOffset(_ name: String, inTagAt tagStart: Int) -> Int? {
        let needle = Array(name.utf8)
        var i = tagStart + 1
        var quote: UInt8 = 0
        var previous: UInt8 = 0
        while i < utf8.count {
            let c = utf8[i]
            if quote != 0 {
                if c == quote { quote = 0 }
            } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                quote = c
            } else if c == UInt8(ascii: ">") {
                return nil
            } else if (previous == 0x20 || previous == 0x0A || previous == 0x09 || previous == 0x0D),
                      i + needle.count <= utf8.count, utf8[i..<(i + needle.count)].elementsEqual(needle) {
                var j = i + needle.count
                while j < utf8.count, utf8[j] == 0x20 || utf8[j] == 0x09 || utf8[j] == 0x0A || utf8[j] == 0x0D { j += 1 }
                if j < utf8.count, utf8[j] == UInt8(ascii: "=") { return i }
            }
            previous = c
            i += 1
        }
        return nil
    }
}

/// Scalars before every 4 KiB boundary of a file, for columns far into long lines.
///
/// A reference type so that `SourceText` stays a value with non-mutating lookups; it is filled on
/// the first such lookup. A source is read by one thread at a time (each file is parsed and read
/// on one), so the lazy fill needs no lock.
private final class ColumnIndex {
    static let blockSize = 4096
    /// Entry `k`: scalars in the file's first `k * blockSize` bytes.
    var scalarsBeforeBlock: [Int] = []
}
