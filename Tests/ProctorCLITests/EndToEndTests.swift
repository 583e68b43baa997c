import Foundation
import ProctorStore
import Testing

/// The real `proctor` binary in plain mode over pipes, with a temporary bank folder and database.
@Suite("proctor end to end, plain mode", .serialized)
struct EndToEndTests {
    /// The line the tests type for a question, read off the block on screen: right answers except
    /// for q2 (wrong on purpose); q6 is left for the caller.
    static func answer(to block: PlainBlock) -> String? {
        let letter = { (text: String) in block.letters[text] ?? "?" }
        switch block.questionID {
        case "q1": return letter("Banana")
        case "q2": return letter("Red") + " " + letter("Yellow")
        case "q3": return "1.25"
        case "q4": return ["One", "Two", "Three"].map(letter).joined(separator: " ")
        case "q5":
            return [("Cat", "Meow"), ("Dog", "Woof"), ("Cow", "Moo")]
                .map { "\(block.numbers[$0.0] ?? 0)\(letter($0.1))" }.joined(separator: " ")
        default: return nil
        }
    }

    /// The answers above in the bank's ids, as `results --json` gives them.
    static var expectedAnswers: [String: [String: AnyHashable]] { [
        "q1": ["options": ["b"]],
        "q2": ["options": ["a", "b"]],
        "q3": ["number": 1.25],
        "q4": ["order": ["one", "two", "three"]],
        "q5": ["pairs": ["cat": "cat", "dog": "dog", "cow": "cow"]],
    ] }

    static let prompts = ["answer> ", "Take it now? [Y/n] ", "resume> ", "really submit? [y/N] "]

    /// Answers every question the way `answer(to:)` says until the exam is submitted; q6 is flagged
    /// and left unanswered, breaks are taken, and the submit is confirmed.
    static func finishExam(_ process: ProctorProcess, alreadyAnswered: Set<String> = []) throws {
        var handled = alreadyAnswered
        for _ in 0..<60 {
            let (prompt, text) = try process.waitForAny(prompts)
            switch prompt {
            case "Take it now? [Y/n] ":
                process.send("y")
            case "resume> ":
                process.send("")
            case "really submit? [y/N] ":
                process.send("y")
                return
            default:
                let block = try #require(PlainBlock(lastIn: process.text))
                if text.contains("This is the last question") {
                    process.send("submit")
                } else if block.questionID == "q6" && !handled.contains("q6") {
                    process.send("flag")
                    handled.insert("q6")
                } else if handled.contains(block.questionID) {
                    process.send("next")
                } else {
                    process.send(try #require(answer(to: block)))
                    handled.insert(block.questionID)
                }
            }
        }
        Issue.record("the exam did not end")
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func questions(in report: [String: Any]) throws -> [String: [String: Any]] {
        let list = try #require(report["questions"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: list.compactMap { entry in
            (entry["questionID"] as? String).map { ($0, entry) }
        })
    }

    static func answerValue(_ entry: [String: Any]?) -> [String: AnyHashable]? {
        guard let answer = entry?["answer"] as? [String: Any] else { return nil }
        var result: [String: AnyHashable] = [:]
        for (key, value) in answer {
            switch value {
            case let list as [String]: result[key] = list
            case let map as [String: String]: result[key] = map
            case let number as Double: result[key] = number
            default: result[key] = "\(value)"
            }
        }
        return result
    }

