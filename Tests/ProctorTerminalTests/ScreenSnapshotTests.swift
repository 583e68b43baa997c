import ProctorCore
import ProctorTerminal
import Testing

/// Every screen rendered without colour at 80×24 and 120×40 and compared with its snapshot.
@Suite("Screen snapshots")
struct ScreenSnapshotTests {
    private let content = Fixtures.content
    private let theme = Theme.monochrome

    /// A session after `actions`, with the clock moved on so that `remaining` seconds are left.
    private func session(_ actions: [SessionAction], remaining: Double = 3130) -> ExamSession {
        var session = Fixtures.session(actions)
        let used = 3600 - remaining - session.elapsedSeconds
        if used > 0, let counted = session.countedUntil { _ = session.apply(.tick, at: counted.adding(seconds: used)) }
        return session
    }

    private func checkExam(_ name: String, _ session: ExamSession, view: ExamView = ExamView()) {
        for size in snapshotSizes {
            let frame = ExamScreen.render(session: session, content: content, view: view, size: size, theme: theme)
            Snapshot.check(frame, named: name)
        }
    }

    @Test func singleChoiceWithChosenStruckAndFlagged() {
        let session = session([.answer(.options(["q1-b"])), .toggleStrike(optionID: "q1-a"), .toggleFlag])
        checkExam("exam-single", session)
    }

    @Test func multipleResponse() {
        checkExam("exam-multiple", session([.goTo(index: 1), .answer(.options(["q2-a", "q2-c"]))]))
    }

    @Test func numericBeingTyped() {
        checkExam("exam-numeric", session([.goTo(index: 3)]), view: ExamView(draft: AnswerDraft(number: "0.8")))
    }

    @Test func orderingBeingBuilt() {
        checkExam("exam-ordering", session([.skipBreak]), view: ExamView(draft: AnswerDraft(order: ["q5-1", "q5-3"])))
    }

    @Test func matchingWithAPairAndAnItemWaiting() {
        let session = session([.skipBreak, .goTo(index: 5), .answer(.pairs(["q6-1": "q6-1"]))])
        checkExam("exam-matching", session, view: ExamView(draft: AnswerDraft(matchLeft: 0)))
    }

    @Test func caseScenarioWithExhibit() {
        checkExam("exam-case", session([.skipBreak, .goTo(index: 6), .answer(.number(-10_000))]))
    }

    @Test func wideAndCombiningText() {
        checkExam("exam-cjk", session([.skipBreak, .goTo(index: 7), .answer(.options(["q8-b"]))]))
    }

    @Test func lastFiveMinutesAndAStrikeWaiting() {
        checkExam("exam-warning", session([], remaining: 299), view: ExamView(draft: AnswerDraft(strikePending: true)))
    }

    @Test func goToPromptAndMessage() {
        checkExam("exam-goto", session([.goTo(index: 2)]), view: ExamView(mode: .goTo(digits: "3")))
        checkExam("exam-message", session([.goTo(index: 2)]),
                  view: ExamView(message: "Question 6 comes after the break. Take or skip the break first."))
    }

    @Test func reviewFilters() {
        let session = session([.answer(.options(["q1-b"])), .next, .answer(.options(["q2-a", "q2-b"])), .toggleFlag])
        checkExam("review-all", session, view: ExamView(mode: .review(filter: .all, selection: 1)))
        checkExam("review-incomplete", session, view: ExamView(mode: .review(filter: .incomplete, selection: 0)))
        checkExam("review-flagged", session, view: ExamView(mode: .review(filter: .flagged, selection: 0)))
        let locked = self.session([.answer(.options(["q1-b"])), .skipBreak, .toggleFlag])
        checkExam("review-locked", locked, view: ExamView(mode: .review(filter: .all, selection: 4)))
    }

    @Test func breakOfferAndBreak() {
        let atEnd = session([.goTo(index: 3), .answer(.number(0.8))])
        checkExam("break-offer", atEnd, view: ExamView(mode: .breakOffer))
        var onBreak = atEnd
        let time = onBreak.countedUntil ?? Fixtures.start
        _ = onBreak.apply(.takeBreak, at: time)
        _ = onBreak.apply(.tick, at: time.adding(seconds: 19))
        checkExam("break", onBreak)
    }

