import ProctorCore
import Testing

/// The CSV review log of design/cli.md, its ISO 8601 times, and replay order.
@Suite("FSRS review log")
struct FSRSReviewLogTests {
    @Test("a well-formed log with every column, a BOM, CRLF, quotes and blank lines")
    func wellFormed() throws {
        let csv = "\u{FEFF}card_id,rating,review_time,review_duration\r\n"
            + "\"aws-saa-0017\",3,2022-11-29T12:30:00Z,5400\r\n"
            + "\r\n"
            + " \"q,with \"\"quote\"\"\" , 1 ,2022-11-29T13:30:00.25+01:00,\r\n"
        let log = try ReviewLog.parse(csv: csv)
        #expect(log.entries.count == 2)
        #expect(log.entries[0] == ReviewLogEntry(line: 2, cardID: "aws-saa-0017", rating: .good,
                                                 reviewTime: Timestamp(secondsSince1970: 1_669_725_000),
                                                 reviewDurationMilliseconds: 5400))
        #expect(log.entries[1].line == 4)
        #expect(log.entries[1].cardID == "q,with \"quote\"")
        #expect(log.entries[1].rating == .again)
        #expect(log.entries[1].reviewTime == Timestamp(secondsSince1970: 1_669_725_000.25))
        #expect(log.entries[1].reviewDurationMilliseconds == nil)
    }

    @Test("columns may come in any order; a header alone is an empty log")
    func columnOrder() throws {
        let log = try ReviewLog.parse(csv: "rating,review_time,card_id\n4,2024-02-29T00:00:00-08:00,x\n")
        #expect(log.entries.map(\.cardID) == ["x"])
        #expect(log.entries.first?.reviewTime == Timestamp(secondsSince1970: 1_709_193_600))
        #expect(try ReviewLog.parse(csv: "card_id,rating,review_time\n").entries.isEmpty)
    }

    @Test("header problems are all reported on line 1")
    func headerProblems() {
        #expect(reviewLogProblems("") == [ReviewLogProblem(line: 1, kind: .noHeader)])
        #expect(reviewLogProblems("card_id,grade,review_time,card_id") == [
            ReviewLogProblem(line: 1, kind: .unknownColumn("grade")),
            ReviewLogProblem(line: 1, kind: .duplicateColumn("card_id")),
            ReviewLogProblem(line: 1, kind: .missingColumn("rating")),
        ])
        #expect(reviewLogProblems("\n\ncard_id,rating\n").map(\.line) == [3])
    }

    @Test("row problems are all collected, each with its line")
    func rowProblems() {
        let csv = """
            card_id,rating,review_time,review_duration
            a,5,2022-11-29T12:30:00Z,
            a,3,2022-11-29 12:30:00,
            ,0,yesterday,-4
            b,3,2022-02-30T12:00:00Z,10
            b,3
            "b,3,2022-11-29T12:30:00Z,1
            b,2,2022-11-29T25:00:00Z,1
            b,2,2022-11-29T12:00:00Z,1.5
            b,2,2022-11-29T12:00:00Z,1
            """
        let found = reviewLogProblems(csv)
        #expect(found == [
            ReviewLogProblem(line: 2, kind: .badRating("5")),
            ReviewLogProblem(line: 3, kind: .badTime("2022-11-29 12:30:00", .missingOffset)),
            ReviewLogProblem(line: 4, kind: .emptyCardID),
            ReviewLogProblem(line: 4, kind: .badRating("0")),
            ReviewLogProblem(line: 4, kind: .badTime("yesterday", .malformed)),
            ReviewLogProblem(line: 4, kind: .badDuration("-4")),
            ReviewLogProblem(line: 5, kind: .badTime("2022-02-30T12:00:00Z", .noSuchDay(year: 2022, month: 2, day: 30))),
            ReviewLogProblem(line: 6, kind: .fieldCount(expected: 4, found: 2)),
            ReviewLogProblem(line: 7, kind: .unterminatedQuote),
            ReviewLogProblem(line: 8, kind: .badTime("2022-11-29T25:00:00Z", .outOfRange(field: "hour", value: 25))),
            ReviewLogProblem(line: 9, kind: .badDuration("1.5")),
        ])
        #expect(found.first?.description == "line 2: rating \"5\" is not 1-4 (1 Again, 2 Hard, 3 Good, 4 Easy)")
        #expect(found[1].description == "line 3: review_time \"2022-11-29 12:30:00\" has no UTC offset (add Z or an offset like +01:00)")
    }

    @Test("ISO 8601 forms accepted", arguments: [
        ("2022-11-29T12:30:00Z", 1_669_725_000.0),
        ("2022-11-29t12:30z", 1_669_725_000.0),
        ("2022-11-29 13:30:00+01:00", 1_669_725_000.0),
        ("2022-11-29T07:00:00-0530", 1_669_725_000.0),
        ("2022-11-29T14:30:00+02", 1_669_725_000.0),
        ("2022-11-29T12:30:00.123456789Z", 1_669_725_000.123456),
        ("2022-11-29T12:30:00,5Z", 1_669_725_000.5),
        ("2022-11-29T07:00:00\u{2212}05:30", 1_669_725_000.0),
        ("1970-01-01T00:00:00Z", 0),
        ("1969-12-31T23:59:59.999999Z", -0.000001),
        ("2000-02-29T00:00:00Z", 951_782_400),
        ("9999-12-31T23:59:59Z", 253_402_300_799),
    ])
    func isoAccepted(text: String, seconds: Double) {
        #expect(ISO8601Timestamp.parse(text) == .success(Timestamp(secondsSince1970: seconds)))
    }

    @Test("ISO 8601 forms refused", arguments: [
        ("", ISO8601Problem.malformed),
        ("2022-11-29", .missingTime),
        ("2022-11-29T12:30:00", .missingOffset),
        ("2022-11-29T12:30:00Zjunk", .malformed),
        ("22-11-29T12:30:00Z", .malformed),
        ("2022-13-01T00:00:00Z", .outOfRange(field: "month", value: 13)),
        ("2023-02-29T00:00:00Z", .noSuchDay(year: 2023, month: 2, day: 29)),
        ("2022-11-29T12:60:00Z", .outOfRange(field: "minute", value: 60)),
        ("2022-11-29T12:30:60Z", .outOfRange(field: "second", value: 60)),
        ("2022-11-29T12:30:00+24:00", .outOfRange(field: "offset hour", value: 24)),
        ("2022-11-29T12:30:00.Z", .malformed),
        ("2022-11-29T12:30:00+1", .malformed),
    ])
    func isoRefused(text: String, problem: ISO8601Problem) {
        #expect(ISO8601Timestamp.parse(text) == .failure(problem))
    }

    @Test("ISO 8601 formatting in UTC round-trips to the microsecond", arguments: [
        (1_669_725_000.0, "2022-11-29T12:30:00Z"),
        (1_669_725_000.25, "2022-11-29T12:30:00.250000Z"),
        (-1.5, "1969-12-31T23:59:58.500000Z"),
        (951_868_799.000001, "2000-02-29T23:59:59.000001Z"),
    ])
    func isoFormat(seconds: Double, text: String) {
        let time = Timestamp(secondsSince1970: seconds)
        #expect(ISO8601Timestamp.format(time) == text)
        #expect(ISO8601Timestamp.parse(text) == .success(time))
    }

    @Test("replay sorts each card's reviews by time, keeps equal times in written order, rows in log order")
    func replayOrder() throws {
        let csv = """
            card_id,rating,review_time
            a,3,2024-01-03T00:00:00Z
            b,1,2024-01-01T00:00:00Z
            a,3,2024-01-01T00:00:00Z
            b,4,2024-01-01T00:00:00Z
            """
        let log = try ReviewLog.parse(csv: csv)
        let scheduler = FSRSScheduler(parameters: FSRSParameters(enableFuzzing: false))
        let rows = scheduler.replay(log)
        #expect(rows.map(\.entry.line) == [2, 3, 4, 5])
        #expect(rows[0].retrievabilityBefore != nil && rows[1].retrievabilityBefore == nil)
        #expect(rows[2].retrievabilityBefore == nil && rows[3].retrievabilityBefore == 1)

        let a0 = scheduler.review(nil, rating: .good, at: log.entries[2].reviewTime)
        let a1 = scheduler.review(a0.card, rating: .good, at: log.entries[0].reviewTime)
        #expect(rows[2].card == a0.card && rows[0].card == a1.card)
        let b0 = scheduler.review(nil, rating: .again, at: log.entries[1].reviewTime)
        let b1 = scheduler.review(b0.card, rating: .easy, at: log.entries[3].reviewTime)
        #expect(rows[1].card == b0.card && rows[3].card == b1.card)
        #expect(rows[3].phase == .review && rows[3].intervalSeconds == Double(b1.intervalDays ?? 0) * 86_400)
    }
}
