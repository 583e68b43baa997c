import ProctorCore
import ProctorTerminal
import Testing

/// The exam driver on an in-memory terminal: keys in, session events out, screens as a person sees them.
@Suite("Exam driver")
struct ExamDriverTests {
    /// Runs a fresh session of the fixture form through `steps`; returns the outcome, the events
    /// handed to the caller and the terminal.
    private func run(_ steps: [TestTerminal.Step], size: TerminalSize = .minimum,
                     session: ExamSession = ExamSession(form: Fixtures.form),
                     failOn: ((SessionEvent) -> Bool)? = nil) throws
        -> (outcome: FullScreenExamDriver.Outcome, events: [SessionEvent], terminal: TestTerminal) {
        let terminal = TestTerminal(size: size, now: Fixtures.start, script: steps)
        var events: [SessionEvent] = []
        var driver = FullScreenExamDriver(session: session, content: Fixtures.content, now: { terminal.now },
                                          onEvent: { event in
                                              if failOn?(event) == true { throw TerminalError("disk full") }
                                              events.append(event)
                                          })
        let outcome = try FullScreen.run(terminal: terminal, theme: .monochrome) { try driver.run(on: $0) }
        return (outcome, events, terminal)
    }

    private func key(_ character: Character) -> TestTerminal.Step { .key(.character(character)) }

    @Test func aWholeExamAnsweredRightThroughTheKeys() throws {
        let steps: [TestTerminal.Step] = [
            .type("c"), .type("m"), .type("x"), .type("b"), .key(.enter),   // q1: C is the right one; flag; strike B
            .type("ab"), .key(.enter),                                       // q2: A and B
            .type("a"), .wait(2), .key(.right),                              // q3: True
            .type("0.8"), .key(.enter),                                      // q4: typed, saved by Enter
            .type("k"),                                                      // the break offer: skip
            .type("bdac"), .key(.enter),                                     // q5: the order
            .type("1b2c3a"), .key(.enter),                                   // q6: the pairs
            .type("-10,000"), .key(.enter),                                  // q7
            .type("b"),                                                      // q8
            .type("r"), .type("f"), .key(.enter),                            // review, flagged only, jump: locked
            .key(.escape), .type("s"), .type("y"),
        ]
        let (outcome, events, terminal) = try run(steps)
        guard case .submitted(let session) = outcome else {
            Issue.record("not submitted: \(outcome)")
            return
        }
        #expect(!terminal.ranOutOfKeys)
        #expect(terminal.leaveCount == 1 && !terminal.isFullScreen)
        #expect(session.phase == .submitted(.candidate))
        #expect(session.flags[0])
        #expect(session.struckOptions[0] == ["q1-a"])
        #expect(ExamSession.replay(form: Fixtures.form, events: events) == session)
        let report = scoreExam(session, bank: Fixtures.bank, scoring: .percent(pass: 70))
        #expect(report.correct == 8, "\(report.questions.map { ($0.questionID, $0.answer as Any) })")
        #expect(report.passed)
    }

    @Test func theCountdownRedrawsOnlyTheHeaderEachSecond() throws {
        let terminal = TestTerminal(size: .minimum, now: Fixtures.start, script: [.wait(1), .wait(1), .wait(1), .wait(0.5), .type("q")])
        var driver = FullScreenExamDriver(session: ExamSession(form: Fixtures.form), content: Fixtures.content,
                                          now: { terminal.now }, onEvent: { _ in })
        _ = try FullScreen.run(terminal: terminal, theme: .color) { try driver.run(on: $0) }
        // enter, first full frame, then one write per tick, then quit's leave.
        let ticks = terminal.writes.filter { $0.contains("Time left 59:5") }
        #expect(ticks.count == 3)
        for write in ticks {
            #expect(write.hasPrefix("\u{1B}[1;1H"))
            #expect(!write.contains("\u{1B}[2;1H") && !write.contains("\u{1B}[2J"))
        }
    }

    @Test func clockEventsAreHandedOnEverySecond() throws {
        let (_, events, _) = try run([.wait(3.5), .type("q")])
        let clocks = events.filter { if case .clock = $0 { true } else { false } }
        #expect(clocks.count >= 3)
        #expect(events.first == .opened(at: Fixtures.start))
        if case .closed = events.last {} else { Issue.record("last event is not closed: \(String(describing: events.last))") }
    }

