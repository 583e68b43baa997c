import Foundation
import ProctorCore
import ProctorStore
import ProctorTerminal
import Testing

/// `proctor drill --weak` and `proctor stats` over a pipe, on a history written straight to the store.
@Suite("Study: drill and stats end to end", .serialized)
struct StudyDrillStatsTests {
    /// Day one at 09:00: fruit and beta answered right (Good), vegetables wrong (Again).
    static func seedHistory(_ fixture: StudyFixture) throws {
        let time = StudyFixture.dayOne
        try fixture.seed([("f1", .good, time), ("f2", .good, time), ("v1", .again, time), ("v2", .again, time),
                          ("b1", .good, time), ("b2", .good, time)])
    }

    /// Hand-computed (see StudyMasteryTests): R a day after a first Good (S = 2.3065) is 0.9468475,
    /// after a first Again (S = 0.212) 0.7661957.
    static let recallGood = 0.9468474993825461
    static let recallAgain = 0.7661957302284143
    /// Fruit (and beta): 2 of 2 right → 4/6; recall (2 × 0.9468475 + 1) / 4.
    static let fruit = (4.0 / 6 + (2 * recallGood + 1) / 4) / 2  // 0.6950452
    /// Vegetables: 0 of 2 → 2/6; recall (2 × 0.7661957 + 1) / 4.
    static let vegetables = (2.0 / 6 + (2 * recallAgain + 1) / 4) / 2  // 0.4832156
    /// Alpha pools both: 2 of 4 → 4/8; recall (2 × 0.9468475 + 2 × 0.7661957 + 1) / 6.
    static let alpha = (4.0 / 8 + (2 * recallGood + 2 * recallAgain + 1) / 6) / 2  // 0.6188405

    @Test("drill --weak: vegetables (37.5 % × (1 − 0.483) = 19.4) outranks fruit (11.4) and beta (7.6)")
    func drill() throws {
        let fixture = try StudyFixture()
        defer { fixture.remove() }
        try Self.seedHistory(fixture)
        let process = try fixture.start(["drill", "study", "--weak", "--count", "2", "--topics", "1", "--seed", "3"]
                                        + StudyFixture.now(7_200))
        var asked: [String] = []
        for _ in 0..<2 {
            try process.waitFor("answer> ")
            let header = try #require(StudyFixture.headers(process.text).last)
            let id = String(header.dropFirst().prefix { $0 != "]" })
            asked.append(id)
            process.send(StudyFixture.answers[id] ?? "a")
            try process.waitFor("rate> ")
            process.send("")
        }
        process.closeInput()
        #expect(try process.waitForExit() == 0)
        let output = process.text
        #expect(output.contains("Drill: 2 questions from your weakest topics (exam weight × (1 − mastery)):"))
        #expect(output.contains("  Vegetables (Alpha): mastery 48.3%, 37.5% of the exam: 2 questions"))
        #expect(asked.sorted() == ["v1", "v2"])
        #expect(output.contains("Drilled 2: 0 Again, 0 Hard, 2 Good, 0 Easy."))
        // Two right answers now: 2 of 4 → 3/8... recall at +1 day of the new stabilities; it rises.
        #expect(output.contains("  Vegetables: mastery 48.3% → "))

        let store = try ProgressStore(path: fixture.database)
        let drilled = try store.reviewLog(bank: "study").filter { $0.source == .drill }
        #expect(drilled.map(\.questionID).sorted() == ["v1", "v2"])
        #expect(drilled.allSatisfy { $0.rating == .good && $0.attempt == nil })
        try store.close()

        #expect(try fixture.run(["drill", "study"]).status == 64)  // which drill?
        #expect(try fixture.run(["drill", "nope", "--weak"]).status == 1)
    }

    @Test("drill on a bank never studied draws from the topics with the largest exam share")
    func drillFresh() throws {
        let fixture = try StudyFixture()
        defer { fixture.remove() }
        let run = try fixture.run(["drill", "study", "--weak", "--count", "3", "--seed", "1"] + StudyFixture.now())
        #expect(run.output.contains("  Fruit (Alpha): mastery not yet studied, 37.5% of the exam: 1 question"))
        #expect(run.output.contains("  Vegetables (Alpha): mastery not yet studied, 37.5% of the exam: 1 question"))
        #expect(run.output.contains("  Beta: mastery not yet studied, 25% of the exam: 1 question"))
    }

