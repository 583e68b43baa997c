import Foundation
import Testing
@testable import ProctorCore

@Suite("Exam session")
struct ExamSessionTests {
    typealias Fixtures = ExamFixtures
    func at(_ seconds: Double) -> Timestamp { ExamFixtures.at(seconds) }

    /// An open session on a form of `count` items.
    func openSession(count: Int = 4, limit: Int = 0, breaks: [ExamForm.Break] = []) -> ExamSession {
        var session = ExamSession(form: Fixtures.form(count: count, limitSeconds: limit, breaks: breaks))
        _ = session.open(at: at(0))
        return session
    }

    @Test func answersAndChangesAnswers() {
        var session = openSession()
        #expect(session.apply(.answer(.options(["a"])), at: at(5)) == [
            .clock(at: at(5), elapsedSeconds: 5), .answered(index: 0, response: .options(["a"])),
        ])
        _ = session.apply(.answer(.options(["c"])), at: at(6))
        #expect(session.responses[0] == .options(["c"]))
        _ = session.apply(.answer(nil), at: at(7))
        #expect(session.responses[0] == nil)
    }

    @Test("illegal answers are refused", arguments: [
        (Response.options(["z"]), SessionError.unknownID("z")),
        (.options(["a", "b"]), .wrongOptionCount),
        (.options([]), .wrongOptionCount),
        (.number(3), .wrongResponseKind),
        (.order(["a", "b", "c", "d"]), .wrongResponseKind),
    ])
    func illegalAnswers(response: Response, error: SessionError) {
        var session = openSession()
        let events = session.apply(.answer(response), at: at(0))
        #expect(events == [.rejected(error)])
        #expect(session.responses[0] == nil)
    }

    @Test func flagsStrikesAndReview() {
        var session = openSession()
        #expect(session.apply(.toggleFlag, at: at(0)) == [.flagged(index: 0, isFlagged: true)])
        #expect(session.apply(.toggleStrike(optionID: "c"), at: at(0)) == [.struck(index: 0, optionID: "c", isStruck: true)])
        #expect(session.apply(.toggleStrike(optionID: "q"), at: at(0)) == [.rejected(.unknownID("q"))])
        _ = session.apply(.next, at: at(0))
        _ = session.apply(.answer(.options(["b"])), at: at(0))
        #expect(session.struckOptions[0] == ["c"])
        #expect(session.review(.all).count == 4)
        #expect(session.review(.flagged).map(\.index) == [0])
        #expect(session.review(.incomplete).map(\.index) == [0, 2, 3])
        _ = session.apply(.goTo(index: 0), at: at(0))
        _ = session.apply(.toggleStrike(optionID: "c"), at: at(0))
        _ = session.apply(.toggleFlag, at: at(0))
        #expect(session.struckOptions[0].isEmpty)
        #expect(session.review(.flagged).isEmpty)
    }

    @Test("moves that are refused", arguments: [
        (SessionAction.previous, SessionError.atFirstQuestion),
        (.goTo(index: 4), .outOfRange(index: 4)),
        (.goTo(index: -1), .outOfRange(index: -1)),
        (.endBreak, .notOnBreak),
        (.takeBreak, .noBreakAhead),
    ])
    func refusedMoves(action: SessionAction, error: SessionError) {
        var session = openSession()
        #expect(session.apply(action, at: at(0)) == [.rejected(error)])
        #expect(session.currentIndex == 0)
    }

    @Test func nextStopsAtTheLastQuestion() {
        var session = openSession(count: 2)
        #expect(session.apply(.next, at: at(0)) == [.moved(index: 1)])
        #expect(session.apply(.next, at: at(0)) == [.rejected(.atLastQuestion)])
    }

    @Test func timeCountsOnlyWhileOpen() {
        var session = ExamSession(form: Fixtures.form(count: 3, limitSeconds: 600))
        #expect(session.apply(.answer(.options(["a"])), at: at(0)) == [.rejected(.notOpen)])
        #expect(session.tick(at: at(50)).isEmpty)
        _ = session.open(at: at(100))
        _ = session.tick(at: at(110))
        #expect(session.elapsedSeconds == 10)
        _ = session.close(at: at(115))
        #expect(session.elapsedSeconds == 15)
        #expect(!session.isOpen)
        _ = session.tick(at: at(500))
        _ = session.open(at: at(1000))
        _ = session.tick(at: at(1005))
        #expect(session.elapsedSeconds == 20)
        #expect(session.remainingSeconds == 580)
        #expect(session.startedAt == at(100))
    }

    @Test func suspendingOnABreakStopsTheBreakClockToo() {
        var session = openSession(count: 4, limit: 600, breaks: [.init(after: 2, limitSeconds: 60)])
        _ = session.apply(.takeBreak, at: at(10))
        _ = session.close(at: at(40))
        _ = session.open(at: at(1000))
        #expect(session.tick(at: at(1010)) == [.breakClock(at: at(1010), breakSeconds: 40)])
        #expect(session.phase == .onBreak(index: 0))
        #expect(session.elapsedSeconds == 10)
    }

    @Test func anEmptyFormRefusesWithoutTrapping() {
        let form = ExamForm(examID: "x", bankID: "b", bankVersion: "1", seed: 0, timeLimitSeconds: 0, items: [])
        var session = ExamSession(form: form)
        _ = session.open(at: at(0))
        #expect(session.apply(.answer(.number(1)), at: at(0)) == [.rejected(.outOfRange(index: 0))])
        #expect(session.apply(.toggleFlag, at: at(0)) == [.rejected(.outOfRange(index: 0))])
        #expect(session.apply(.next, at: at(0)) == [.rejected(.atLastQuestion)])
        #expect(session.review(.all).isEmpty)
        #expect(session.apply(.submit, at: at(1)).last == .submitted(reason: .candidate, at: at(1)))
    }

    @Test func aClockGoingBackwardsCountsNothing() {
        var session = openSession(limit: 100)
        _ = session.tick(at: at(10))
        #expect(session.tick(at: at(5)).isEmpty)
        #expect(session.elapsedSeconds == 10)
    }

    @Test func timeIsAttributedToTheQuestionOnScreen() {
        var session = openSession()
        _ = session.tick(at: at(10))
        _ = session.apply(.next, at: at(12))
        _ = session.tick(at: at(20))
        _ = session.close(at: at(21))
        _ = session.open(at: at(90))
        _ = session.apply(.goTo(index: 3), at: at(94))
        _ = session.tick(at: at(100))
        #expect(session.secondsOnQuestion == [12, 13, 0, 6])
        #expect(session.elapsedSeconds == 31)
    }

    @Test func answerAfterTimeOutIsRefused() {
        var session = openSession(limit: 60)
        _ = session.apply(.answer(.options(["a"])), at: at(30))
        let events = session.apply(.answer(.options(["b"])), at: at(70))
        #expect(events == [
            .clock(at: at(60), elapsedSeconds: 60), .submitted(reason: .timeout, at: at(60)), .rejected(.examOver),
        ])
        #expect(session.responses[0] == .options(["a"]))
        #expect(session.phase == .submitted(.timeout))
        #expect(session.finishedAt == at(60))
        #expect(session.apply(.open, at: at(80)) == [.rejected(.examOver)])
        #expect(session.tick(at: at(90)).isEmpty)
    }

    @Test func aTickPastTheLimitSubmits() {
        var session = openSession(limit: 60)
        _ = session.tick(at: at(59))
        #expect(session.tick(at: at(61)) == [
            .clock(at: at(60), elapsedSeconds: 60), .submitted(reason: .timeout, at: at(60)),
        ])
        #expect(session.remainingSeconds == 0)
    }

    @Test func submitWithUnansweredQuestions() {
        var session = openSession()
        _ = session.apply(.answer(.options(["b"])), at: at(1))
        #expect(session.unansweredCount == 3)
        #expect(session.apply(.submit, at: at(2)) == [
            .clock(at: at(2), elapsedSeconds: 2), .submitted(reason: .candidate, at: at(2)),
        ])
        #expect(session.isSubmitted)
        #expect(session.apply(.answer(.options(["a"])), at: at(3)) == [.rejected(.examOver)])
        #expect(session.apply(.submit, at: at(3)) == [.rejected(.examOver)])
    }

    @Test func breakLocksTheSectionBeforeIt() {
        var session = openSession(count: 4, breaks: [.init(after: 2, limitSeconds: 600)])
        _ = session.apply(.answer(.options(["a"])), at: at(1))
        _ = session.apply(.next, at: at(2))
        #expect(session.apply(.next, at: at(3)) == [.clock(at: at(3), elapsedSeconds: 3), .rejected(.beyondBreak(index: 2))])
        #expect(session.apply(.goTo(index: 3), at: at(3)) == [.rejected(.beyondBreak(index: 3))])
        #expect(session.apply(.takeBreak, at: at(4)).last == .breakStarted(index: 0))
        #expect(session.apply(.answer(.options(["b"])), at: at(5)).last == .rejected(.onBreak))
        #expect(session.apply(.endBreak, at: at(30)).last == .breakEnded(index: 0))
        #expect(session.currentIndex == 2)
        #expect(session.sectionRange == 2..<4)
        #expect(session.apply(.previous, at: at(31)).last == .rejected(.locked(index: 1)))
        #expect(session.apply(.goTo(index: 0), at: at(31)) == [.rejected(.locked(index: 0))])
        #expect(session.responses[0] == .options(["a"]))
        #expect(session.review(.all).map(\.isLocked) == [true, true, false, false])
        #expect(session.apply(.takeBreak, at: at(32)).last == .rejected(.noBreakAhead))
        #expect(session.apply(.answer(.options(["d"])), at: at(33)).last == .answered(index: 2, response: .options(["d"])))
    }

    @Test func theExamClockStopsDuringABreak() {
        var session = openSession(count: 4, limit: 600, breaks: [.init(after: 2, limitSeconds: 300)])
        _ = session.apply(.takeBreak, at: at(10))
        #expect(session.tick(at: at(100)) == [.breakClock(at: at(100), breakSeconds: 90)])
        #expect(session.elapsedSeconds == 10)
        #expect(session.breakRemainingSeconds == 210)
        _ = session.apply(.endBreak, at: at(120))
        _ = session.tick(at: at(130))
        #expect(session.elapsedSeconds == 20)
        #expect(session.secondsOnQuestion == [10, 0, 10, 0])
    }

    @Test func aBreakThatRunsOverEndsAtItsLimit() {
        var session = openSession(count: 4, limit: 600, breaks: [.init(after: 2, limitSeconds: 60)])
        _ = session.apply(.takeBreak, at: at(10))
        #expect(session.tick(at: at(100)) == [
            .breakClock(at: at(70), breakSeconds: 60), .breakEnded(index: 0), .clock(at: at(100), elapsedSeconds: 40),
        ])
        #expect(session.phase == .inProgress)
        #expect(session.currentIndex == 2)
    }

    @Test func aBreakCanBeSkipped() {
        var session = openSession(count: 4, breaks: [.init(after: 2, limitSeconds: 60)])
        #expect(session.apply(.skipBreak, at: at(0)) == [.breakSkipped(index: 0)])
        #expect(session.currentIndex == 2)
        #expect(session.apply(.goTo(index: 1), at: at(0)) == [.rejected(.locked(index: 1))])
    }

    @Test func nonsenseBreaksInAFormAreIgnored() {
        let session = ExamSession(form: Fixtures.form(count: 3, breaks: [
            .init(after: 2, limitSeconds: 60), .init(after: 1, limitSeconds: 60), .init(after: 3, limitSeconds: 60),
        ]))
        #expect(session.breaks == [.init(after: 2, limitSeconds: 60)])
    }

    @Test func resumingAfterACrashDoesNotCountTheGap() {
        var live = openSession(limit: 600)
        var log = [SessionEvent.opened(at: at(0))]
        log += live.apply(.answer(.options(["a"])), at: at(40))
        log += live.tick(at: at(41))
        // The process dies here; the store replays the log and the front end opens again.
        var resumed = ExamSession.replay(form: live.form, events: log)
        #expect(resumed == live)
        _ = resumed.open(at: at(5000))
        _ = resumed.tick(at: at(5009))
        #expect(resumed.elapsedSeconds == 50)
        #expect(resumed.responses[0] == .options(["a"]))
    }

    @Test("replaying the events of any run rebuilds the session", arguments: UInt64(0)..<30)
    func replayRebuildsTheSession(seed: UInt64) {
        let form = Fixtures.form(count: 9, limitSeconds: 900, breaks: [.init(after: 3, limitSeconds: 120), .init(after: 6, limitSeconds: 60)])
        var session = ExamSession(form: form)
        var generator = SeededGenerator(seed: seed)
        var now = 0.0
        var log: [SessionEvent] = []
        for _ in 0..<120 {
            now += Double(generator.nextInt(below: 40)) + 0.25
            log += session.apply(Self.randomAction(using: &generator), at: at(now))
            #expect(ExamSession.replay(form: form, events: log) == session)
        }
        #expect(ExamSession.replay(form: form, events: log) == session)
    }

    static func randomAction(using generator: inout SeededGenerator) -> SessionAction {
        let letters = ["a", "b", "c", "d", "x"]
        switch generator.nextInt(below: 16) {
        case 0: return .open
        case 1: return .close
        case 2, 3: return .tick
        case 4, 5: return .answer(.options([letters[generator.nextInt(below: 5)]]))
        case 6: return .answer(nil)
        case 7: return .toggleFlag
        case 8: return .toggleStrike(optionID: letters[generator.nextInt(below: 5)])
        case 9: return .next
        case 10: return .previous
        case 11: return .goTo(index: generator.nextInt(below: 11) - 1)
        case 12: return .takeBreak
        case 13: return .skipBreak
        case 14: return .endBreak
        default: return generator.nextInt(below: 4) == 0 ? .submit : .tick
        }
    }

    @Test func eventsSurviveAJSONRoundTrip() throws {
        let events: [SessionEvent] = [
            .opened(at: at(0)), .clock(at: at(1.5), elapsedSeconds: 1.5), .breakClock(at: at(2), breakSeconds: 3),
            .answered(index: 0, response: .options(["a", "b"])), .answered(index: 1, response: .number(12.5)),
            .answered(index: 2, response: .order(["x", "y"])), .answered(index: 3, response: .pairs(["p": "q"])),
            .answered(index: 4, response: nil), .flagged(index: 0, isFlagged: true),
            .struck(index: 0, optionID: "c", isStruck: true), .moved(index: 2), .breakStarted(index: 0),
            .breakEnded(index: 0), .breakSkipped(index: 1), .submitted(reason: .timeout, at: at(9)),
            .rejected(.locked(index: 1)), .closed(at: at(10)),
        ]
        let data = try JSONEncoder().encode(events)
        #expect(try JSONDecoder().decode([SessionEvent].self, from: data) == events)
    }

    @Test func applyingLeavesTheOriginalAlone() {
        let session = openSession()
        let (after, events) = session.applying(.toggleFlag, at: at(0))
        #expect(events == [.flagged(index: 0, isFlagged: true)])
        #expect(after.flags[0] && !session.flags[0])
    }
}