    @Test func quitKeepsTheSessionOpenForResume() throws {
        let (outcome, events, terminal) = try run([.type("c"), .type("q")])
        guard case .quit(let session) = outcome else {
            Issue.record("not quit")
            return
        }
        #expect(!session.isOpen && !session.isSubmitted)
        #expect(session.responses[0] == .options(["q1-b"]))
        #expect(ExamSession.replay(form: Fixtures.form, events: events) == session)
        #expect(terminal.leaveCount == 1)
        // Resuming carries on where it stopped.
        let (again, _, _) = try run([.type("q")], session: session)
        if case .quit(let resumed) = again { #expect(resumed.responses[0] == .options(["q1-b"])) }
    }

    @Test func ctrlCQuitsLikeQ() throws {
        let (outcome, _, terminal) = try run([.type("c"), .key(.ctrlC)])
        if case .quit = outcome {} else { Issue.record("Ctrl-C did not quit") }
        #expect(!terminal.isFullScreen)
    }

    @Test func aSignalRestoresTheTerminalAndThrowsForTheExitStatus() throws {
        let terminal = TestTerminal(script: [.type("c"), .key(.signal(.terminate))])
        var events: [SessionEvent] = []
        var driver = FullScreenExamDriver(session: ExamSession(form: Fixtures.form), content: Fixtures.content,
                                          now: { terminal.now }, onEvent: { events.append($0) })
        #expect(throws: TerminalInterruption(signal: .terminate)) {
            try FullScreen.run(terminal: terminal, theme: .monochrome) { try driver.run(on: $0) }
        }
        #expect(!terminal.isFullScreen && terminal.leaveCount == 1)
        #expect(events.contains(.answered(index: 0, response: .options(["q1-b"]))))
        if case .closed = events.last {} else { Issue.record("the session was not closed") }
    }

    @Test func anErrorFromTheCallerRestoresTheTerminal() throws {
        let terminal = TestTerminal(script: [.type("c"), .type("q")])
        var driver = FullScreenExamDriver(session: ExamSession(form: Fixtures.form), content: Fixtures.content,
                                          now: { terminal.now }, onEvent: { event in
                                              if case .answered = event { throw TerminalError("disk full") }
                                          })
        #expect(throws: TerminalError("disk full")) {
            try FullScreen.run(terminal: terminal, theme: .monochrome) { try driver.run(on: $0) }
        }
        #expect(!terminal.isFullScreen && terminal.leaveCount == 1)
        #expect(!terminal.screen.isAlternate)
    }

    @Test func reviewFiltersAndEnterJumps() throws {
        let (outcome, _, terminal) = try run([
            .type("c"), .key(.enter), .type("m"), .type("r"), .type("f"), .key(.enter),   // flagged q2, jump
            .type("r"), .key(.tab), .key(.down), .key(.enter),                        // incomplete: q3
            .type("q"),
        ])
        guard case .quit(let session) = outcome else { return }
        #expect(session.currentIndex == 2)
        #expect(terminal.screenText.isEmpty == false)
    }

    @Test func aResizeRedrawsAtTheNewSizeAndTooSmallShowsAMessage() throws {
        let terminal = TestTerminal(size: .minimum, now: Fixtures.start, script: [
            .resize(TerminalSize(columns: 120, rows: 40)), .wait(0.5),
        ])
        var driver = FullScreenExamDriver(session: ExamSession(form: Fixtures.form), content: Fixtures.content,
                                          now: { terminal.now }, onEvent: { _ in })
        var screens: [String] = []
        _ = try FullScreen.run(terminal: terminal, theme: .monochrome) { screen in
            let outcome = try driver.run(on: screen)
            screens.append(terminal.screenText)
            return outcome
        }
        let wide = screens.last ?? ""
        #expect(wide.split(separator: "\n", omittingEmptySubsequences: false).count == 41)
        #expect(wide.contains("Demo PM Exam · Question 1 of 8"))

        let small = TestTerminal(size: .minimum, now: Fixtures.start, script: [
            .resize(TerminalSize(columns: 70, rows: 20)), .type("c"), .wait(0.2),
        ])
        var smallDriver = FullScreenExamDriver(session: ExamSession(form: Fixtures.form), content: Fixtures.content,
                                               now: { small.now }, onEvent: { _ in })
        var seen = ""
        _ = try FullScreen.run(terminal: small, theme: .monochrome) { screen in
            let outcome = try smallDriver.run(on: screen)
            seen = small.screenText
            return outcome
        }
        #expect(seen.contains("The window is 70×20."))
        #expect(seen.contains("Proctor needs at least 80×24."))
        #expect(smallDriver.session.responses[0] == nil, "keys are ignored while the window is too small")
    }

    @Test func timeRunningOutSubmitsAndShowsTheNotice() throws {
        let terminal = TestTerminal(script: [.type("c"), .wait(100), .key(.enter)])
        var screenAtTimeUp = ""
        var events: [SessionEvent] = []
        var form = Fixtures.form
        form.timeLimitSeconds = 60
        var driver = FullScreenExamDriver(session: ExamSession(form: form), content: Fixtures.content,
                                          now: { terminal.now }, onEvent: { events.append($0) })
        let outcome = try FullScreen.run(terminal: terminal, theme: .monochrome) { screen in
            let outcome = try driver.run(on: screen)
            screenAtTimeUp = terminal.screenText
            return outcome
        }
        guard case .submitted(let session) = outcome else {
            Issue.record("not submitted")
            return
        }
        #expect(session.phase == .submitted(.timeout))
        #expect(session.elapsedSeconds == 60)
        #expect(screenAtTimeUp.contains("Time is up."))
        #expect(events.contains { if case .submitted(.timeout, _) = $0 { true } else { false } })
    }

    @Test func aBreakStopsTheExamClockAndEnterEndsIt() throws {
        let (outcome, _, terminal) = try run([
            .type("g"), .type("4"), .key(.enter), .key(.enter), .type("t"), .wait(30), .key(.enter), .type("q"),
        ])
        guard case .quit(let session) = outcome else { return }
        #expect(session.sectionIndex == 1)
        #expect(session.currentIndex == 4)
        #expect(session.elapsedSeconds < 10, "the 30 s on the break are not exam time")
        #expect(!terminal.ranOutOfKeys)
    }

    @Test func lockedQuestionsAreRefusedWithAMessage() throws {
        let terminal = TestTerminal(script: [.type("g"), .type("4"), .key(.enter), .key(.enter), .type("k"),
                                             .key(.left), .wait(0.1)])
        var driver = FullScreenExamDriver(session: ExamSession(form: Fixtures.form), content: Fixtures.content,
                                          now: { terminal.now }, onEvent: { _ in })
        var text = ""
        _ = try FullScreen.run(terminal: terminal, theme: .monochrome) { screen in
            let outcome = try driver.run(on: screen)
            text = terminal.screenText
            return outcome
        }
        #expect(text.contains("Question 4 is locked"))
    }
}

