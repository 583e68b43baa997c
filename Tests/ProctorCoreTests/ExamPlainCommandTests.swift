import Testing
@testable import ProctorCore

@Suite("Plain-mode answer parser")
struct ExamPlainCommandTests {
    /// Options shown as A) c  B) a  C) d  D) b.
    static let single = ExamForm.Item(questionID: "s", kind: .single, optionOrder: ["c", "a", "d", "b"])
    static let trueFalse = ExamForm.Item(questionID: "tf", kind: .trueFalse, optionOrder: ["t", "f"])
    /// Options shown as A) e  B) b  C) a  D) d  E) c; choose two.
    static let multiple = ExamForm.Item(questionID: "m", kind: .multiple(select: 2), optionOrder: ["e", "b", "a", "d", "c"])
    static let numeric = ExamForm.Item(questionID: "n", kind: .numeric)
    /// Items shown as A) i3  B) i1  C) i4  D) i2.
    static let ordering = ExamForm.Item(questionID: "o", kind: .ordering, orderItemOrder: ["i3", "i1", "i4", "i2"])
    /// Left 1) p  2) q  3) r; right A) r  B) p  C) q.
    static let matching = ExamForm.Item(
        questionID: "x", kind: .matching, leftOrder: ["p", "q", "r"], rightOrder: ["r", "p", "q"]
    )

    @Test("commands", arguments: [
        ("", PlainCommand.next), ("   ", .next), ("next", .next), ("NEXT", .next),
        ("prev", .previous), ("previous", .previous), ("goto 12", .goTo(index: 11)), ("goto  1", .goTo(index: 0)),
        ("flag", .toggleFlag), ("review", .review), ("submit", .submit), ("quit", .quit), ("?", .help),
        ("help", .help), ("strike B", .strike(optionID: "a")), ("strike 4", .strike(optionID: "b")),
    ])
    func commands(line: String, command: PlainCommand) {
        #expect(parsePlainCommand(line, for: Self.single) == .success(command))
    }

    @Test("answers in display letters come back in bank ids", arguments: [
        ("b", single, Response.options(["a"])),
        ("2", single, .options(["a"])),
        (" D ", single, .options(["b"])),
        ("a", trueFalse, .options(["t"])),
        ("a c", multiple, .options(["e", "a"])),
        ("a,c", multiple, .options(["e", "a"])),
        ("A, C", multiple, .options(["e", "a"])),
        ("ce", multiple, .options(["a", "c"])),
        ("12.5", numeric, .number(12.5)),
        ("-3", numeric, .number(-3)),
        ("0.75", numeric, .number(0.75)),
        (".5", numeric, .number(0.5)),
        ("1,250.5", numeric, .number(1250.5)),
        ("c a b d", ordering, .order(["i4", "i3", "i1", "i2"])),
        ("cabd", ordering, .order(["i4", "i3", "i1", "i2"])),
        ("1b 2c 3a", matching, .pairs(["p": "p", "q": "q", "r": "r"])),
        ("1-a 3=b", matching, .pairs(["p": "r", "r": "p"])),
    ])
    func answers(line: String, item: ExamForm.Item, response: Response) {
        #expect(parsePlainCommand(line, for: item) == .success(.answer(response)))
    }

    @Test("lines that are not answers", arguments: [
        ("e", single, "Choose one option, A to D."),
        ("a b", single, "Choose one option, A to D."),
        ("maybe", single, "Choose one option, A to D."),
        ("c", trueFalse, "Choose one option, A or B."),
        ("a", multiple, "Choose 2 options, A to E, e.g. a b."),
        ("a b c", multiple, "Choose 2 options, A to E, e.g. a b."),
        ("a z", multiple, "Choose 2 options, A to E, e.g. a b."),
        ("twelve", numeric, "Type a number, e.g. 12.5."),
        ("1,5", numeric, "Type a number, e.g. 12.5."),
        ("1.2.3", numeric, "Type a number, e.g. 12.5."),
        ("inf", numeric, "Type a number, e.g. 12.5."),
        ("0x10", numeric, "Type a number, e.g. 12.5."),
        ("12 5", numeric, "Type a number, e.g. 12.5."),
        ("a b c", ordering, "Put all 4 items in order, first to last, by letter, e.g. d c b a."),
        ("a a b c", ordering, "Put all 4 items in order, first to last, by letter, e.g. d c b a."),
        ("1a 2a", matching, "Match each left number (1 to 3) to a different right letter (A to C), e.g. 1c 2a 3b."),
        ("1a 1b", matching, "Match each left number (1 to 3) to a different right letter (A to C), e.g. 1c 2a 3b."),
        ("4a", matching, "Match each left number (1 to 3) to a different right letter (A to C), e.g. 1c 2a 3b."),
        ("12", matching, "Match each left number (1 to 3) to a different right letter (A to C), e.g. 1c 2a 3b."),
        ("goto", single, "Type goto and a question number, e.g. goto 12."),
        ("goto 0", single, "Type goto and a question number, e.g. goto 12."),
        ("goto x", single, "Type goto and a question number, e.g. goto 12."),
        ("goto 99999999999999999999999", single, "Type goto and a question number, e.g. goto 12."),
        ("strike", single, "Strike an option by its letter, A to D."),
        ("strike q", single, "Strike an option by its letter, A to D."),
        ("strike a", numeric, "Only options of a choice question can be struck out."),
    ])
    func errors(line: String, item: ExamForm.Item, message: String) {
        #expect(parsePlainCommand(line, for: item) == .failure(PlainCommandError(message)))
    }

    @Test func commandsMapToSessionActions() {
        #expect(PlainCommand.answer(.number(1)).sessionAction == .answer(.number(1)))
        #expect(PlainCommand.goTo(index: 3).sessionAction == .goTo(index: 3))
        #expect(PlainCommand.strike(optionID: "a").sessionAction == .toggleStrike(optionID: "a"))
        #expect(PlainCommand.review.sessionAction == nil)
        #expect(PlainCommand.quit.sessionAction == nil)
        #expect(PlainCommand.helpLines.count == 12)
    }

    @Test func parsedAnswersAreAcceptedByTheSession() {
        let form = ExamForm(
            examID: "x", bankID: "b", bankVersion: "1", seed: 0, timeLimitSeconds: 0,
            items: [Self.single, Self.multiple, Self.numeric, Self.ordering, Self.matching]
        )
        var session = ExamSession(form: form)
        _ = session.open(at: ExamFixtures.at(0))
        for (index, line) in ["d", "b e", "3.5", "d c b a", "1a 2b 3c"].enumerated() {
            _ = session.apply(.goTo(index: index), at: ExamFixtures.at(0))
            guard case .success(let command) = parsePlainCommand(line, for: form.items[index]),
                  let action = command.sessionAction
            else {
                Issue.record("\(line) did not parse")
                continue
            }
            #expect(session.apply(action, at: ExamFixtures.at(0)).last?.isRejection == false)
        }
        #expect(session.unansweredCount == 0)
    }
}

extension SessionEvent {
    var isRejection: Bool {
        if case .rejected = self { return true }
        return false
    }
}
