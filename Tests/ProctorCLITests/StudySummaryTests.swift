import Foundation
import ProctorCore
import ProctorStore
import Testing

/// `proctor` without a terminal: a summary of the exams, every command, and the reviews due today.
@Suite("Study: the summary of proctor without a terminal", .serialized)
struct StudySummaryTests {
    /// Every command cli.md lists, as the summary names it.
    static let commands = [
        "take EXAM", "practice BANK", "resume [ATTEMPT]", "review [BANK]", "drill BANK --weak", "stats [BANK]",
        "history", "results ATTEMPT", "banks", "lint PATH...", "show BANK QUESTION", "new BANK-ID", "srs replay LOG.csv",
    ]

    @Test("every command, briefly; no database is created just to print it")
    func commandsWithoutDatabase() throws {
        let fixture = try StudyFixture()
        defer { fixture.remove() }
        let run = try fixture.run(StudyFixture.now())
        #expect(run.status == 0, "\(run.errors)")
        let lines = run.output.components(separatedBy: "\n")
        #expect(lines.contains { $0.hasPrefix("  study-exam") && $0.hasSuffix("[study]") })
        for command in Self.commands {
            #expect(lines.contains { $0.hasPrefix("  proctor \(command)  ") }, "\(command)")
        }
        #expect(lines.allSatisfy { $0.count <= 80 })
        #expect(!run.output.contains("Reviews"))
        #expect(!FileManager.default.fileExists(atPath: fixture.database))
    }

    @Test("with a database: the reviews due before the day ends, by bank, leeches left out")
    func reviewsDueToday() throws {
        let fixture = try StudyFixture()
        defer { fixture.remove() }
        // Four cards on learning steps, due within minutes; one graduated with Easy, due in days.
        let time = StudyFixture.dayOne
        try fixture.seed([("f1", .good, time), ("f2", .again, time), ("v1", .good, time), ("b1", .again, time),
                          ("b2", .easy, time)])
        let due = try fixture.run(StudyFixture.now(3_600))
        #expect(due.output.contains("\nReviews due today: 4 (study 4); run: proctor review\n"), "\(due.output)")
        // Cards due later today count too: at 09:00 none is due yet, all four are by 09:10.
        let early = try fixture.run(StudyFixture.now())
        #expect(early.output.contains("Reviews due today: 4 (study 4)"))

        // A leech set aside is not due.
        let store = try ProgressStore(path: fixture.database)
        try store.setSuspended(true, bank: "study", question: "f1")
        try store.close()
        #expect(try fixture.run(StudyFixture.now(3_600)).output.contains("Reviews due today: 3 (study 3)"))

        // Once the other three are rated Easy (right or wrong), due in a day or more, nothing is due today.
        let review = try fixture.run(["review", "study", "--new", "0", "--seed", "1"] + StudyFixture.now(3_600),
                                     typing: ["a", "4", "a", "4", "a", "4"])
        #expect(review.status == 0, "\(review.errors)")
        #expect(try fixture.run(StudyFixture.now(3_600)).output.contains("\nNo reviews due today.\n"))
    }
}
