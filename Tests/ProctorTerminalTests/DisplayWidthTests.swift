import ProctorTerminal
import Testing

@Suite("Display width and wrapping")
struct DisplayWidthTests {
    @Test("columns of text", arguments: [
        ("abc", 3), ("日本語", 6), ("한국어", 6), ("e\u{301}", 1), ("café", 4), ("Ａ", 2), ("a\u{200B}b", 2),
        ("😀", 2), ("👍🏽", 2), ("", 0),
    ])
    func columns(text: String, width: Int) {
        #expect(DisplayWidth.of(text) == width)
    }

    @Test func charactersCountByGraphemeCluster() {
        #expect(DisplayWidth.of(Character("e\u{301}")) == 1)
        #expect(DisplayWidth.of(Character("👍🏽")) == 2)
        #expect(DisplayWidth.of(Character("中")) == 2)
    }

    @Test func cjkWrapsByColumnsNotCharacters() {
        // 12 wide characters, 24 columns, no spaces: split between characters at 10 columns.
        let lines = TextWrap.wrap("一二三四五六七八九十百千", width: 10)
        #expect(lines == ["一二三四五", "六七八九十", "百千"])
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 10 })
    }

    @Test func combiningMarksDoNotCountAndStayWithTheirLetter() {
        let text = "cafe\u{301} cafe\u{301} cafe\u{301}"
        let lines = TextWrap.wrap(text, width: 9)
        #expect(lines == ["cafe\u{301} cafe\u{301}", "cafe\u{301}"])
        #expect(DisplayWidth.of(lines[0]) == 9)
    }

    @Test func mixedTextWithAnIndentFitsTheWidth() {
        let text = "次のうち、スクラムマスターの主な責任はどれですか。 Le café de l’équipe est fermé."
        for width in [20, 33, 76] {
            let lines = TextWrap.wrap(text, width: width, indent: "   ", hangingIndent: "     ")
            #expect(lines.allSatisfy { DisplayWidth.of($0) <= width }, "width \(width): \(lines)")
            #expect(lines.joined().filter { !$0.isWhitespace } == text.filter { !$0.isWhitespace })
        }
    }

    @Test func truncateAndPadUseColumns() {
        #expect(TextWrap.truncate("日本語のテキスト", width: 7) == "日本語…")
        #expect(TextWrap.pad("日本", to: 6) == "日本  ")
    }

    @Test func questionTextLinesFitTheWidth() {
        for index in Fixtures.form.items.indices {
            let practice = Fixtures.practiceItem(index)
            for width in [40, 76] {
                let lines = practice.text(response: nil).lines(width: width)
                #expect(lines.allSatisfy { DisplayWidth.of($0) <= width }, "\(practice.question.id) at \(width)")
            }
        }
    }
}
