import ProctorCore
import ProctorTerminal
import Testing

@Suite("Practice driver")
struct PracticeDriverTests {
    @Test func answerVerdictRatingAndSummary() throws {
        let items = [Fixtures.practiceItem(0), Fixtures.practiceItem(3)]
        let terminal = TestTerminal(script: [
            .key(.enter),                            // nothing chosen yet: a message
            .type("a"), .wait(4), .key(.enter),      // A is q1-c: wrong
            .key(.down), .type("9"), .key(.enter),   // scroll; 9 is no rating; Enter accepts Again
            .type("0.8"), .key(.enter), .type("4"),  // right; rated Easy
            .key(.enter),                            // the summary
        ])
        var answers: [PracticeAnswer] = []
        var ratings: [PracticeRating] = []
        var summary = ""
        var driver = FullScreenPracticeDriver(
            title: "Practice · demo", items: items, now: { terminal.now },
            check: { answer in
                answers.append(answer)
                let correct = answer.item.question.isCorrect(answer.response)
                return PracticeVerdict(isCorrect: correct, suggestedRating: correct ? .good : .again)
            },
            rate: { rating in
                ratings.append(rating)
                return "Rated \(rating.rating)."
            }
        )
        let outcome = try FullScreen.run(terminal: terminal, theme: .monochrome) { screen in
            let outcome = try driver.run(on: screen)
            summary = terminal.screenText
            return outcome
        }
        #expect(outcome == PracticeOutcome(answered: 2, correct: 1, completed: true))
        #expect(answers.map(\.response) == [.options(["q1-c"]), .number(0.8)])
        #expect(answers.first?.seconds == 4)
        #expect(ratings.map(\.rating) == [.again, .easy])
        #expect(ratings.map(\.questionID) == ["q1", "q4"])
        #expect(summary.contains("You answered 2; 1 right (50%)."))
        #expect(!terminal.ranOutOfKeys)
    }

    @Test func theVerdictScreenShowsTheExplanationAndFeedback() throws {
        let terminal = TestTerminal(script: [.type("b"), .key(.enter), .wait(0.1)])
        var shown = ""
        var driver = FullScreenPracticeDriver(
            title: "Review", items: [Fixtures.practiceItem(0)], now: { terminal.now },
            check: { _ in PracticeVerdict(isCorrect: false, suggestedRating: .again, notes: ["Due again in 10 minutes."]) },
            rate: { _ in nil }
        )
        _ = try FullScreen.run(terminal: terminal, theme: .monochrome) { screen in
            let outcome = try driver.run(on: screen)
            shown = terminal.screenText
            return outcome
        }
        #expect(shown.contains("✗ Not right. The answer is C."))
        #expect(shown.contains("Your answer: B"))
        #expect(shown.contains("Explanation"))
        #expect(shown.contains("You chose B"))
        #expect(shown.contains("Due again in 10 minutes."))
        #expect(shown.contains("Rate it: Enter accepts Again, or press"))
    }

    @Test func skipAndQuit() throws {
        let items = [Fixtures.practiceItem(0), Fixtures.practiceItem(1)]
        let terminal = TestTerminal(script: [.key(.right), .type("q")])
        var checked = 0
        var driver = FullScreenPracticeDriver(title: "Drill", items: items, now: { terminal.now },
                                              check: { _ in checked += 1; return PracticeVerdict(isCorrect: true) },
                                              rate: { _ in nil })
        let outcome = try FullScreen.run(terminal: terminal, theme: .monochrome) { try driver.run(on: $0) }
        #expect(outcome == PracticeOutcome(answered: 0, correct: 0, skipped: 1, completed: false))
        #expect(checked == 0)
        #expect(driver.view.index == 1)
        #expect(driver.current?.question.id == "q2")
    }
}

