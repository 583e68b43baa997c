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
    public static func parse(csv text: String) throws(ReviewLogErrors) -> ReviewLog {
        // "\r\n" is a single Character in Swift, so it must be named as a separator of its own.
        var lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        if let first = lines.first, first.hasPrefix("\u{FEFF}") { lines[0] = first.dropFirst() }

        guard let headerIndex = lines.firstIndex(where: { !isBlank($0) }) else {
            throw ReviewLogErrors(problems: [ReviewLogProblem(line: 1, kind: .noHeader)])
        }
        let headerLine = headerIndex + 1
        let columns: Columns
        switch readHeader(lines[headerIndex], line: headerLine) {
        case .success(let found): columns = found
        case .failure(let errors): throw errors
        }

        var entries: [ReviewLogEntry] = []
        var problems: [ReviewLogProblem] = []
        for index in lines.indices where index > headerIndex && !isBlank(lines[index]) {
            switch readRow(lines[index], line: index + 1, columns: columns) {
            case .success(let entry): entries.append(entry)
            case .failure(let errors): problems += errors.problems
            }
        }
        guard problems.isEmpty else { throw ReviewLogErrors(problems: problems) }
        return ReviewLog(entries: entries)
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

    private static func isBlank(_ line: Substring) -> Bool {
        line.allSatisfy { $0 == " " || $0 == "\t" }
    }

    private static func readHeader(_ text: Substring, line: Int) -> Result<Columns, ReviewLogErrors> {
        let names: [String]
        switch splitFields(text) {
        case .some(let fields): names = fields
        case .none: return .failure(ReviewLogErrors(problems: [ReviewLogProblem(line: line, kind: .unterminatedQuote)]))
        }
        var problems: [ReviewLogProblem] = []
        var positions: [String: Int] = [:]
        for (position, name) in names.enumerated() {
            let known = requiredColumns.contains(name) || optionalColumns.contains(name)
            if !known {
                problems.append(ReviewLogProblem(line: line, kind: .unknownColumn(name)))
            } else if positions[name] != nil {
                problems.append(ReviewLogProblem(line: line, kind: .duplicateColumn(name)))
            } else {
                positions[name] = position
            }
        }
        for name in requiredColumns where positions[name] == nil {
            problems.append(ReviewLogProblem(line: line, kind: .missingColumn(name)))
        }
        guard problems.isEmpty, let cardID = positions["card_id"], let rating = positions["rating"],
              let reviewTime = positions["review_time"]
        else { return .failure(ReviewLogErrors(problems: problems)) }
        return .success(Columns(count: names.count, cardID: cardID, rating: rating, reviewTime: reviewTime,
                                reviewDuration: positions["review_duration"]))
    }

    private static func readRow(_ text: Substring, line: Int, columns: Columns) -> Result<ReviewLogEntry, ReviewLogErrors> {
        guard let fields = splitFields(text) else {
            return .failure(ReviewLogErrors(problems: [ReviewLogProblem(line: line, kind: .unterminatedQuote)]))
        }
        guard fields.count == columns.count else {
            return .failure(ReviewLogErrors(problems: [
                ReviewLogProblem(line: line, kind: .fieldCount(expected: columns.count, found: fields.count)),
            ]))
        }
        var problems: [ReviewLogProblem] = []
        let cardID = fields[columns.cardID]
        if cardID.isEmpty { problems.append(ReviewLogProblem(line: line, kind: .emptyCardID)) }

        let ratingText = fields[columns.rating]
        let rating = Int(ratingText).flatMap(Rating.init(rawValue:))
        if rating == nil { problems.append(ReviewLogProblem(line: line, kind: .badRating(ratingText))) }

        let timeText = fields[columns.reviewTime]
        var time: Timestamp?
        switch ISO8601Timestamp.parse(timeText) {
        case .success(let parsed): time = parsed
        case .failure(let problem): problems.append(ReviewLogProblem(line: line, kind: .badTime(timeText, problem)))
        }

        var duration: Int?
        if let column = columns.reviewDuration, !fields[column].isEmpty {
            let durationText = fields[column]
            if let value = Int(durationText), value >= 0 {
                duration = value
            } else {
                problems.append(ReviewLogProblem(line: line, kind: .badDuration(durationText)))
            }
        }
        guard problems.isEmpty, let rating, let time else { return .failure(ReviewLogErrors(problems: problems)) }
        return .success(ReviewLogEntry(line: line, cardID: cardID, rating: rating, reviewTime: time,
                                       reviewDurationMilliseconds: duration))
    }

    /// The comma-separated fields of a line, unquoted and trimmed; `nil` if a quote is not closed.
    private static func splitFields(_ line: Substring) -> [String]? {
        var fields: [String] = []
        var field = ""
        var quoted = false
        var inQuotes = false
        var characters = line.makeIterator()
        var pending = characters.next()
        while let character = pending {
            pending = characters.next()
            if inQuotes {
                if character == "\"" {
                    if pending == "\"" {
                        field.append("\"")
                        pending = characters.next()
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.append(character)
                }
            } else if quoted && (character == " " || character == "\t") {
                continue  // blanks between a closing quote and the comma
            } else if character == "," {
                fields.append(quoted ? field : trimmed(field))
                field = ""
                quoted = false
            } else if character == "\"" && trimmed(field).isEmpty {
                field = ""
                quoted = true
                inQuotes = true
            } else {
                field.append(character)
            }
        }
        guard !inQuotes else { return nil }
        fields.append(quoted ? field : trimmed(field))
        return fields
    }

    private static func trimmed(_ text: String) -> String {
        String(text.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
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