    @Test("a full exam over a pipe: bad input asked again, a break, a flag, submit, and a report that matches the key")
    func fullExam() throws {
        let fixture = try PlainFixture()
        defer { fixture.remove() }
        let process = try ProctorProcess(["take", "e2e-exam", "--seed", "11", "--plain"] + fixture.common)
        try process.waitFor("answer> ")
        // A line that does not parse: the reason, then the same prompt again.
        process.send("zzz")
        try Self.finishExam(process)
        #expect(try process.waitForExit() == 0)
        let output = process.text
        let complaint = output.components(separatedBy: "answer> zzz\n").dropFirst().first
        #expect(complaint?.components(separatedBy: "\n").first?.hasSuffix("(Type ? for help.)") == true)
        #expect(complaint?.components(separatedBy: "\n").dropFirst().first?.hasPrefix("answer> ") == true)
        #expect(output.contains("Submitted."))
        #expect(output.contains("Result: PASS, 66.7% (4 of 6 correct; pass mark 50%)"))
        #expect(output.contains("Break: up to 1 minute. Take it now? [Y/n]"))
        #expect(output.contains("Question 1 of 6  ["))

        let results = try ProctorProcess.run(["results", "1", "--json"] + fixture.common)
        #expect(results.status == 0)
        let report = try Self.json(results.output)
        #expect(report["status"] as? String == "finished")
        #expect(report["attempt"] as? Int == 1)
        #expect(report["exam"] as? String == "e2e-exam")
        #expect(report["bank"] as? String == "e2e")
        #expect(report["passed"] as? Bool == true)
        #expect(report["correct"] as? Int == 4)
        #expect(report["started"] is String)
        #expect(report["finished"] is String)
        let percent = try #require(report["percent"] as? Double)
        #expect(abs(percent - 400.0 / 6) < 1e-9)
        let questions = try Self.questions(in: report)
        #expect(questions.count == 6)
        for (id, expected) in Self.expectedAnswers {
            #expect(Self.answerValue(questions[id]) == expected, "answer to \(id)")
            #expect(questions[id]?["isCorrect"] as? Bool == (id != "q2"), "verdict on \(id)")
            #expect(questions[id]?["domainID"] as? String == PlainFixture.domains[id])
        }
        #expect(questions["q6"]?["answer"] == nil)
        #expect(questions["q6"]?["isFlagged"] as? Bool == true)
        #expect(questions["q6"]?["isCorrect"] as? Bool == false)
        let domains = try #require(report["domains"] as? [[String: Any]])
        #expect(domains.map { $0["domainID"] as? String } == ["alpha", "beta"])
        #expect(domains.map { $0["correct"] as? Int } == [2, 2])
        #expect(domains.map { $0["questions"] as? Int } == [3, 3])

        let history = try ProctorProcess.run(["history", "--json"] + fixture.common)
        let attempts = try #require(try JSONSerialization.jsonObject(with: Data(history.output.utf8)) as? [[String: Any]])
        #expect(attempts.count == 1)
        #expect(attempts.first?["status"] as? String == "finished")
        #expect(attempts.first?["passed"] as? Bool == true)

        let wrong = try ProctorProcess.run(["results", "1", "--wrong"] + fixture.common)
        #expect(wrong.status == 0)
        #expect(wrong.output.contains("Red, green and blue."))
        #expect(!wrong.output.contains("Bananas are yellow and curved."))

        // The five answered questions now have review cards.
        let store = try ProgressStore(path: fixture.database)
        #expect(try store.cards(bank: "e2e").map(\.questionID).sorted() == ["q1", "q2", "q3", "q4", "q5"])
        #expect(try store.reviewLog(bank: "e2e").allSatisfy { $0.source == .exam && $0.attempt == 1 })
        #expect(try store.reviewLog(bank: "e2e", question: "q2").first?.rating == .again)
        #expect(try store.integrityProblems().isEmpty)
        try store.close()
    }

