import ProctorTerminal
import Testing

@Suite("Frames and their diffs")
struct FrameDiffTests {
    private let size = TerminalSize(columns: 20, rows: 4)

    private func frame(_ lines: [StyledLine], size: TerminalSize? = nil) -> Frame {
        Frame(size: size ?? self.size, lines: lines)
    }

    @Test func aFrameHasExactlyItsRowsAndIsCutToItsWidth() {
        let frame = frame(["a", "this line is much longer than twenty columns", "b", "c", "d (one too many)"])
        #expect(frame.lines.count == 4)
        #expect(frame.lines[1].text == "this line is much lo")
        #expect(frame.text == "a\nthis line is much lo\nb\nc\n")
        #expect(Frame(size: size, lines: []).lines.count == 4)
    }

    @Test func wideCharactersAreCutWholeAtTheEdge() {
        let line = StyledLine("abc日本語").fitted(to: 6)
        #expect(line.text == "abc日")
        #expect(line.width == 5)
        #expect(StyledLine("日本").fitted(to: 5, pad: true).text == "日本 ")
    }

    @Test func theFirstFrameClearsAndDrawsEveryLine() {
        let next = frame(["one", "", "three"])
        let output = FrameDiff.output(from: nil, to: next)
        #expect(output.contains("\u{1B}[2J"))
        #expect(output.contains("\u{1B}[1;1Hone"))
        #expect(output.contains("\u{1B}[3;1Hthree"))
        #expect(!output.contains("\u{1B}[2;1H"))
    }

    @Test func onlyChangedLinesAreRewritten() {
        let before = frame(["Time left 52:10", "Question", "A) one"])
        let after = frame(["Time left 52:09", "Question", "A) one"])
        let output = FrameDiff.output(from: before, to: after)
        #expect(FrameDiff.changedRows(from: before, to: after) == [0])
        #expect(output == "\u{1B}[1;1HTime left 52:09\u{1B}[0m\u{1B}[K")
        #expect(FrameDiff.output(from: after, to: after).isEmpty)
    }

    @Test func aFullWidthLineKeepsItsLastCharacter() {
        var screen = VirtualScreen(size: size)
        var buffer = ScreenBuffer()
        let full = String(repeating: "─", count: 20)
        screen.apply(buffer.update(to: frame(["a", StyledLine(full)])))
        screen.apply(buffer.update(to: frame(["b", StyledLine(full + "x")])))
        #expect(screen.text == "b\n\(full)\n\n\n")
        #expect(!FrameDiff.output(from: nil, to: frame([StyledLine(full)])).contains("\u{1B}[K"))
    }

    @Test func aNewSizeRedrawsEverything() {
        let before = frame(["a", "b"])
        let after = frame(["a", "b"], size: TerminalSize(columns: 30, rows: 4))
        #expect(FrameDiff.output(from: before, to: after).hasPrefix("\u{1B}[0m\u{1B}[2J"))
        #expect(FrameDiff.changedRows(from: before, to: after) == [0, 1, 2, 3])
    }

    @Test func stylesBecomeSGRAndAreReset() {
        let line = StyledLine([StyledSpan("B ", style: .plain),
                               StyledSpan("struck", style: Style(foreground: .gray, strikethrough: true))])
        #expect(line.rendered == "B \u{1B}[9;90mstruck\u{1B}[0m")
        #expect(Style(foreground: .red, bold: true).sgr == "\u{1B}[1;31m")
        #expect(Style.plain.sgr.isEmpty)
    }

    @Test("a sequence of diffs leaves the screen showing the last frame", arguments: [
        [["alpha", "beta", "gamma"], ["alpha", "BETA", "gamma"], ["", "BETA", "日本語テキスト"], ["x", "", ""]],
        [["café", "e\u{301}e\u{301}", "long line that is cut at twenty"], ["café!", "", "short"]],
    ])
    func diffsAddUp(frames: [[String]]) {
        var screen = VirtualScreen(size: size)
        var buffer = ScreenBuffer()
        for lines in frames {
            let next = frame(lines.map { StyledLine($0) })
            screen.apply(buffer.update(to: next))
            #expect(screen.text == next.text)
        }
    }

    @Test func theVirtualScreenKeepsStylesAndTheAlternateScreen() {
        var screen = VirtualScreen(size: size)
        screen.apply("main")
        screen.apply("\u{1B}[?1049h\u{1B}[2J\u{1B}[2;3H\u{1B}[9mab\u{1B}[0mc")
        #expect(screen.isAlternate)
        #expect(screen.text == "\n  abc\n\n\n")
        #expect(screen.style(row: 1, column: 2).strikethrough)
        #expect(!screen.style(row: 1, column: 4).strikethrough)
        screen.apply("\u{1B}[?1049l")
        #expect(screen.text == "main\n\n\n\n")
    }

    @Test func theScreenBufferForgetsAfterInvalidate() {
        var buffer = ScreenBuffer()
        let one = frame(["a"])
        _ = buffer.update(to: one)
        #expect(buffer.update(to: one).isEmpty)
        buffer.invalidate()
        #expect(buffer.update(to: one).contains("\u{1B}[2J"))
    }
}
