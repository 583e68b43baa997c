import Foundation
import ProctorCore
import Testing

/// `ReviewLog.parse` reads UTF-8 bytes: the same rows, problems and line numbers as reading
/// characters, at a fraction of the cost (`proctor-bench replay-1m`).
@Suite("Study: review log parsing on bytes")
struct StudyReviewLogParsingTests {
    @Test("LF, CRLF and lone CR all end lines; blank lines of spaces and tabs count but are skipped")
    func lineBreaks() throws {
        let csv = "\u{FEFF}card_id,rating,review_time\r\n"
            + "a,3,2022-11-29T12:30:00Z\r"
            + " \t \n"
            + "b,2,2022-11-29T12:30:00Z\n"
            + "\r\n"
            + "c,5,2022-11-29T12:30:00Z\r\n"
            + "d,4,2022-11-29T12:30:00Z"
        #expect(reviewLogProblems(csv) == [ReviewLogProblem(line: 6, kind: .badRating("5"))])
        let log = try ReviewLog.parse(csv: csv.replacingOccurrences(of: "c,5", with: "c,1"))
        #expect(log.entries.map(\.line) == [2, 4, 6, 7])
        #expect(log.entries.map(\.cardID) == ["a", "b", "c", "d"])
    }

    @Test("card ids keep any UTF-8; commas, quotes and blanks are the only bytes that cut or trim")
    func unicodeFields() throws {
        let csv = """
            review_time,rating,card_id
            2022-11-29T12:30:00Z,3,\u{301}combining first
            2022-11-29T12:30:00Z,3,"\u{301}quoted"
            2022-11-29T12:30:00Z,3,  日本語 👍🏽\t
            2022-11-29T12:30:00Z,3,"a ""b"", c"  \t
            """
        let log = try ReviewLog.parse(csv: csv)
        // A combining mark after the comma or the quote does not hide it, as it would in a Character.
        #expect(log.entries.map(\.cardID) == ["\u{301}combining first", "\u{301}quoted", "日本語 👍🏽", "a \"b\", c"])
    }

    @Test("a field with a quote inside it is kept as written; a quote left open is reported")
    func quotes() {
        let csv = """
            card_id,rating,review_time
            x"y,3,2022-11-29T12:30:00Z
            "x"y,3,2022-11-29T12:30:00Z
            "x,3,2022-11-29T12:30:00Z
            ,3,2022-11-29T12:30:00Z
            """
        #expect(reviewLogProblems(csv) == [
            ReviewLogProblem(line: 4, kind: .unterminatedQuote),
            ReviewLogProblem(line: 5, kind: .emptyCardID),
        ])
        let parsed = try? ReviewLog.parse(csv: "card_id,rating,review_time\nx\"y,3,2022-11-29T12:30:00Z\n\"x\"y,+3,2022-11-29T12:30:00Z")
        #expect(parsed?.entries.map(\.cardID) == ["x\"y", "xy"])
        #expect(parsed?.entries.map(\.rating) == [.good, .good])
    }
}