    @Test("stats --json: mastery by domain and topic, 14 days of due counts, accuracy by day, streak")
    func statsJSON() throws {
        let fixture = try StudyFixture()
        defer { fixture.remove() }
        try Self.seedHistory(fixture)
        let run = try fixture.run(["stats", "--json"] + StudyFixture.now(7_200))
        #expect(run.status == 0, "\(run.errors)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        #expect(json["today"] as? String == "2026-03-02")
        let streak = try #require(json["streak"] as? [String: Any])
        #expect(streak["current"] as? Int == 1 && streak["reviewedToday"] as? Bool == true)
        let banks = try #require(json["banks"] as? [[String: Any]])
        #expect(banks.count == 1)
        let bank = banks[0]
        #expect(bank["bank"] as? String == "study")
        let cards = try #require(bank["cards"] as? [String: Any])
        #expect(cards["total"] as? Int == 6 && cards["learning"] as? Int == 6 && cards["notStudied"] as? Int == 0)

        let domains = try #require(bank["domains"] as? [[String: Any]])
        #expect(domains.map { $0["domainID"] as? String } == ["alpha", "beta"])
        let alpha = try #require(domains[0]["mastery"] as? [String: Any])
        #expect(abs((alpha["value"] as? Double ?? 0) - Self.alpha) < 1e-9)
        #expect(alpha["answered"] as? Int == 4 && alpha["correct"] as? Int == 2 && alpha["reviewedCards"] as? Int == 4)
        let topics = try #require(domains[0]["topics"] as? [[String: Any]])
        #expect(topics.map { $0["topicID"] as? String } == ["fruit", "veg"])
        let masteries = topics.compactMap { ($0["mastery"] as? [String: Any])?["value"] as? Double }
        #expect(masteries.count == 2)
        #expect(abs(masteries[0] - Self.fruit) < 1e-9 && abs(masteries[1] - Self.vegetables) < 1e-9)
        #expect(abs((topics[1]["priority"] as? Double ?? 0) - 37.5 * (1 - Self.vegetables)) < 1e-9)
        let beta = try #require(domains[1]["mastery"] as? [String: Any])
        #expect(abs((beta["value"] as? Double ?? 0) - Self.fruit) < 1e-9)

        // Every card is on a learning step, due today.
        let due = try #require(bank["due"] as? [[String: Any]])
        #expect(due.count == 14)
        #expect(due.first?["date"] as? String == "2026-03-02" && due.first?["count"] as? Int == 6)
        #expect(due.dropFirst().allSatisfy { $0["count"] as? Int == 0 })
        let accuracy = try #require(bank["accuracy"] as? [[String: Any]])
        #expect(accuracy.count == 30)
        #expect(accuracy.last?["answered"] as? Int == 6 && accuracy.last?["correct"] as? Int == 4)
        #expect((bank["exams"] as? [Any])?.isEmpty == true)

        // The next day, the streak is still alive though there is no review yet.
        let tomorrow = try fixture.run(["stats", "study", "--json"] + StudyFixture.now(86_400))
        let later = try #require(try JSONSerialization.jsonObject(with: Data(tomorrow.output.utf8)) as? [String: Any])
        #expect((later["streak"] as? [String: Any])?["current"] as? Int == 1)
        #expect((later["streak"] as? [String: Any])?["reviewedToday"] as? Bool == false)
    }

