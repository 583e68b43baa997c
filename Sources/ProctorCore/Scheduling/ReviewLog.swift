/// One review in a review log: which card, how it was rated, and when.
public struct ReviewLogEntry: Sendable, Hashable {
    /// The 1-based line of the CSV text this review came from.
    public var line: Int
    /// The card reviewed, as written in the log.
    public var cardID: String
    /// The rating given.
    public var rating: Rating
    /// When the review happened.
    public var reviewTime: Timestamp
    /// How long the review took, in milliseconds, when the log says.
    public var reviewDurationMilliseconds: Int?

    /// A review from its parts.
    public init(line: Int, cardID: String, rating: Rating, reviewTime: Timestamp,
                reviewDurationMilliseconds: Int? = nil) {
        self.line = line
        self.cardID = cardID
        self.rating = rating
        self.reviewTime = reviewTime
        self.reviewDurationMilliseconds = reviewDurationMilliseconds
    }
}

/// A review log: reviews of any number of cards, in the order they were written.
///
/// The CSV form has a header naming the columns `card_id`, `rating` and `review_time`, in any order,
/// and optionally `review_duration` (milliseconds, may be left empty). Ratings are 1–4; times are ISO
/// 8601 with a UTC offset. Fields may be quoted with `"` (a doubled `""` inside stands for one).
/// Blank lines are skipped. Rows may be in any order: replay sorts each card's reviews by time, and
/// reviews of one card at the same instant are replayed in the order they were written.
public struct ReviewLog: Sendable, Hashable {
    /// The column names a log may have.
    public static let requiredColumns = ["card_id", "rating", "review_time"]
    /// The optional column.
    public static let optionalColumns = ["review_duration"]

    /// The reviews, in the order written.
    public var entries: [ReviewLogEntry]

    /// A log of the given reviews.
    public init(entries: [ReviewLogEntry]) {
        self.entries = entries
    }

    /// Read a CSV review log, reporting every problem found (with its line) if any.
    ///
    /// The text is read as UTF-8 bytes: line breaks (LF, CRLF, CR), commas, quotes and blanks are
    /// all ASCII, so a field's bytes can be cut out without decoding characters. A million-row log
    /// parses in well under a second (`proctor-bench replay-1m`).
    public static func parse(csv text: String) throws(ReviewLogErrors) -> ReviewLog {
        var text = text
        return try text.withUTF8 { bytes in parse(bytes) }.get()
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<ReviewLog, ReviewLogErrors> {
        var lines = CSVLines(bytes: bytes)
        var header: CSVLines.Line?
        while let line = lines.next() {
            if !line.isBlank {
                header = line
                break
            }
        }
        guard let header else {
            return .failure(ReviewLogErrors(problems: [ReviewLogProblem(line: 1, kind: .noHeader)]))
        }
        var fields = CSVFields()
        let columns: Columns
        switch readHeader(header, fields: &fields) {
        case .success(let found): columns = found
        case .failure(let errors): return .failure(errors)
        }

        var entries: [ReviewLogEntry] = []
        entries.reserveCapacity(lines.remainingBreaks)
        var problems: [ReviewLogProblem] = []
        while let line = lines.next() {
            if !line.isBlank, let entry = readRow(line, fields: &fields, columns: columns, problems: &problems) {
                entries.append(entry)
            }
        }
        guard problems.isEmpty else { return .failure(ReviewLogErrors(problems: problems)) }
        return .success(ReviewLog(entries: entries))
    }

    // MARK: - Reading

    /// Where each column is in a row.
    private struct Columns {
        var count: Int
        var cardID: Int
        var rating: Int
        var reviewTime: Int
        var reviewDuration: Int?
    }

    private static func readHeader(_ line: CSVLines.Line, fields: inout CSVFields) -> Result<Columns, ReviewLogErrors> {
        guard fields.split(line) else {
            return .failure(ReviewLogErrors(problems: [ReviewLogProblem(line: line.number, kind: .unterminatedQuote)]))
        }
        var problems: [ReviewLogProblem] = []
        var positions: [String: Int] = [:]
        for position in 0..<fields.count {
            let name = fields.text(position)
            let known = requiredColumns.contains(name) || optionalColumns.contains(name)
            if !known {
                problems.append(ReviewLogProblem(line: line.number, kind: .unknownColumn(name)))
            } else if positions[name] != nil {
                problems.append(ReviewLogProblem(line: line.number, kind: .duplicateColumn(name)))
            } else {
                positions[name] = position
            }
        }
        for name in requiredColumns where positions[name] == nil {
            problems.append(ReviewLogProblem(line: line.number, kind: .missingColumn(name)))
        }
        guard problems.isEmpty, let cardID = positions["card_id"], let rating = positions["rating"],
              let reviewTime = positions["review_time"]
        else { return .failure(ReviewLogErrors(problems: problems)) }
        return .success(Columns(count: fields.count, cardID: cardID, rating: rating, reviewTime: reviewTime,
                                reviewDuration: positions["review_duration"]))
    }

    /// The review on `line`, or `nil` with its problems added to `problems`.
    private static func readRow(_ line: CSVLines.Line, fields: inout CSVFields, columns: Columns,
                                problems: inout [ReviewLogProblem]) -> ReviewLogEntry? {
        let number = line.number
        guard fields.split(line) else {
            problems.append(ReviewLogProblem(line: number, kind: .unterminatedQuote))
            return nil
        }
        guard fields.count == columns.count else {
            problems.append(ReviewLogProblem(line: number, kind: .fieldCount(expected: columns.count, found: fields.count)))
            return nil
        }
        let problemsBefore = problems.count
        let cardID = fields.text(columns.cardID)
        if cardID.isEmpty { problems.append(ReviewLogProblem(line: number, kind: .emptyCardID)) }

        let rating = fields.rating(columns.rating)
        if rating == nil { problems.append(ReviewLogProblem(line: number, kind: .badRating(fields.text(columns.rating)))) }

        let timeText = fields.text(columns.reviewTime)
        var time: Timestamp?
        switch ISO8601Timestamp.parse(timeText) {
        case .success(let parsed): time = parsed
        case .failure(let problem): problems.append(ReviewLogProblem(line: number, kind: .badTime(timeText, problem)))
        }

        var duration: Int?
        if let column = columns.reviewDuration, !fields.isEmpty(column) {
            if let value = fields.milliseconds(column) {
                duration = value
            } else {
                problems.append(ReviewLogProblem(line: number, kind: .badDuration(fields.text(column))))
            }
        }
        guard problems.count == problemsBefore, let rating, let time else { return nil }
        return ReviewLogEntry(line: number, cardID: cardID, rating: rating, reviewTime: time,
                              reviewDurationMilliseconds: duration)
    }
}

/// The lines of UTF-8 text, split at LF, CRLF or CR and numbered from 1, a byte-order mark dropped
/// from the first.
private struct CSVLines {
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
private struct CSVFields {
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
private enum ASCII {
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

/// One problem in a review log, with the line it is on.
public struct ReviewLogProblem: Sendable, Hashable, CustomStringConvertible {
    /// The 1-based line of the CSV text.
    public var line: Int
    /// What is wrong.
    public var kind: Kind