/// The key map alone: keys and a session in, actions and view changes out.
@Suite("Exam keys")
struct ExamKeysTests {
    private func handle(_ keys: [Key], session: ExamSession, view: ExamView = ExamView())
        -> (effects: [ExamEffect], view: ExamView) {
        var view = view
        var effects: [ExamEffect] = []
        for key in keys { effects += ExamKeys.handle(key, session: session, view: &view, pageHeight: 19) }
        return (effects, view)
    }

    @Test func lettersAndDigitsChooseByDisplayPosition() {
        let session = Fixtures.session([])
        #expect(handle([.character("c")], session: session).effects == [.perform(.answer(.options(["q1-b"])))])
        #expect(handle([.character("3")], session: session).effects == [.perform(.answer(.options(["q1-b"])))])
        #expect(handle([.character("C")], session: session).effects == [.perform(.answer(.options(["q1-b"])))])
        #expect(handle([.character("e")], session: session).view.message != nil)
    }

    @Test func multipleResponseToggles() {
        let session = Fixtures.session([.goTo(index: 1), .answer(.options(["q2-a", "q2-b"]))])
        #expect(handle([.character("a")], session: session).effects == [.perform(.answer(.options(["q2-b"])))])
        #expect(handle([.character("c")], session: session).effects
            == [.perform(.answer(.options(["q2-a", "q2-b", "q2-c"])))])
    }

    @Test func navigationAndCommands() {
        let session = Fixtures.session([])
        #expect(handle([.right], session: session).effects == [.perform(.next)])
        #expect(handle([.character("n")], session: session).effects == [.perform(.next)])
        #expect(handle([.enter], session: session).effects == [.perform(.next)])
        #expect(handle([.left], session: session).effects == [.perform(.previous)])
        #expect(handle([.character("m")], session: session).effects == [.perform(.toggleFlag)])
        #expect(handle([.character("x"), .character("b")], session: session).effects
            == [.perform(.toggleStrike(optionID: "q1-a"))])
        #expect(handle([.character("q")], session: session).effects == [.quit])
        #expect(handle([.character("s")], session: session).view.mode == .confirmSubmit)
        #expect(handle([.character("s"), .character("y")], session: session).effects == [.perform(.submit)])
        #expect(handle([.character("s"), .escape], session: session).view.mode == .question)
        #expect(handle([.character("?")], session: session).view.mode == .help)
        #expect(handle([.character("g"), .character("1"), .character("2"), .backspace, .enter], session: session).effects
            == [.perform(.goTo(index: 0))])
    }

    @Test func numbersAreTypedAndSavedOnEnter() {
        let session = Fixtures.session([.goTo(index: 3)])
        let typed = handle([.character("1"), .character(","), .character("2"), .character("5"), .character("0"),
                            .character("."), .character("5"), .backspace], session: session)
        #expect(typed.view.draft.number == "1,250.")
        #expect(typed.effects.isEmpty)
        let saved = handle([.character("1"), .character("2"), .character("."), .character("5"), .enter], session: session)
        #expect(saved.effects == [.perform(.answer(.number(12.5))), .perform(.next)] || saved.view.mode == .breakOffer)
        let bad = handle([.character("1"), .character("-"), .character("2"), .enter], session: session)
        #expect(bad.effects.isEmpty)
        #expect(bad.view.message?.contains("not a number") == true)
    }

    @Test func theLastQuestionOfASectionOffersTheBreak() {
        let session = Fixtures.session([.goTo(index: 3), .answer(.number(0.8))])
        let offered = handle([.enter], session: session)
        #expect(offered.view.mode == .breakOffer)
        #expect(handle([.enter, .character("t")], session: session).effects == [.perform(.takeBreak)])
        #expect(handle([.enter, .character("k")], session: session).effects == [.perform(.skipBreak)])
        #expect(handle([.enter, .escape], session: session).view.mode == .question)
    }

    @Test func orderingIsBuiltLetterByLetter() {
        let session = Fixtures.session([.skipBreak])
        let partial = handle([.character("b"), .character("d")], session: session)
        #expect(partial.view.draft.order == ["q5-1", "q5-2"])
        #expect(handle([.character("b"), .character("b")], session: session).view.message?.contains("already") == true)
        let undone = handle([.character("b"), .character("d"), .backspace], session: session)
        #expect(undone.view.draft.order == ["q5-1"])
        let whole = handle([.character("b"), .character("d"), .character("a"), .character("c")], session: session)
        #expect(whole.effects == [.perform(.answer(.order(["q5-1", "q5-2", "q5-3", "q5-4"])))])
        #expect(whole.view.draft.order == nil)
    }

    @Test func matchingPairsANumberWithALetter() {
        let session = Fixtures.session([.skipBreak, .goTo(index: 5), .answer(.pairs(["q6-1": "q6-3"]))])
        let paired = handle([.character("1"), .character("a")], session: session)
        // Item 1 is q6-2; A is q6-3, which q6-1 had: it moves.
        #expect(paired.effects == [.perform(.answer(.pairs(["q6-2": "q6-3"])))])
        #expect(handle([.character("b")], session: session).view.message?.contains("number first") == true)
        #expect(handle([.character("9")], session: session).view.message?.contains("no item 9") == true)
        let cleared = handle([.character("2"), .backspace], session: session)
        #expect(cleared.effects == [.perform(.answer(nil))])
    }

    @Test func reviewMovesFiltersAndJumps() {
        let session = Fixtures.session([.answer(.options(["q1-b"])), .goTo(index: 2), .toggleFlag, .goTo(index: 0)])
        let view = ExamView(mode: .review(filter: .all, selection: 0))
        #expect(handle([.down, .down, .enter], session: session, view: view).effects == [.perform(.goTo(index: 2))])
        #expect(handle([.tab], session: session, view: view).view.mode == .review(filter: .incomplete, selection: 0))
        #expect(handle([.character("f"), .enter], session: session, view: view).effects == [.perform(.goTo(index: 2))])
        #expect(handle([.enter], session: session, view: view).effects.isEmpty, "the current question")
        #expect(handle([.character("i"), .enter], session: session, view: view).effects == [.perform(.goTo(index: 1))])
        #expect(handle([.end, .enter], session: session, view: view).view.message?.contains("after the break") == true)
        #expect(handle([.escape], session: session, view: view).view.mode == .question)
    }
}
