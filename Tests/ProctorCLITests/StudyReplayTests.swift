import Foundation
import ProctorCore
import Testing

/// `proctor srs replay` over a pipe, checked against fsrs.md's reference numbers.
@Suite("Study: srs replay end to end")
struct StudyReplayTests {
    static let start = Timestamp(secondsSince1970: 1_669_725_000)  // 2022-11-29T12:30:00Z

    /// fsrs.md: Good×6, Again×2, Good×5, each at the card's due time, default steps: intervals in
    /// days 0, 2, 11, 46, 163, 498, 0, 0, 2, 4, 7, 12, 21 (0: a 10-minute step).
    static let referenceDays = [0, 2, 11, 46, 163, 498, 0, 0, 2, 4, 7, 12, 21]
    static let referenceRatings = Array(repeating: 3, count: 6) + [1, 1] + Array(repeating: 3, count: 5)

    static var referenceSeconds: [Double] { referenceDays.map { $0 == 0 ? 600 : Double($0) * 86_400 } }

    /// Rows of card `due` (the schedule above) and card `memory` (fsrs.md: ratings 1,3,3,3,3,3 at
    /// elapsed days 0,0,1,3,8,21 → S = 53.62691, D = 6.3574867), shuffled, as CSV.
    static var csv: String {
        var rows: [String] = []
        var time = start
        for (rating, seconds) in zip(referenceRatings, referenceSeconds) {
            rows.append("due,\(rating),\(ISO8601Timestamp.format(time))")
            time = time.adding(seconds: seconds)
        }
        // The second review a second after the first, so that shuffling cannot swap two reviews of
        // one instant (those replay in the order written).
        time = start
        for (rating, seconds) in zip([1, 3, 3, 3, 3, 3], [0, 1, 86_400, 3 * 86_400, 8 * 86_400, 21 * 86_400]) {
            time = time.adding(seconds: Double(seconds))
            rows.append("\"memory\",\(rating),\(ISO8601Timestamp.format(time))")
        }
        var generator = SeededGenerator(seed: 5)
        return "card_id,rating,review_time\n" + generator.shuffled(rows).joined(separator: "\n") + "\n"
    }