    @Test func submitConfirmationAndTimeUp() {
        let session = session([.answer(.options(["q1-b"])), .toggleFlag, .goTo(index: 2),
                               .answer(.options(["q3-t"]))])
        checkExam("submit-confirm", session, view: ExamView(mode: .confirmSubmit))
        var over = session
        _ = over.apply(.tick, at: (over.countedUntil ?? Fixtures.start).adding(seconds: 4000))
        #expect(over.phase == .submitted(.timeout))
        checkExam("time-up", over, view: ExamView(mode: .timeUp))
    }

    @Test func help() {
        checkExam("help", session([]), view: ExamView(mode: .help))
        for size in snapshotSizes {
            Snapshot.check(HelpScreen.render(title: "Help · Practice", sections: HelpScreen.practiceKeys, size: size,
                                             theme: theme), named: "help-practice")
        }
    }

    /// A submitted attempt: q1 wrong (with feedback), q2 right, q3 right, q4 right, q5 wrong, rest blank.
    static func finishedSession() -> ExamSession {
        Fixtures.session([
            .answer(.options(["q1-a"])), .toggleFlag, .next, .answer(.options(["q2-a", "q2-b"])), .next,
            .answer(.options(["q3-t"])), .next, .answer(.number(0.8)), .skipBreak,
            .answer(.order(["q5-2", "q5-1", "q5-3", "q5-4"])), .submit,
        ])
    }

    static func report(_ scoring: ScoringModel) -> ScoreReport {
        var report = scoreExam(finishedSession(), bank: Fixtures.bank, scoring: scoring)
        report.attempt = 3
        return report
    }

    @Test func scoreReports() {
        let bands = Self.report(Fixtures.bank.exams[0].scoring)
        let scaled = Self.report(.scaled(min: 100, max: 900, pass: 700))
        for size in snapshotSizes {
            Snapshot.check(ScoreReportScreen.render(report: bands, content: content, size: size, theme: theme),
                           named: "report-bands")
            Snapshot.check(ScoreReportScreen.render(report: scaled, content: content, size: size, theme: theme),
                           named: "report-scaled")
        }
    }

    @Test func walkthrough() {
        let report = Self.report(Fixtures.bank.exams[0].scoring)
        for size in snapshotSizes {
            Snapshot.check(WalkthroughScreen.render(report: report, form: Fixtures.form, content: content,
                                                    view: ResultsView(mode: .walkthrough(position: 0)), position: 0,
                                                    size: size, theme: theme), named: "walkthrough-wrong")
            let wrongOnly = ResultsView(mode: .walkthrough(position: 1), wrongOnly: true)
            Snapshot.check(WalkthroughScreen.render(report: report, form: Fixtures.form, content: content,
                                                    view: wrongOnly, position: 1, size: size, theme: theme),
                           named: "walkthrough-ordering")
        }
    }

    @Test func practiceScreens() {
        let items = Fixtures.form.items.indices.map(Fixtures.practiceItem)
        let answering = PracticeView(index: 1, response: .options(["q2-b"]), answered: 1, correct: 1)
        let wrong = PracticeView(index: 0, phase: .feedback(PracticeVerdict(
            isCorrect: false, suggestedRating: .again, notes: ["Next review: in 10 minutes."])),
            response: .options(["q1-a"]), answered: 1)
        let right = PracticeView(index: 3, phase: .feedback(PracticeVerdict(isCorrect: true)),
                                 response: .number(0.8), answered: 4, correct: 3)
        let finished = PracticeView(index: 8, phase: .finished, answered: 8, correct: 6)
        for size in snapshotSizes {
            for (name, view) in [("practice-answering", answering), ("practice-wrong", wrong),
                                 ("practice-right", right), ("practice-finished", finished)] {
                let item = items.indices.contains(view.index) ? items[view.index] : nil
                Snapshot.check(PracticeScreen.render(title: "Practice · demo", item: item, total: items.count, view: view,
                                                     size: size, theme: theme), named: name)
            }
        }
    }