    /// What can be wrong with a review log.
    public enum Kind: Sendable, Hashable {
        /// The text has no header line.
        case noHeader
        /// A required column is not in the header.
        case missingColumn(String)
        /// The header names a column the log format does not have.
        case unknownColumn(String)
        /// The header names a column twice.
        case duplicateColumn(String)
        /// A row has more or fewer fields than the header.
        case fieldCount(expected: Int, found: Int)
        /// A quoted field is not closed on its line.
        case unterminatedQuote
        /// A row has no card id.
        case emptyCardID
        /// A rating is not 1, 2, 3 or 4.
        case badRating(String)
        /// A review time is not an ISO 8601 date-time with an offset.
        case badTime(String, ISO8601Problem)
        /// A review duration is not a whole number of milliseconds.
        case badDuration(String)
    }

    /// A problem at a line.
    public init(line: Int, kind: Kind) {
        self.line = line
        self.kind = kind
    }

    /// `line N: ...`, for the learner.
    public var description: String {
        "line \(line): " + message
    }

    private var message: String {
        let columns = "expected card_id,rating,review_time and optionally review_duration"
        switch kind {
        case .noHeader:
            return "the log is empty; it needs a header line (\(columns))"
        case .missingColumn(let name):
            return "the header has no \(name) column (\(columns))"
        case .unknownColumn(let name):
            return "the header has an unknown column \"\(name)\" (\(columns))"
        case .duplicateColumn(let name):
            return "the header names the \(name) column twice"
        case .fieldCount(let expected, let found):
            return "expected \(expected) fields as in the header, found \(found)"
        case .unterminatedQuote:
            return "a quoted field is not closed"
        case .emptyCardID:
            return "the card_id is empty"
        case .badRating(let text):
            return "rating \"\(text)\" is not 1-4 (1 Again, 2 Hard, 3 Good, 4 Easy)"
        case .badTime(let text, let problem):
            return "review_time \"\(text)\" \(problem)"
        case .badDuration(let text):
            return "review_duration \"\(text)\" is not a whole number of milliseconds"
        }
    }
}

/// All the problems found in a review log, thrown together.
public struct ReviewLogErrors: Error, Sendable, Hashable, CustomStringConvertible {
    /// The problems, in line order.
    public var problems: [ReviewLogProblem]

    /// One problem a line.
    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}
