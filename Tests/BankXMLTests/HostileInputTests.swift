import BankXML
import Foundation
import Testing

/// Banks come from strangers. Each hostile file gets an error and nothing from another file leaks
/// into the findings; the whole load stays quick (the corpus's timing and memory budget is checked
/// by `Scripts/hostile-corpus.sh` against the real binary, not here).
struct HostileInputTests {
    static let files = [
        "external-entity-file.xml", "external-entity-url.xml", "parameter-entity.xml", "billion-laughs.xml",
        "quadratic-blowup.xml", "external-dtd.xml", "empty.xml", "truncated.xml", "invalid-utf8.xml",
        "overlong-utf8.xml", "nul-byte.xml", "include-loop/bank.xml", "include-escape/bank.xml",
        "include-link/bank.xml",
    ]

    @Test("hostile file is refused with an error", arguments: files)
    func refused(_ name: String) throws {
        let result = BankLoader().load(path: Fixtures.path("hostile/" + name))
        #expect(result.bank == nil)
        #expect(result.hasErrors())
        let text = result.diagnostics.map(\.formatted).joined(separator: "\n")
        #expect(!text.contains("root:"), "contents of /etc/passwd leaked: \(text)")
        #expect(!text.contains("daemon"), "contents of /etc/passwd leaked: \(text)")
    }

    @Test("entity attacks stop at the DOCTYPE",
          arguments: ["external-entity-file.xml", "external-entity-url.xml", "parameter-entity.xml",
                      "billion-laughs.xml", "quadratic-blowup.xml", "external-dtd.xml"])
    func doctypeRefused(_ name: String) {
        let result = BankLoader().load(path: Fixtures.path("hostile/" + name))
        #expect(result.diagnostics.map(\.rule) == [.doctype])
    }

    @Test("includes cannot loop, climb out, follow links out, be URLs or text")
    func includes() {
        let loop = BankLoader().load(path: Fixtures.path("hostile/include-loop/bank.xml"))
        #expect(loop.diagnostics.contains { $0.rule == .include && $0.message.contains("loops") })
        let escape = BankLoader().load(path: Fixtures.path("hostile/include-escape/bank.xml"))
        #expect(escape.diagnostics.filter { $0.rule == .include }.count == 3)
        let link = BankLoader().load(path: Fixtures.path("hostile/include-link/bank.xml"))
        #expect(link.diagnostics.contains { $0.rule == .include && $0.message.contains("link") })
    }

    @Test("10,000 nested elements are refused by the depth limit")
    func deepNesting() throws {
        Fixtures.withTemporaryFolder { folder in
            let text = "<bank xmlns=\"urn:proctor:bank:1\">" + String(repeating: "<a>", count: 10_000)
            Fixtures.write(text, to: "deep.xml", in: folder)
            let result = BankLoader().load(path: folder + "/deep.xml")
            #expect(result.diagnostics.first?.rule == .xmlSyntax)
            #expect(result.diagnostics.first?.message.contains("depth") == true)
        }
    }

    @Test("a folder, a device or a FIFO given as a bank file is refused")
    func notRegularFiles() {
        let result = BankLoader().load(path: "/dev/zero")
        #expect(result.diagnostics.first?.rule == .fileAccess)
    }

    @Test("legitimate encodings load exactly like their plain UTF-8 twin",
          arguments: ["utf8-bom", "utf16le-bom", "utf16be-bom", "crlf"])
    func encodings(_ variant: String) throws {
        try Fixtures.withTemporaryFolder { folder in
            let original = try String(contentsOfFile: Fixtures.path("rules/valid.xml"), encoding: .utf8)
                .replacingOccurrences(of: "Apple", with: "Äpfel – 苹果")
            var bytes: [UInt8]
            switch variant {
            case "utf8-bom":
                bytes = [0xEF, 0xBB, 0xBF] + Array(original.utf8)
            case "utf16le-bom":
                let text = original.replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"UTF-16\"")
                bytes = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
            case "utf16be-bom":
                let text = original.replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"UTF-16\"")
                bytes = [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
            default:
                bytes = Array(original.replacingOccurrences(of: "\n", with: "\r\n").utf8)
            }
            _ = FileManager.default.createFile(atPath: folder + "/twin.xml", contents: Data(original.utf8))
            _ = FileManager.default.createFile(atPath: folder + "/variant.xml", contents: Data(bytes))
            let twin = BankLoader().load(path: folder + "/twin.xml")
            let loaded = BankLoader().load(path: folder + "/variant.xml")
            #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.formatted))")
            #expect(loaded.bank != nil)
            #expect(loaded.bank == twin.bank)
        }
    }
}
