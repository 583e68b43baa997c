import ProctorCore
import Testing

/// Random review histories checked against the Python reference `fsrs` 6.3.2 (see
/// `Scripts/fsrs-vectors/gen.py`): state and step equal, S and D to 1e-6 relative, due times equal
/// to the microsecond.
@Suite("FSRS reference vectors")
struct FSRSVectorTests {
    @Test("every review of every history matches the reference", arguments: ["default", "none"])
    func histories(steps: String) throws {
        let file = try FSRSVectorFile.shared.get()
        let cases = file.cases.filter { $0.steps == steps }
        #expect(cases.count >= 250)
        var checked = 0
        var mismatches = 0
        for vectorCase in cases {
            let scheduler = FSRSScheduler(parameters: .forVectorCase(vectorCase))
            var card: CardState?
            for (index, expected) in vectorCase.reviews.enumerated() {
                guard let rating = Rating(rawValue: expected.g) else {
                    Issue.record("\(vectorCase.id) #\(index): bad rating \(expected.g)")
                    break
                }
                let outcome = scheduler.review(card, rating: rating, at: fsrsTimestamp(microseconds: expected.t))
                card = outcome.card
                checked += 1
                let problems = compare(outcome.card, outcome.retrievabilityBefore, expected)
                if !problems.isEmpty {
                    mismatches += 1
                    if mismatches <= 20 {
                        Issue.record("\(vectorCase.id) review #\(index): \(problems.joined(separator: "; "))")
                    }
                }
            }
        }
        #expect(mismatches == 0, "\(mismatches) of \(checked) reviews differ from the reference")
        #expect(checked > 2000)
    }

    @Test("a CSV log of interleaved, shuffled histories replays to the reference, rows in log order")
    func replayLog() throws {
        let file = try FSRSVectorFile.shared.get()
        let cases = file.cases.filter { $0.steps == "default" && $0.retention == 0.9 }.prefix(40)
        var rows: [(id: String, index: Int, review: FSRSVectorFile.Review)] = []
        for vectorCase in cases {
            rows += vectorCase.reviews.enumerated().map { (vectorCase.id, $0.offset, $0.element) }
        }
        var generator = FSRSTestGenerator(seed: 2024)
        rows.shuffle(using: &generator)
        // Reviews of one card at the same instant are replayed in written order: keep theirs.
        var positions: [String: [Int]] = [:]
        for (position, row) in rows.enumerated() {
            positions["\(row.id) \(row.review.t)", default: []].append(position)
        }
        for group in positions.values where group.count > 1 {
            let ordered = group.map { rows[$0] }.sorted { $0.index < $1.index }
            for (position, row) in zip(group, ordered) { rows[position] = row }
        }
        let offsets = [0, 3600, -5 * 3600, 5 * 3600 + 1800]
        var csv = "review_time,card_id,rating\r\n"
        for (number, row) in rows.enumerated() {
            let time = isoText(microseconds: row.review.t, offsetSeconds: offsets[number % offsets.count])
            csv += "\(time),\"\(row.id)\",\(row.review.g)\r\n"
        }
        let log = try ReviewLog.parse(csv: csv)
        #expect(log.entries.count == rows.count)
        let replayed = FSRSScheduler(parameters: FSRSParameters(enableFuzzing: false)).replay(log)
        #expect(replayed.count == rows.count)
        for (row, expected) in zip(replayed, rows) {
            #expect(row.cardID == expected.id)
            #expect(fsrsMicroseconds(row.reviewTime) == expected.review.t)
            let problems = compare(row.card, row.retrievabilityBefore, expected.review)
            #expect(problems.isEmpty, "line \(row.entry.line): \(problems.joined(separator: "; "))")
            #expect(row.reviewTime.adding(seconds: row.intervalSeconds) == fsrsTimestamp(microseconds: expected.review.due)
                || fsrsMicroseconds(row.reviewTime) + Int64((row.intervalSeconds * 1e6).rounded()) == expected.review.due)
        }
    }

    private func compare(_ card: CardState, _ retrievabilityBefore: Double?,
                         _ expected: FSRSVectorFile.Review) -> [String] {
        var problems: [String] = []
        if card.phase.rawValue != expected.state {
            problems.append("state \(card.phase) != \(expected.state)")
        }
        if card.step != expected.step {
            problems.append("step \(String(describing: card.step)) != \(String(describing: expected.step))")
        }
        if !fsrsIsClose(card.stability, expected.s) {
            problems.append("S \(card.stability) != \(expected.s)")
        }
        if !fsrsIsClose(card.difficulty, expected.d) {
            problems.append("D \(card.difficulty) != \(expected.d)")
        }
        // The reference's due time as the Double a Timestamp holds: identical, not just close.
        if card.due != fsrsTimestamp(microseconds: expected.due) {
            problems.append("due \(fsrsMicroseconds(card.due)) != \(expected.due)")
        }
        switch (retrievabilityBefore, expected.r) {
        case (nil, nil): break
        case (let r?, let e?) where fsrsIsClose(r, e, relative: 1e-9): break
        case (let r, let e):
            problems.append("R before \(String(describing: r)) != \(String(describing: e))")
        }
        return problems
    }

    /// The ISO 8601 text of a moment as seen at a UTC offset, e.g. `2024-03-01T10:30:00.5+01:00`.
    private func isoText(microseconds: Int64, offsetSeconds: Int) -> String {
        let local = ISO8601Timestamp.format(fsrsTimestamp(microseconds: microseconds + Int64(offsetSeconds) * 1_000_000))
        guard offsetSeconds != 0 else { return local }
        let sign = offsetSeconds < 0 ? "-" : "+"
        let magnitude = abs(offsetSeconds)
        let hours = magnitude / 3600
        let minutes = magnitude / 60 % 60
        let offset = "\(sign)\(hours < 10 ? "0" : "")\(hours):\(minutes < 10 ? "0" : "")\(minutes)"
        return local.dropLast() + offset
    }
}
