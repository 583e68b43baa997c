/// The help screen: the keys of the screen it was opened from, in titled groups.
public enum HelpScreen {
    /// A titled group of keys.
    public struct Section: Sendable, Hashable {
        public var title: String
        public var keys: [KeyHint]

        public init(_ title: String, _ keys: [KeyHint]) {
            self.title = title
            self.keys = keys
        }
    }

    /// The exam keys, as cli.md lists them.
    public static let examKeys: [Section] = [
        Section("Answer", [
            KeyHint("a-h or 1-8", "choose an option (toggles for multiple response)"),
            KeyHint("0-9 . -", "type a numeric answer; Enter saves it, Backspace deletes"),
            KeyHint("letters", "ordering: press the items in order; Backspace undoes one"),
            KeyHint("1-9 then a-h", "matching: an item's number, then its match's letter"),
            KeyHint("x then a letter", "strike an option out; the same again restores it"),
        ]),
        Section("Move", [
            KeyHint("→, n, Enter", "next question"),
            KeyHint("←, p", "previous question"),
            KeyHint("g", "go to a question by number"),
            KeyHint("↑/↓, PgUp/PgDn", "scroll a long question"),
        ]),
        Section("Exam", [
            KeyHint("m", "mark (flag) the question for review"),
            KeyHint("r", "review: all / incomplete / flagged; Enter jumps"),
            KeyHint("s", "submit the exam"),
            KeyHint("q, Ctrl-C", "quit now; progress is kept for proctor resume"),
            KeyHint("?", "this help"),
        ]),
    ]

    /// The practice and review keys.
    public static let practiceKeys: [Section] = [
        Section("Answer", [
            KeyHint("a-h or 1-8", "choose an option (toggles for multiple response)"),
            KeyHint("0-9 . -", "type a numeric answer"),
            KeyHint("letters", "ordering: press the items in order, first to last"),
            KeyHint("1-9 then a-h", "matching: an item's number, then its match's letter"),
            KeyHint("x then a letter", "strike an option out"),
            KeyHint("Enter", "check the answer"),
        ]),
        Section("After the answer", [
            KeyHint("Enter", "accept the suggested rating and go on"),
            KeyHint("1-4", "rate it yourself: Again, Hard, Good, Easy"),
            KeyHint("↑/↓", "scroll the explanation"),
        ]),
        Section("Session", [
            KeyHint("→", "skip this question"),
            KeyHint("q, Ctrl-C", "stop; everything rated so far is kept"),
            KeyHint("?", "this help"),
        ]),
    ]

    /// The help screen: each section's keys in a column, their meaning beside them.
    public static func render(title: String, sections: [Section], size: TerminalSize, theme: Theme) -> Frame {
        let keyWidth = sections.flatMap(\.keys).map { DisplayWidth.of($0.key) }.max() ?? 0
        let width = ScreenLayout.contentWidth(size)
        var body: [StyledLine] = []
        for section in sections {
            if !body.isEmpty { body.append(StyledLine()) }
            body.append(StyledLine(section.title, style: theme.heading))
            for hint in section.keys {
                let head = "  " + TextWrap.pad(hint.key, to: keyWidth) + "  "
                let wrapped = TextWrap.wrap(hint.label, width: width, indent: head,
                                            hangingIndent: String(repeating: " ", count: DisplayWidth.of(head)))
                for (index, line) in wrapped.enumerated() {
                    if index == 0 {
                        body.append(StyledLine("  ") + StyledLine(hint.key, style: theme.key)
                            + StyledLine(String(line.dropFirst(2 + hint.key.count))))
                    } else {
                        body.append(StyledLine(line))
                    }
                }
            }
        }
        return ScreenLayout.frame(size: size, theme: theme, title: title, body: body,
                                  footer: [KeyHint("any key", "back")])
    }
}