    @Test("stats as text: bars, the 14-day forecast, sparklines; nothing studied says how to start")
    func statsText() throws {
        let fixture = try StudyFixture()
        defer { fixture.remove() }
        let empty = try fixture.run(["stats"] + StudyFixture.now())
        #expect(empty.output.contains("No study yet."))
        try Self.seedHistory(fixture)
        let run = try fixture.run(["stats", "study"] + StudyFixture.now(7_200))
        let lines = run.output.components(separatedBy: "\n")
        #expect(lines.first == "Study statistics · Mon 03-02 · streak 1 day (longest 1), reviewed today")
        #expect(lines.contains { $0.hasPrefix("    Vegetables ") && $0.contains("48.3%") && $0.contains("█") })
        #expect(lines.contains { $0.hasPrefix("  Alpha ") && $0.contains("61.9%") })
        #expect(lines.contains("  Due in the next 14 days: 6"))
        #expect(lines.contains { $0.hasPrefix("    Mon 03-02 today  ████████████████████ 6") })
        #expect(lines.filter { $0.hasPrefix("    ") && $0.contains(" 03-") }.count == 14)
        #expect(lines.contains { $0.hasPrefix("  Accuracy, last 30 days") && $0.hasSuffix("▆  66.7% of 6 answers") })
        #expect(lines.contains { $0.contains("Exam scores") && $0.contains("no finished exams") })
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= StatsLayout.width }, "\(run.output)")
    }

    @Test("stats gives names the room 80 columns allow, cuts longer ones with an ellipsis, and keeps wide ones aligned")
    func statsLongNames() throws {
        let fixture = try StudyFixture()
        defer { fixture.remove() }
        try StatsLayout.bankXML.write(toFile: fixture.banks + "/long.xml", atomically: true, encoding: .utf8)
        let store = try ProgressStore(path: fixture.database)
        let scheduler = FSRSScheduler()
        try store.saveReviews(["l1", "l2", "l3", "l4"].map { question in
            ScheduledReview(bankID: "long", questionID: question,
                            outcome: scheduler.review(nil, rating: .good, at: StudyFixture.dayOne), durationSeconds: nil,
                            source: .review, attempt: nil, correct: true)
        })
        try store.close()

        let run = try fixture.run(["stats", "long"] + StudyFixture.now(7_200))
        #expect(run.status == 0, "\(run.errors)")
        let lines = run.output.components(separatedBy: "\n")
        let header = try #require(lines.firstIndex { $0.hasPrefix("  Mastery") })
        let overall = try #require(lines.firstIndex { $0.hasPrefix("  Overall") })
        let table = Array(lines[header...overall])
        #expect(table.count == 6)  // the header, a domain, its three topics, overall
        // Every row is exactly 80 columns, wide characters counted twice, the bars in one column.
        for row in table {
            #expect(DisplayWidth.of(row) == StatsLayout.width, "\(row)")
        }
        for row in table.dropFirst() {
            #expect(StatsLayout.column(of: "█", in: row) == StatsLayout.barColumn, "\(row)")
        }
        #expect(table[0].hasSuffix("answers  cards"))
        // A 30-character topic name whole (23 characters used to be the limit, without an ellipsis).
        #expect(table.contains { $0.hasPrefix("    Scrum definition and framework  ") })
        // Longer names cut at the room there is, with an ellipsis.
        #expect(table.contains { $0.hasPrefix("  Scrum theory, values and the whole framewo… ") })
        #expect(table.contains { $0.hasPrefix("    Empiricism: transparency, inspection, ad… ") })
        #expect(table.contains { $0.hasPrefix("    スクラムの価値と経験主義の三本柱について… ") })
    }
}

/// The mastery table of `proctor stats` as laid out for 80 columns, and a bank with long names.
enum StatsLayout {
    static let width = 80
    /// Where the mastery bars begin: the name, its indent included, has the first 46 columns.
    static let barColumn = 46

    /// The display column at which `text` first appears in `line`, if it does.
    static func column(of text: Character, in line: String) -> Int? {
        var column = 0
        for character in line {
            if character == text { return column }
            column += DisplayWidth.of(character)
        }
        return nil
    }

    /// One domain with a long name; topics of 30 characters, 48 characters, and 23 wide ones.
    static let bankXML = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bank xmlns="urn:proctor:bank:1" id="long" version="1">
          <title>Long names</title>
          <domain id="theory" name="Scrum theory, values and the whole framework of Scrum" weight="100">
            <topic id="definition" name="Scrum definition and framework"/>
            <topic id="empiricism" name="Empiricism: transparency, inspection, adaptation"/>
            <topic id="values" name="スクラムの価値と経験主義の三本柱についての理解"/>
          </domain>
          <exam id="long-exam" name="Long exam" questions="2" minutes="10">
            <scoring model="percent" pass="50"/>
          </exam>
          \(question("l1", "definition"))
          \(question("l2", "definition"))
          \(question("l3", "empiricism"))
          \(question("l4", "values"))
        </bank>
        """

    private static func question(_ id: String, _ topic: String) -> String {
        """
        <question id="\(id)" type="truefalse" domain="theory" topic="\(topic)">
            <stem>Statement \(id).</stem>
            <option id="t" correct="true">True</option>
            <option id="f">False</option>
            <explanation>Explaining \(id).</explanation>
          </question>
        """
    }
}
