import Foundation
import ProctorCore
import ProctorStore
import Testing

/// A bank of six true/false questions (A is True, B is False on screen), a temporary database, and
/// the clock moved with `--now`. Days are UTC (`TZ=UTC`), beginning at 4 a.m.
struct StudyFixture {
    let folder: URL
    var banks: String { folder.appendingPathComponent("banks").path }
    var database: String { folder.appendingPathComponent("data/proctor.sqlite").path }
    var common: [String] { ["--banks", banks, "--db", database] }

    /// 2026-03-02T09:00:00Z: day one of the tests.
    static let dayOne = Timestamp(secondsSince1970: 1_772_442_000)

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("proctor-study-tests-\(UUID().uuidString)")
        let bankFolder = folder.appendingPathComponent("banks")
        try FileManager.default.createDirectory(at: bankFolder, withIntermediateDirectories: true)
        try Self.bankXML.write(to: bankFolder.appendingPathComponent("study.xml"), atomically: true, encoding: .utf8)
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }

    /// The right line to type for each question.
    static let answers = ["f1": "a", "f2": "b", "v1": "a", "v2": "b", "b1": "a", "b2": "b"]
    /// The wrong line for each question.
    static let wrong = answers.mapValues { $0 == "a" ? "b" : "a" }

    /// Alpha (75 %) with topics fruit (f1, f2) and vegetables (v1, v2); beta (25 %) without topics.
    static let bankXML = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bank xmlns="urn:proctor:bank:1" id="study" version="1">
          <title>Study fixture</title>
          <domain id="alpha" name="Alpha" weight="75">
            <topic id="fruit" name="Fruit"/>
            <topic id="veg" name="Vegetables"/>
          </domain>
          <domain id="beta" name="Beta" weight="25"/>
          <exam id="study-exam" name="Study exam" questions="4" minutes="10">
            <scoring model="percent" pass="50"/>
          </exam>
          \(question("f1", "alpha", "fruit", "A banana is a fruit.", true))
          \(question("f2", "alpha", "fruit", "An apple is a vegetable.", false))
          \(question("v1", "alpha", "veg", "A carrot is a vegetable.", true))
          \(question("v2", "alpha", "veg", "A leek is a fruit.", false))
          \(question("b1", "beta", nil, "Two is even.", true))
          \(question("b2", "beta", nil, "Three is even.", false))
        </bank>
        """

    private static func question(_ id: String, _ domain: String, _ topic: String?, _ stem: String, _ isTrue: Bool) -> String {
        """
        <question id="\(id)" type="truefalse" domain="\(domain)"\(topic.map { " topic=\"\($0)\"" } ?? "")>
            <stem>\(stem)</stem>
            <option id="t"\(isTrue ? " correct=\"true\"" : "")>True</option>
            <option id="f"\(isTrue ? "" : " correct=\"true\"")>False</option>
            <explanation>Explaining \(id).</explanation>
          </question>
        """
    }

    /// `--now` for a moment `seconds` after day one.
    static func now(_ seconds: Double = 0) -> [String] {
        ["--now", ISO8601Timestamp.format(dayOne.adding(seconds: seconds))]
    }

    /// Runs `proctor arguments...` with `lines` typed (then input ends), in UTC.
    func run(_ arguments: [String], typing lines: [String] = []) throws -> (status: Int32, output: String, errors: String) {
        let process = try ProctorProcess(arguments + common, environment: ["TZ": "UTC"])
        for line in lines { process.send(line) }
        process.closeInput()
        let status = try process.waitForExit()
        return (status, process.text, process.errorText)
    }

    /// Starts `proctor arguments...` to be driven prompt by prompt, in UTC.
    func start(_ arguments: [String]) throws -> ProctorProcess {
        try ProctorProcess(arguments + common, environment: ["TZ": "UTC"])
    }

    /// Reviews saved straight into the store, one card after another, as `(question, rating, time)`.
    func seed(_ reviews: [(String, Rating, Timestamp)], source: ReviewSource = .review) throws {
        let store = try ProgressStore(path: database)
        let scheduler = FSRSScheduler()
        var cards: [String: CardState] = [:]
        var scheduled: [ScheduledReview] = []
        for (question, rating, time) in reviews {
            let outcome = scheduler.review(cards[question], rating: rating, at: time)
            cards[question] = outcome.card
            scheduled.append(ScheduledReview(bankID: "study", questionID: question, outcome: outcome, durationSeconds: nil,
                                             source: source, attempt: nil))
        }
        try store.saveReviews(scheduled)
        try store.close()
    }

    /// The headers of the question blocks shown, in order: `[f1]  new`.
    static func headers(_ output: String) -> [String] {
        output.components(separatedBy: "\n").filter { $0.hasPrefix("Question ") }.compactMap { line in
            line.range(of: "  [").map { String(line[$0.lowerBound...].dropFirst(2)) }
        }
    }
}

/// `proctor review` over a pipe: the session, the next day's queue, leeches, and exams feeding it.
@Suite("Study: review end to end", .serialized)
struct StudyReviewTests {
    @Test("a day of review: new questions, learning steps come back, and the next day's queue holds what is due")
    func reviewDays() throws {
        let fixture = try StudyFixture()
        defer { fixture.remove() }
        // f1 right, f2 wrong; learning brings back f2 (1 minute) then f1 and f2 (10 minutes) until both graduate.
        let first = try fixture.run(["review", "study", "--new", "2", "--seed", "1"] + StudyFixture.now(),
                                    typing: ["a", "", "a", "", "b", "", "a", "", "b", ""])
        #expect(first.status == 0, "\(first.errors)")
        #expect(first.output.contains("Review: 0 due, 2 new (2 new a day, 2 left today)."))
        #expect(StudyFixture.headers(first.output) == ["[f1]  new", "[f2]  new", "[f2]  learning", "[f1]  learning", "[f2]  learning"])
        #expect(first.output.contains("Incorrect. The answer is B."))
        #expect(first.output.contains("Explaining f2."))
        #expect(first.output.contains("Suggested rating: 1 Again. Enter accepts it, 1-4 chooses, ? explains."))
        #expect(first.output.contains("Rated 1 Again; next review in 1 minute."))
        #expect(first.output.contains("Rated 3 Good; next review in 2 days."))  // f1: S = 2.3065 → 2 days
        #expect(first.output.contains("Rated 3 Good; next review in 1 day."))  // f2: S = 0.2842 → 1 day
        #expect(first.output.contains("Reviewed 5: 1 Again, 0 Hard, 4 Good, 0 Easy."))
        #expect(first.output.contains("Still due today: 0; due tomorrow: 1."))

        let store = try ProgressStore(path: fixture.database)
        let cards = Dictionary(uniqueKeysWithValues: try store.studyCards(bank: "study").map { ($0.questionID, $0) })
        #expect(cards["f1"]?.state.due == StudyFixture.dayOne.adding(seconds: 2 * 86_400))
        #expect(cards["f2"]?.state.due == StudyFixture.dayOne.adding(seconds: 86_400))
        #expect(cards.values.allSatisfy { $0.state.phase == .review && $0.lapses == 0 })
        let log = try store.reviewLog(bank: "study")
        #expect(log.count == 5 && log.allSatisfy { $0.source == .review && $0.attempt == nil })
        try store.close()

        // Later the same day: nothing due, the day's new questions used up.
        let later = try fixture.run(["review", "study", "--new", "2"] + StudyFixture.now(3_600))
        #expect(later.output.contains("Nothing to review now."))
        #expect(later.output.contains("Next review due in 23 hours (2026-03-03 09:00)."))
        #expect(later.output.contains("Today's 2 new questions are done; --new N allows more."))

        // The next day: f2 is due (f1 is not), then two new questions, alpha's first (75/25 interleaved).
        let next = try fixture.run(["review", "study", "--new", "2", "--seed", "2"] + StudyFixture.now(86_400),
                                   typing: ["b", "", "a", "2", "quit"])
        #expect(next.output.contains("Review: 1 due, 2 new (2 new a day, 2 left today)."))
        #expect(StudyFixture.headers(next.output) == ["[f2]  review, recall 79%", "[v1]  new", "[v2]  new"])
        #expect(next.output.contains("Rated 2 Hard"))
        #expect(next.output.contains("Stopped. Every rating so far is saved."))
        #expect(next.output.contains("Reviewed 2: 0 Again, 1 Hard, 1 Good, 0 Easy."))
    }

    @Test("without a bank: every studied bank; with nothing studied yet, a hint; bad options are usage errors")
    func noBank() throws {
        let fixture = try StudyFixture()
        defer { fixture.remove() }
        let empty = try fixture.run(["review"] + StudyFixture.now())
        #expect(empty.status == 0)
        #expect(empty.output.contains("Nothing to review yet"))
        try fixture.seed([("b1", .good, StudyFixture.dayOne)])
        let all = try fixture.run(["review", "--new", "0"] + StudyFixture.now(3_600))
        #expect(StudyFixture.headers(all.output) == ["[b1]  learning"])
        #expect(try fixture.run(["review", "nope"]).status == 1)
        #expect(try fixture.run(["review", "study", "--new", "-1"]).status == 64)
        #expect(try fixture.run(["review", "study", "--now", "yesterday"]).status == 64)
        let environment = try ProctorProcess(["review", "study"] + fixture.common, environment: ["PROCTOR_NOW": "soon"])
        environment.closeInput()
        #expect(try environment.waitForExit() == 1)
        #expect(environment.errorText.contains("PROCTOR_NOW \"soon\""))
    }

    @Test("the eighth lapse makes a leech: flagged at once, set aside from then on")
    func leech() throws {
        let fixture = try StudyFixture()
        defer { fixture.remove() }
        // Easy graduates b1 at once; then seven times Again (a lapse) and Good (out of relearning), each on time.
        let scheduler = FSRSScheduler()
        var time = StudyFixture.dayOne.adding(seconds: -400 * 86_400)
        var card: CardState?
        var reviews: [(String, Rating, Timestamp)] = []
        for rating in [Rating.easy] + Array(repeating: [Rating.again, .good], count: 7).flatMap({ $0 }) {
            reviews.append(("b1", rating, time))
            card = scheduler.review(card, rating: rating, at: time).card
            time = card?.due ?? time
        }
        try fixture.seed(reviews)
        let due = try #require(card?.due)
        let store = try ProgressStore(path: fixture.database)
        #expect(try store.studyCards(bank: "study").first?.lapses == 7)
        try store.close()

        let offset = due.seconds(since: StudyFixture.dayOne) + 60
        let lapse = try fixture.run(["review", "study", "--new", "0"] + StudyFixture.now(offset),
                                    typing: [StudyFixture.wrong["b1"] ?? "", ""])
        #expect(StudyFixture.headers(lapse.output).first?.hasPrefix("[b1]  review, recall") == true)
        #expect(lapse.output.contains("Leech: [b1] has now been forgotten 8 times. It is set aside from review; "
                                      + "work on it with 'proctor practice study --domain beta' or rewrite your notes on it, "
                                      + "then 'proctor review study --unsuspend b1' brings it back."))
        #expect(lapse.output.contains("New leeches set aside: [b1]"))
        #expect(StudyFixture.headers(lapse.output).count == 1)  // not brought back on its relearning step

        let after = try fixture.run(["review", "study", "--new", "0"] + StudyFixture.now(offset + 86_400))
        #expect(after.output.contains("Set aside: 1 leech (forgotten 8 times or more): [b1]"))
        #expect(after.output.contains("then 'proctor review study --unsuspend b1' brings one back."))
        #expect(after.output.contains("Nothing to review now."))
        let stats = try fixture.run(["stats", "study", "--json"] + StudyFixture.now(offset + 86_400))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(stats.output.utf8)) as? [String: Any])
        let bank = try #require((json["banks"] as? [[String: Any]])?.first)
        #expect((bank["cards"] as? [String: Any])?["leeches"] as? Int == 1)
        // Set aside in the database, not only by its count of lapses.
        let reopened = try ProgressStore(path: fixture.database)
        #expect(try reopened.studyCard(bank: "study", question: "b1")?.isSuspended == true)
        try reopened.close()
    }

    @Test("a leech brought back with --unsuspend is reviewed again, its schedule kept, until 4 more lapses")
    func unsuspend() throws {
        let fixture = try StudyFixture()
        defer { fixture.remove() }
        // Easy, then eight times Again and Good: the eighth Again sets b1 aside as it is saved.
        let scheduler = FSRSScheduler()
        var time = StudyFixture.dayOne.adding(seconds: -400 * 86_400)
        var card: CardState?
        var reviews: [(String, Rating, Timestamp)] = []
        for rating in [Rating.easy] + Array(repeating: [Rating.again, .good], count: 8).flatMap({ $0 }) {
            reviews.append(("b1", rating, time))
            card = scheduler.review(card, rating: rating, at: time).card
            time = card?.due ?? time
        }
        try fixture.seed(reviews)
        let due = try #require(card?.due)
        let later = due.seconds(since: StudyFixture.dayOne) + 60
        let setAside = try fixture.run(["review", "study", "--new", "0"] + StudyFixture.now(later))
        #expect(setAside.output.contains("Set aside: 1 leech"))
        #expect(StudyFixture.headers(setAside.output).isEmpty)

        let back = try fixture.run(["review", "study", "--unsuspend", "b1"] + StudyFixture.now(later))
        #expect(back.status == 0, "\(back.errors)")
        #expect(back.output == "[b1] is back in review, due now; it is set aside again after 4 more lapses.\n")
        let store = try ProgressStore(path: fixture.database)
        let stored = try #require(try store.studyCard(bank: "study", question: "b1"))
        #expect(!stored.isSuspended && stored.lapses == 8 && stored.state == card)
        try store.close()

        let again = try fixture.run(["review", "study", "--unsuspend", "b1"] + StudyFixture.now(later))
        #expect(again.output.contains("[b1] is not set aside; it stays in review as it is."))
        let review = try fixture.run(["review", "study", "--new", "0"] + StudyFixture.now(later),
                                     typing: [StudyFixture.answers["b1"] ?? "", ""])
        #expect(!review.output.contains("Set aside"))
        #expect(StudyFixture.headers(review.output).first?.hasPrefix("[b1]  review, recall") == true)

        #expect(try fixture.run(["review", "--unsuspend", "b1"]).status == 64)  // which bank?
        let unknown = try fixture.run(["review", "study", "--unsuspend", "b2"])
        #expect(unknown.status == 1)
        #expect(unknown.errors.contains("bank 'study' has no review card for 'b2'"))
    }

    @Test("a wrong answer rated Hard by hand still counts as wrong in stats and mastery")
    func wrongRatedHard() throws {
        let fixture = try StudyFixture()
        defer { fixture.remove() }
        // f1 and f2 new, both answered wrongly: f1 re-rated 2 (Hard), f2 left at Again; then quit.
        let run = try fixture.run(["review", "study", "--new", "2", "--seed", "1"] + StudyFixture.now(),
                                  typing: [StudyFixture.wrong["f1"] ?? "", "2", StudyFixture.wrong["f2"] ?? "", "", "quit"])
        #expect(run.status == 0, "\(run.errors)")
        #expect(StudyFixture.headers(run.output).prefix(2) == ["[f1]  new", "[f2]  new"])
        #expect(run.output.contains("Rated 2 Hard"))
        #expect(run.output.contains("Reviewed 2: 1 Again, 1 Hard, 0 Good, 0 Easy."))

        let store = try ProgressStore(path: fixture.database)
        let log = try store.reviewLog(bank: "study")
        #expect(log.map(\.rating) == [.hard, .again])
        #expect(log.map(\.correct) == [false, false])
        #expect(try store.answerRecord(bank: "study").map(\.isCorrect) == [false, false])
        try store.close()

        let stats = try fixture.run(["stats", "study"] + StudyFixture.now(60))
        #expect(stats.output.contains("  0% of 2 answers"), "\(stats.output)")
        let json = try fixture.run(["stats", "study", "--json"] + StudyFixture.now(60))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let bank = try #require((object["banks"] as? [[String: Any]])?.first)
        let fruit = try #require(((bank["domains"] as? [[String: Any]])?.first?["topics"] as? [[String: Any]])?.first)
        let mastery = try #require(fruit["mastery"] as? [String: Any])
        #expect(mastery["answered"] as? Int == 2 && mastery["correct"] as? Int == 0)
    }

    @Test("exams feed the schedule (not with --no-srs), and review picks their questions up")
    func examsFeedReview() throws {
        let fixture = try StudyFixture()
        defer { fixture.remove() }
        let noSRS = try fixture.run(["take", "study-exam", "--seed", "3", "--no-srs"], typing: ["a", "a", "a", "a", "submit"])
        #expect(noSRS.output.contains("Submitted."), "\(noSRS.output)\(noSRS.errors)")
        var store = try ProgressStore(path: fixture.database)
        #expect(try store.studyCards(bank: "study").isEmpty)
        try store.close()

        let exam = try fixture.run(["take", "study-exam", "--seed", "3"], typing: ["a", "a", "a", "a", "submit"])
        #expect(exam.output.contains("Submitted."))
        store = try ProgressStore(path: fixture.database)
        let cards = try store.studyCards(bank: "study")
        #expect(cards.count == 4)
        let log = try store.reviewLog(bank: "study")
        #expect(log.count == 4 && log.allSatisfy { $0.source == .exam && $0.attempt == 2 })
        // "a" (True) is right for f1, v1 and b1 and wrong for the others: Again for those.
        for row in log {
            #expect((row.rating == .again) == (StudyFixture.answers[row.questionID] == "b"), "\(row.questionID)")
            #expect(row.correct == (StudyFixture.answers[row.questionID] == "a"), "\(row.questionID)")
        }
        // Both exams count in the answer record (they were graded), the review log only once.
        #expect(try store.answerRecord(bank: "study").count == 8)
        try store.close()

        // Two days on, every exam question is due, and review shows them before any new one.
        let later = Timestamp(secondsSince1970: Date().timeIntervalSince1970 + 2 * 86_400)
        let review = try fixture.run(["review", "study", "--new", "5", "--now", ISO8601Timestamp.format(later)])
        #expect(review.output.contains("Review: 4 due, 2 new"))
        let first = StudyFixture.headers(review.output).first ?? ""
        #expect(cards.map(\.questionID).contains { first.hasPrefix("[\($0)]") })
    }
}