    static func write(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("proctor-replay-\(UUID().uuidString).csv")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    static func rows(_ output: String) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]])
    }

    @Test("--json: one object per row in the log's order; the reference intervals and memory state", arguments: [false, true])
    func reference(noSteps: Bool) throws {
        let log = try Self.write(Self.csv)
        defer { try? FileManager.default.removeItem(at: log) }
        let run = try ProctorProcess.run(["srs", "replay", log.path, "--json"] + (noSteps ? ["--no-steps"] : []))
        #expect(run.status == 0, "\(run.errors)")
        let rows = try Self.rows(run.output)
        #expect(rows.count == 19)
        #expect(rows.map { $0["line"] as? Int } == (2...20).map { $0 })
        for row in rows {
            #expect(Set(row.keys) == ["line", "cardID", "rating", "reviewTime", "state", "step", "stability", "difficulty",
                                      "retrievabilityBefore", "due", "intervalSeconds"])
        }
        func inTimeOrder(_ card: String) -> [[String: Any]] {
            rows.filter { $0["cardID"] as? String == card }.sorted { ($0["reviewTime"] as? String ?? "") < ($1["reviewTime"] as? String ?? "") }
        }
        let memory = inTimeOrder("memory")
        let last = try #require(memory.last)
        #expect(abs((last["stability"] as? Double ?? 0) / 53.62691 - 1) < 1e-6)
        #expect(abs((last["difficulty"] as? Double ?? 0) / 6.3574867 - 1) < 1e-6)
        #expect(memory.first?["retrievabilityBefore"] is NSNull)
        guard !noSteps else { return }
        let due = inTimeOrder("due")
        #expect(due.map { $0["intervalSeconds"] as? Double } == Self.referenceSeconds)
        #expect(due.map { $0["state"] as? String } == ["learning", "review", "review", "review", "review", "review",
                                                        "relearning", "relearning", "review", "review", "review", "review", "review"])
        #expect(due.first?["step"] as? Int == 1 && due[1]["step"] is NSNull)
        #expect(due[0]["due"] as? String == "2022-11-29T12:40:00Z")
    }

    @Test("the table: a header and aligned columns; --retention changes the intervals")
    func table() throws {
        let log = try Self.write(Self.csv)
        defer { try? FileManager.default.removeItem(at: log) }
        let run = try ProctorProcess.run(["srs", "replay", log.path])
        #expect(run.status == 0)
        let lines = run.output.split(separator: "\n").map(String.init)
        #expect(lines.count == 20)
        let header = try #require(lines.first)
        #expect(header.hasPrefix("line  card    rating   review time"))
        let column = header.distance(from: header.startIndex, to: try #require(header.range(of: "review time")).lowerBound)
        for line in lines.dropFirst() {
            #expect(String(line.dropFirst(column).prefix(3)) == "202", "\(line)")
        }
        #expect(lines[1].hasPrefix("   2  "))
        #expect(lines.contains { $0.contains(" 10m") } && lines.contains { $0.hasSuffix(" 498d") })

        let strict = try ProctorProcess.run(["srs", "replay", log.path, "--retention", "0.95", "--json"])
        let intervals = try Self.rows(strict.output).filter { $0["cardID"] as? String == "due" }.compactMap { $0["intervalSeconds"] as? Double }
        #expect(intervals.count == 13 && intervals.reduce(0, +) < Self.referenceSeconds.reduce(0, +))
    }

    @Test("a bad log: every problem with its line on standard error, nothing replayed, exit 1")
    func badLog() throws {
        let bad = try Self.write("""
            card_id,rating,review_time
            a,3,2022-11-29T12:30:00Z
            a,7,2022-11-29T13:30:00Z
            b,2,2022-11-29 13:30
            """)
        defer { try? FileManager.default.removeItem(at: bad) }
        let run = try ProctorProcess.run(["srs", "replay", bad.path, "--json"])
        #expect(run.status == 1)
        #expect(run.output.isEmpty)
        #expect(run.errors.contains("\(bad.path): line 3: rating \"7\" is not 1-4 (1 Again, 2 Hard, 3 Good, 4 Easy)"))
        #expect(run.errors.contains("\(bad.path): line 4: review_time \"2022-11-29 13:30\" has no UTC offset"))
        #expect(run.errors.contains("2 problems in \(bad.path); nothing was replayed."))

        let columns = try Self.write("card_id,rating,review_time,ease\n")
        defer { try? FileManager.default.removeItem(at: columns) }
        let unknown = try ProctorProcess.run(["srs", "replay", columns.path])
        #expect(unknown.status == 1)
        #expect(unknown.errors.contains("line 1: the header has an unknown column \"ease\""))

        let missing = try ProctorProcess.run(["srs", "replay", "/nonexistent/log.csv"])
        #expect(missing.status == 1 && missing.errors.contains("no review log at /nonexistent/log.csv"))
        #expect(try ProctorProcess.run(["srs", "replay", bad.path, "--retention", "1"]).status == 64)
        #expect(try ProctorProcess.run(["srs", "replay", bad.path, "--retention", "nan"]).status == 64)
    }

    @Test("rows out of time order for a card are replayed by time, not refused; - reads standard input")
    func outOfOrder() throws {
        let run = try ProctorProcess.run(["srs", "replay", "-", "--json"], input: """
            card_id,rating,review_time
            x,3,2022-11-29T12:40:00Z
            x,3,2022-11-29T12:30:00Z
            """)
        #expect(run.status == 0, "\(run.errors)")
        let rows = try Self.rows(run.output)
        #expect(rows.map { $0["state"] as? String } == ["review", "learning"])
        #expect(rows.map { $0["intervalSeconds"] as? Double } == [172_800, 600])
    }
}