@Suite("Practice driver with a growing queue")
struct PracticeQueueTests {
    @Test func questionsComeOneAtATimeAndTheTotalCanGrow() throws {
        var queue = [Fixtures.practiceItem(2)]
        var planned = 1
        var skipped: [String] = []
        let terminal = TestTerminal(script: [
            .type("a"), .key(.enter), .type("1"),   // q3 True: right, but rated Again: it comes back
            .wait(0.1), .key(.right),               // skipped when it comes back
            .key(.enter),
        ])
        var headers: [String] = []
        var driver = FullScreenPracticeDriver(
            title: "Review", total: { planned },
            next: {
                headers.append(terminal.screenText.split(separator: "\n").first.map(String.init) ?? "")
                return queue.isEmpty ? nil : queue.removeFirst()
            },
            now: { terminal.now },
            check: { answer in PracticeVerdict(isCorrect: answer.item.question.isCorrect(answer.response),
                                               suggestedRating: .good) },
            rate: { rated in
                if rated.rating == .again {
                    queue.append(rated.item)
                    planned += 1
                }
                return nil
            },
            skip: { skipped.append($0.question.id) }
        )
        let outcome = try FullScreen.run(terminal: terminal, theme: .monochrome) { try driver.run(on: $0) }
        #expect(outcome == PracticeOutcome(answered: 1, correct: 1, skipped: 1, completed: true))
        #expect(skipped == ["q3"])
        #expect(headers.contains { $0.contains("Review · Question 1 of 1") })
        #expect(headers.contains { $0.contains("Review · Question 2 of 2") })
        #expect(!terminal.ranOutOfKeys)
    }
}

@Suite("Home driver")
struct HomeDriverTests {
    private func choose(_ keys: [Key], state: HomeState = ScreenSnapshotTests.home) throws -> HomeChoice {
        let terminal = TestTerminal(script: keys.map { .key($0) })
        var driver = HomeScreenDriver(state: state)
        return try FullScreen.run(terminal: terminal, theme: .monochrome) { try driver.run(on: $0) }
    }

    @Test func arrowsSelectAndEnterChooses() throws {
        #expect(try choose([.enter]) == .resume(attempt: 4))
        #expect(try choose([.down, .enter]) == .review(bankID: nil))
        #expect(try choose([.down, .down, .down, .down, .enter]) == .drillWeak(bankID: "demo"))
        #expect(try choose([.end, .enter]) == .practice(bankID: "csm"))
        #expect(try choose([.end, .up, .up, .enter]) == .takeExam(examID: "csm"))
    }

    @Test func shortcutsAndQuit() throws {
        #expect(try choose([.character("r")]) == .review(bankID: nil))
        #expect(try choose([.character("d")]) == .drillWeak(bankID: "demo"))
        #expect(try choose([.character("q")]) == .quit)
        #expect(try choose([.ctrlC]) == .quit)
        #expect(try choose([.character("r"), .character("q")], state: HomeState()) == .quit)
    }
}

@Suite("Results driver")
struct ResultsDriverTests {
    @Test func reportThenWalkThroughAndBack() throws {
        let report = ScreenSnapshotTests.report(Fixtures.bank.exams[0].scoring)
        let terminal = TestTerminal(script: [
            .wait(0.1), .type("w"), .key(.right), .key(.right), .key(.left), .wait(0.1), .type("e"), .wait(0.1),
            .key(.escape), .wait(0.1), .type("q"),
        ])
        var screens: [String] = []
        var driver = FullScreenResultsDriver(report: report, form: Fixtures.form, content: Fixtures.content)
        try FullScreen.run(terminal: terminal, theme: .monochrome) { screen in
            // Read the screen at each pause by running the driver key by key is not possible from
            // outside; the virtual screen is checked at the end instead.
            try driver.run(on: screen)
            screens.append(terminal.screenText)
        }
        #expect(driver.view == ResultsView())
        #expect(screens.last?.contains("Score report · Demo PM Exam · Attempt 3") == true)
        #expect(!terminal.ranOutOfKeys)
    }
}
