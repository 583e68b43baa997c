import ProctorTerminal
import Testing

@Suite("Key decoding")
struct KeyDecoderTests {
    private func keys(_ bytes: [UInt8]) -> [Key] {
        var decoder = KeyDecoder()
        return decoder.feed(bytes) + decoder.flush()
    }

    private func keys(_ text: String) -> [Key] { keys(Array(text.utf8)) }

    @Test("printable ASCII and UTF-8 characters", arguments: [
        ("a", [Key.character("a")]),
        ("Q?", [.character("Q"), .character("?")]),
        ("é", [.character("é")]),
        ("日本", [.character("日"), .character("本")]),
        ("😀", [.character("😀")]),
    ])
    func characters(input: String, expected: [Key]) {
        #expect(keys(input) == expected)
    }

    @Test("control keys", arguments: [
        ([UInt8(0x0D)], [Key.enter]),
        ([0x0A], [.enter]),
        ([0x0D, 0x0A], [.enter]),
        ([0x7F], [.backspace]),
        ([0x08], [.backspace]),
        ([0x09], [.tab]),
        ([0x03], [.ctrlC]),
        ([0x0C], [.control("l")]),
        ([0x00, 0x1C], []),
    ])
    func controls(input: [UInt8], expected: [Key]) {
        #expect(keys(input) == expected)
    }

    @Test("escape sequences, CSI and SS3", arguments: [
        ("\u{1B}[A", [Key.up]), ("\u{1B}[B", [.down]), ("\u{1B}[C", [.right]), ("\u{1B}[D", [.left]),
        ("\u{1B}OA", [.up]), ("\u{1B}OD", [.left]), ("\u{1B}[H", [.home]), ("\u{1B}[F", [.end]),
        ("\u{1B}OH", [.home]), ("\u{1B}[1~", [.home]), ("\u{1B}[4~", [.end]), ("\u{1B}[5~", [.pageUp]),
        ("\u{1B}[6~", [.pageDown]), ("\u{1B}[3~", [.delete]), ("\u{1B}[2~", [.insert]), ("\u{1B}[Z", [.backTab]),
        ("\u{1B}[1;5C", [.right]), ("\u{1B}OM", [.enter]), ("\u{1B}[15~", []),
        ("\u{1B}[Ax", [.up, .character("x")]),
    ])
    func sequences(input: String, expected: [Key]) {
        #expect(keys(input) == expected)
    }

    @Test func loneEscapeWaitsForFlush() {
        var decoder = KeyDecoder()
        #expect(decoder.feed([0x1B]).isEmpty)
        #expect(decoder.hasPending)
        #expect(decoder.flush() == [.escape])
        #expect(!decoder.hasPending)
    }

    @Test func escapeFollowedByAnotherKeyIsEscapeThenTheKey() {
        #expect(keys("\u{1B}q") == [.escape, .character("q")])
        #expect(keys("\u{1B}\u{1B}[A") == [.escape, .up])
    }

    @Test func sequencesSplitAcrossReadsAreJoined() {
        var decoder = KeyDecoder()
        #expect(decoder.feed([0x1B, UInt8(ascii: "[")]).isEmpty)
        #expect(decoder.feed([UInt8(ascii: "5")]).isEmpty)
        #expect(decoder.feed([UInt8(ascii: "~"), UInt8(ascii: "n")]) == [.pageUp, .character("n")])
    }

    @Test func utf8SplitAcrossReadsIsJoined() {
        var decoder = KeyDecoder()
        let bytes = Array("漢".utf8)
        #expect(decoder.feed(bytes.prefix(1)).isEmpty)
        #expect(decoder.feed(bytes.dropFirst().prefix(1)).isEmpty)
        #expect(decoder.feed(bytes.suffix(1)) == [.character("漢")])
    }

    @Test func invalidUTF8IsSkipped() {
        #expect(keys([0xFF, UInt8(ascii: "a"), 0xC3, UInt8(ascii: "b")]) == [.character("a"), .character("b")])
        var decoder = KeyDecoder()
        _ = decoder.feed([0xE6, 0xBC])
        #expect(decoder.flush().isEmpty)
    }

    @Test func flushOfAnUnfinishedSequenceKeepsItsCharacter() {
        var decoder = KeyDecoder()
        #expect(decoder.feed(Array("\u{1B}[".utf8)).isEmpty)
        #expect(decoder.flush() == [.escape, .character("[")])
    }

    @Test func interruptionKeys() {
        #expect(Key.ctrlC.isInterruption)
        #expect(Key.signal(.terminate).isInterruption)
        #expect(Key.endOfInput.isInterruption)
        #expect(!Key.character("q").isInterruption)
        #expect(TerminalSignal.terminate.exitCode == 143)
    }
}