    @Test("kill -9 mid-exam, then resume: the answers are there and the time left is what it was")
    func killAndResume() throws {
        let fixture = try PlainFixture()
        defer { fixture.remove() }
        let process = try ProctorProcess(["take", "e2e-exam", "--seed", "5", "--no-srs"] + fixture.common)
        try process.waitFor("answer> ")
        let opened = Date()
        var answered: [String] = []
        for _ in 0..<2 {
            let block = try #require(PlainBlock(lastIn: process.text))
            let line = Self.answer(to: block) ?? block.letters["False"] ?? "b"
            process.send(line)
            answered.append(block.questionID)
            try process.waitFor("answer> ")
        }
        Thread.sleep(forTimeInterval: 2.5)
        let killed = Date()
        process.killHard()
        try process.waitForExit()
        let used = killed.timeIntervalSince(opened)

        let during = try Self.json(try ProctorProcess.run(["results", "1", "--json"] + fixture.common).output)
        #expect(during["status"] as? String == "in-progress")
        let left = try #require(during["timeLeftSeconds"] as? Double)
        #expect(abs(left - (600 - used)) <= 1.5, "time left \(left) after \(used) s")
        let before = try Self.questions(in: during)
        for id in answered {
            #expect(before[id]?["answer"] != nil, "answer to \(id) kept")
            if let expected = Self.expectedAnswers[id] { #expect(Self.answerValue(before[id]) == expected) }
        }
        #expect(before.values.filter { $0["answer"] != nil }.count == 2)

        let resumed = try ProctorProcess(["resume", "--plain"] + fixture.common)
        let first = try resumed.waitFor("answer> ")
        #expect(first.contains("Resuming attempt 1: Fixture exam, 2 of 6 answered"))
        let block = try #require(PlainBlock(lastIn: resumed.text))
        #expect(block.number == 3)
        let shown = try #require(block.timeLeft)
        #expect(abs(Double(shown) - left) <= 1.5, "header shows \(shown) s, \(left) s were left")
        // Carry on from here: the prompt is already waiting.
        resumed.send(Self.answer(to: block) ?? block.letters["False"] ?? "b")
        try Self.finishExam(resumed, alreadyAnswered: Set(answered + [block.questionID]))
        #expect(try resumed.waitForExit() == 0)
        #expect(resumed.text.contains("Result: "))

        let after = try Self.json(try ProctorProcess.run(["results", "1", "--json"] + fixture.common).output)
        #expect(after["status"] as? String == "finished")
        let afterQuestions = try Self.questions(in: after)
        for id in answered { #expect(Self.answerValue(afterQuestions[id]) == Self.answerValue(before[id])) }
        let timing = try #require(after["timing"] as? [String: Any])
        let elapsed = try #require(timing["elapsedSeconds"] as? Double)
        #expect(elapsed >= 600 - left && elapsed < 600 - left + 30)

        // --no-srs: nothing was scheduled.
        let store = try ProctorStore.ProgressStore(path: fixture.database)
        #expect(try store.cards(bank: "e2e").isEmpty)
        try store.close()
    }

    @Test("kill -9 in the middle of writing: acknowledged answers survive and the database stays sound",
          arguments: [(1, 21), (2, 22), (3, 23), (4, 24)])
    func killWhileWriting(acknowledged: Int, seed: Int) throws {
        let fixture = try PlainFixture()
        defer { fixture.remove() }
        let process = try ProctorProcess(["take", "e2e-exam", "--seed", String(seed)] + fixture.common)
        var given: [String] = []
        for index in 0...acknowledged {
            let (prompt, _) = try process.waitForAny(Self.prompts)
            if prompt != "answer> " {
                process.send(prompt == "Take it now? [Y/n] " ? "n" : "")
                continue
            }
            let block = try #require(PlainBlock(lastIn: process.text))
            process.send(Self.answer(to: block) ?? block.letters["False"] ?? "b")
            if index < acknowledged { given.append(block.questionID) }
        }
        // The last answer is on its way in: kill without waiting for it to be acknowledged.
        process.killHard()
        try process.waitForExit()

        let store = try ProgressStore(path: fixture.database)
        #expect(try store.integrityProblems().isEmpty)
        try store.close()
        let report = try Self.json(try ProctorProcess.run(["results", "1", "--json"] + fixture.common).output)
        let questions = try Self.questions(in: report)
        for id in given { #expect(questions[id]?["answer"] != nil, "acknowledged answer to \(id) kept") }
        let resumed = try ProctorProcess(["resume"] + fixture.common)
        try resumed.waitFor("answer> ")
        resumed.closeInput()
        #expect(try resumed.waitForExit() == 0)
    }

    @Test("an attempt open in one process cannot be resumed in another; after a kill -9 it can")
    func attemptLock() throws {
        let fixture = try PlainFixture()
        defer { fixture.remove() }
        let first = try ProctorProcess(["take", "e2e-exam", "--seed", "4", "--no-srs"] + fixture.common)
        try first.waitFor("answer> ")
        let second = try ProctorProcess(["resume", "1", "--plain"] + fixture.common)
        second.closeInput()
        #expect(try second.waitForExit() == 1)
        #expect(second.errorText.contains("attempt 1 is open in another proctor"))
        first.killHard()
        _ = try first.waitForExit()
        let third = try ProctorProcess(["resume", "1", "--plain"] + fixture.common)
        try third.waitFor("answer> ")
        third.closeInput()
        #expect(try third.waitForExit() == 0)
    }

    @Test("input that ends mid-exam stops it like quit; resume carries on")
    func inputEnds() throws {
        let fixture = try PlainFixture()
        defer { fixture.remove() }
        let process = try ProctorProcess(["take", "e2e-exam", "--seed", "3"] + fixture.common)
        try process.waitFor("answer> ")
        let block = try #require(PlainBlock(lastIn: process.text))
        process.send(Self.answer(to: block) ?? block.letters["False"] ?? "b")
        try process.waitFor("answer> ")
        process.closeInput()
        #expect(try process.waitForExit() == 0)
        #expect(process.text.contains("carry on with: proctor resume 1"))

        let report = try Self.json(try ProctorProcess.run(["results", "1", "--json"] + fixture.common).output)
        #expect(report["status"] as? String == "in-progress")
        #expect(try Self.questions(in: report)[block.questionID]?["answer"] != nil)
        let history = try ProctorProcess.run(["history"] + fixture.common)
        #expect(history.output.contains("in-progress (1/6 answered)"))
    }

    @Test("practice: verdicts, explanations and ratings that feed the schedule")
    func practice() throws {
        let fixture = try PlainFixture()
        defer { fixture.remove() }
        let process = try ProctorProcess(["practice", "e2e", "--count", "3", "--seed", "4"] + fixture.common)
        for _ in 0..<20 {
            let (prompt, _) = try process.waitForAny(["answer> ", "rate> ", "Score report"])
            if prompt == "Score report" { break }
            if prompt == "rate> " {
                process.send("")
                continue
            }
            let block = try #require(PlainBlock(lastIn: process.text))
            process.send(Self.answer(to: block) ?? block.letters["False"] ?? "b")
        }
        #expect(try process.waitForExit() == 0)
        #expect(process.text.contains("Explanation"))
        #expect(process.text.contains("Suggested rating: "))
        let store = try ProgressStore(path: fixture.database)
        #expect(try store.cards(bank: "e2e").count == 3)
        #expect(try store.reviewLog(bank: "e2e").allSatisfy { $0.source == .practice })
        #expect(try store.history().first?.status == .finished)
        try store.close()
    }

    @Test("unknown exams and banks, missing attempts: a message listing what exists, exit 1")
    func badInput() throws {
        let fixture = try PlainFixture()
        defer { fixture.remove() }
        let exam = try ProctorProcess.run(["take", "no-such-exam"] + fixture.common)
        #expect(exam.status == 1)
        #expect(exam.errors.contains("no exam 'no-such-exam'. Installed exams: e2e-exam"))
        let bank = try ProctorProcess.run(["practice", "no-such-bank"] + fixture.common)
        #expect(bank.status == 1)
        #expect(bank.errors.contains("no bank 'no-such-bank'. Installed banks: e2e"))
        let domain = try ProctorProcess.run(["practice", "e2e", "--domain", "gamma"] + fixture.common)
        #expect(domain.status == 1)
        #expect(domain.errors.contains("Its domains: alpha, beta"))
        let results = try ProctorProcess.run(["results", "7"] + fixture.common)
        #expect(results.status == 1)
        let resume = try ProctorProcess.run(["resume"] + fixture.common)
        #expect(resume.status == 1)
        #expect(resume.errors.contains("no unfinished exam"))
    }

    @Test("a database file that is not Proctor's is named in the error and left as it was")
    func foreignFile() throws {
        let fixture = try PlainFixture()
        defer { fixture.remove() }
        let path = fixture.folder.appendingPathComponent("notes.txt").path
        let contents = Data("not a database\n".utf8)
        #expect(FileManager.default.createFile(atPath: path, contents: contents))
        let run = try ProctorProcess.run(["history", "--db", path, "--banks", fixture.banks])
        #expect(run.status == 1)
        #expect(run.errors.contains(path))
        #expect(FileManager.default.contents(atPath: path) == contents)
    }
}
