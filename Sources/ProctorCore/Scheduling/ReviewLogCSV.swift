// The byte-level CSV reading behind `ReviewLog.parse`.

/// The lines of UTF-8 text, split at LF, CRLF or CR and numbered from 1, a byte-order mark dropped
/// from the first.
struct CSVLines {
    /// One line: where its bytes are (without the break) and its number.
    struct Line {
        let bytes: UnsafeBufferPointer<UInt8>
        let range: Range<Int>
        let number: Int

        /// Whether the line holds nothing but spaces and tabs.
        var isBlank: Bool {
            for index in range where bytes[index] != ASCII.space && bytes[index] != ASCII.tab { return false }
            return true
        }
    }

    let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0
    private var number = 0
    private var done = false

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// How many line breaks are left: at most the number of rows still to come. Counting them
    /// first costs a few milliseconds for a million rows, less than growing the array of entries.
    var remainingBreaks: Int {
        var count = 0
        var index = position
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == ASCII.lineFeed {
                count += 1
            } else if byte == ASCII.carriageReturn {
                count += 1
                if index < bytes.count && bytes[index] == ASCII.lineFeed { index += 1 }
            }
        }
        return count
    }

    /// The next line; after the last break there is one more, empty line, as `split` would give.
    mutating func next() -> Line? {
        guard !done else { return nil }
        number += 1
        var start = position
        var end = start
        while end < bytes.count && bytes[end] != ASCII.lineFeed && bytes[end] != ASCII.carriageReturn { end += 1 }
        if end == bytes.count {
            done = true
            position = end
        } else if bytes[end] == ASCII.carriageReturn && end + 1 < bytes.count && bytes[end + 1] == ASCII.lineFeed {
            position = end + 2
        } else {
            position = end + 1
        }
        if number == 1 && end - start >= 3 && bytes[start] == 0xEF && bytes[start + 1] == 0xBB && bytes[start + 2] == 0xBF {
            start += 3  // U+FEFF, the byte-order mark
        }
        return Line(bytes: bytes, range: start..<end, number: number)
    }
}

/// The comma-separated fields of one line at a time, unquoted and trimmed, as byte ranges of the
/// line (or, for a field whose quotes had to be undone, bytes of its own), reused from line to line.
///
/// A field is trimmed of spaces and tabs unless it was quoted. A quote opens a quoted field only as
/// its first non-blank byte; inside, `""` stands for one `"`. After the closing quote, blanks are
/// dropped and anything else up to the comma is kept as it is.
struct CSVFields {
    /// Where a field's bytes are.
    private enum Field {
        /// A range of the line.
        case span(Range<Int>)
        /// A position in `unquoted` with this many bytes.
        case unquoted(start: Int, count: Int)
    }

    private var bytes = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    private var fields: [Field] = []
    /// The bytes of the line's quoted fields, as undone.
    private var unquoted: [UInt8] = []

    /// The number of fields of the line last split.
    var count: Int { fields.count }

    /// Splits `line` into its fields; `false` when a quote is not closed.
    mutating func split(_ line: CSVLines.Line) -> Bool {
        bytes = line.bytes
        fields.removeAll(keepingCapacity: true)
        unquoted.removeAll(keepingCapacity: true)
        var index = line.range.lowerBound
        let end = line.range.upperBound
        while true {
            // An unquoted field runs to the next comma; a quote after blanks alone opens a quoted one.
            let start = index
            while index < end && bytes[index] != ASCII.comma && bytes[index] != ASCII.quote { index += 1 }
            if index < end && bytes[index] == ASCII.quote {
                guard let next = splitQuoted(from: start, quote: index, end: end) else { return false }
                index = next
            } else {
                fields.append(.span(trimmed(start..<index)))
            }
            guard index < end else { return true }
            index += 1  // the comma
        }
    }

    /// Reads a field with a quote in it, from `start` to the comma or `end`; returns where it
    /// stopped, or `nil` when a quote is not closed.
    private mutating func splitQuoted(from start: Int, quote: Int, end: Int) -> Int? {
        let first = unquoted.count
        var index = quote
        var quoted = false
        var inQuotes = false
        // Bytes before the quote: if they are all blank, the quote opens the field.
        if trimmed(start..<quote).isEmpty {
            quoted = true
            inQuotes = true
            index += 1
        } else {
            unquoted.append(contentsOf: bytes[start..<quote])
        }
        while index < end {
            let byte = bytes[index]
            index += 1
            if inQuotes {
                if byte == ASCII.quote {
                    if index < end && bytes[index] == ASCII.quote {
                        unquoted.append(ASCII.quote)
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    unquoted.append(byte)
                }
            } else if quoted && (byte == ASCII.space || byte == ASCII.tab) {
                continue  // blanks between a closing quote and the comma
            } else if byte == ASCII.comma {
                index -= 1
                break
            } else if byte == ASCII.quote && isBlank(unquoted[first...]) {
                unquoted.removeSubrange(first...)
                quoted = true
                inQuotes = true
            } else {
                unquoted.append(byte)
            }
        }
        guard !inQuotes else { return nil }
        var lower = first
        var upper = unquoted.count
        if !quoted {
            while lower < upper && isBlank(unquoted[lower]) { lower += 1 }
            while upper > lower && isBlank(unquoted[upper - 1]) { upper -= 1 }
        }
        fields.append(.unquoted(start: lower, count: upper - lower))
        return index
    }

    /// The field's text.
    func text(_ position: Int) -> String {
        switch fields[position] {
        case .span(let range): String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        case .unquoted(let start, let count): String(decoding: unquoted[start..<start + count], as: UTF8.self)
        }
    }

    /// Whether the field is empty.
    func isEmpty(_ position: Int) -> Bool {
        switch fields[position] {
        case .span(let range): range.isEmpty
        case .unquoted(_, let count): count == 0
        }
    }

    /// The field as a rating, if it is one: a lone digit 1-4 read at once, anything else as `Int` reads it.
    func rating(_ position: Int) -> Rating? {
        if case .span(let range) = fields[position], range.count == 1,
           (ASCII.one...ASCII.four).contains(bytes[range.lowerBound]) {
            return Rating(rawValue: Int(bytes[range.lowerBound] - ASCII.zero))
        }
        return Int(text(position)).flatMap(Rating.init(rawValue:))
    }

    /// The field as a whole, non-negative number of milliseconds, if it is one.
    func milliseconds(_ position: Int) -> Int? {
        if case .span(let range) = fields[position], (1...18).contains(range.count),
           range.allSatisfy({ (ASCII.zero...ASCII.nine).contains(bytes[$0]) }) {
            return range.reduce(0) { $0 * 10 + Int(bytes[$1] - ASCII.zero) }
        }
        return Int(text(position)).flatMap { $0 >= 0 ? $0 : nil }
    }

    private func trimmed(_ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper && isBlank(bytes[lower]) { lower += 1 }
        while upper > lower && isBlank(bytes[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    private func isBlank(_ byte: UInt8) -> Bool { byte == ASCII.space || byte == ASCII.tab }

    private func isBlank(_ slice: ArraySlice<UInt8>) -> Bool { slice.allSatisfy(isBlank) }
}

/// The bytes a CSV review log is cut at.
enum ASCII {
    static let tab = UInt8(ascii: "\t")
    static let lineFeed = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " ")
    static let quote = UInt8(ascii: "\"")
    static let comma = UInt8(ascii: ",")
    static let zero = UInt8(ascii: "0")
    static let one = UInt8(ascii: "1")
    static let four = UInt8(ascii: "4")
    static let nine = UInt8(ascii: "9")
}