    static let home = HomeState(
        unfinished: [HomeState.Unfinished(attempt: 4, examName: "Demo PM Exam", answered: 3, total: 8,
                                          remainingSeconds: 2710)],
        reviews: [HomeState.Reviews(bankID: "demo", due: 12, new: 5), HomeState.Reviews(bankID: "csm", due: 3, new: 0)],
        weakTopics: [HomeState.WeakTopic(bankID: "demo", name: "Earned value", masteryPercent: 41.6),
                     HomeState.WeakTopic(bankID: "demo", name: "Conflict", masteryPercent: 55)],
        exams: [HomeState.Exam(id: "demo-exam", name: "Demo PM Exam", bankID: "demo", questionCount: 8, minutes: 60),
                HomeState.Exam(id: "csm", name: "Certified ScrumMaster practice", bankID: "csm", questionCount: 50,
                               minutes: 60)],
        banks: [HomeState.Bank(id: "demo", title: "Demo Project Management", questionCount: 8),
                HomeState.Bank(id: "csm", title: "Certified ScrumMaster", questionCount: 240)]
    )

    @Test func homeScreens() {
        for size in snapshotSizes {
            Snapshot.check(HomeScreen.render(state: Self.home, selection: 0, size: size, theme: theme), named: "home")
            Snapshot.check(HomeScreen.render(state: Self.home, selection: 6, size: size, theme: theme),
                           named: "home-exam-selected")
            Snapshot.check(HomeScreen.render(state: HomeState(), selection: 0, size: size, theme: theme),
                           named: "home-empty")
        }
    }

    @Test func tooSmall() {
        for size in [TerminalSize(columns: 60, rows: 20), TerminalSize(columns: 79, rows: 24)] {
            Snapshot.check(TooSmallScreen.render(size: size, theme: theme), named: "too-small")
        }
    }

    @Test func everyFrameFitsItsSize() {
        let session = session([.answer(.options(["q1-b"]))])
        for size in snapshotSizes {
            let frame = ExamScreen.render(session: session, content: content, view: ExamView(), size: size, theme: theme)
            #expect(frame.lines.count == size.rows)
            #expect(frame.lines.allSatisfy { $0.width <= size.columns })
        }
    }
}

/// What colour adds: the same screens with styles, and nothing but text without.
@Suite("Colour")
struct ColorTests {
    @Test func struckOptionsAreCrossedThroughInColourAndMarkedWithout() {
        let session = Fixtures.session([.toggleStrike(optionID: "q1-a")])
        let size = TerminalSize.minimum
        let colour = ExamScreen.render(session: session, content: Fixtures.content, view: ExamView(), size: size,
                                       theme: .color)
        let plain = ExamScreen.render(session: session, content: Fixtures.content, view: ExamView(), size: size,
                                      theme: .monochrome)
        let struckLine = colour.lines.first { $0.text.contains("Escalate") }
        #expect(struckLine?.spans.contains { $0.style.strikethrough && $0.text.hasPrefix("Escalate") } == true)
        #expect(!colour.text.contains("(struck)"))
        #expect(plain.text.contains("(struck) Escalate"))
        #expect(plain.lines.allSatisfy { line in line.spans.allSatisfy { $0.style == .plain } })
    }

    @Test func theClockTurnsToTheWarningColourInTheLastFiveMinutes() {
        var session = Fixtures.session([])
        _ = session.apply(.tick, at: Fixtures.start.adding(seconds: 3301))
        let frame = ExamScreen.render(session: session, content: Fixtures.content, view: ExamView(), size: .minimum,
                                      theme: .color)
        let clock = frame.lines[0].spans.first { $0.text.contains("Time left 4:59") }
        #expect(clock?.style.foreground == .red)
        var early = Fixtures.session([])
        _ = early.apply(.tick, at: Fixtures.start.adding(seconds: 60))
        let calm = ExamScreen.render(session: early, content: Fixtures.content, view: ExamView(), size: .minimum,
                                     theme: .color)
        #expect(calm.lines[0].spans.first { $0.text.contains("Time left") }?.style.foreground == nil)
    }

    @Test("colour only where cli.md allows it", arguments: [
        (false, [String: String](), true, true),
        (true, [:], true, false),
        (false, ["NO_COLOR": "1"], true, false),
        (false, ["NO_COLOR": ""], true, true),
        (false, [:], false, false),
    ])
    func colourRules(flag: Bool, environment: [String: String], isTerminal: Bool, expected: Bool) {
        #expect(Theme.resolve(noColorFlag: flag, environment: environment, outputIsTerminal: isTerminal).usesColor == expected)
    }
}
