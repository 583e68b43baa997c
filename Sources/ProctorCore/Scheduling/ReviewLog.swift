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
