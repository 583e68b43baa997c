import BankXML
import Foundation
import Testing

/// Hostile inputs too big or too many to keep as fixtures, made in the test: a bank truncated at
/// every 7th byte, a 50 MB text node, and files whose size is harmless but whose shape once made
/// the loader quadratic. `Scripts/hostile-corpus.sh` runs the same kinds through the real binary
/// with the time and memory budget; here they run in-process and must give errors, never a crash.
struct GeneratedHostileTests {
    /// The shipped CSM bank's main file, beside its includes.
    static let shippedBank = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("QuestionBanks/csm/csm.xml").path

    @Test("a bank truncated at every 7th byte is refused with an error each time",
          arguments: ["fixture", "shipped"])
    func truncations(_ which: String) throws {
        let path = which == "fixture" ? Fixtures.path("rules/valid.xml") : Self.shippedBank
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(BankLoader().load(bytes: bytes, path: path).bank != nil, "the whole file must load")
        // Whitespace after the root element is not content: cutting it leaves a valid bank.
        let contentLength = (bytes.lastIndex { ![0x20, 0x0A, 0x0D, 0x09].contains($0) } ?? 0) + 1
        var refused = 0
        for length in stride(from: 7, to: contentLength, by: 7) {
            let result = BankLoader().load(bytes: Array(bytes.prefix(length)), path: path)
            #expect(result.bank == nil, "truncated at \(length) bytes, the bank loaded")
            #expect(result.diagnostics.contains { $0.severity == .error }, "truncated at \(length) bytes: no error")
            refused += 1
        }
        #expect(refused == (contentLength - 1) / 7)
    }

    @Test("a 50 MB text node is refused with an error")
    func hugeTextNode() {
        let head = Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<bank xmlns=\"urn:proctor:bank:1\" id=\"x\" version=\"1\"><title>".utf8)
        var bytes = head
        bytes.reserveCapacity(head.count + 50_000_000 + 32)
        let line = Array(repeating: UInt8(ascii: "x"), count: 99) + [0x0A]
        for _ in 0..<500_000 { bytes += line }
        bytes += Array("</title></bank>\n".utf8)
        Fixtures.withTemporaryFolder { folder in
            let result = BankLoader().load(bytes: bytes, path: folder + "/huge.xml")
            #expect(result.bank == nil)
            #expect(result.diagnostics.first?.rule == .xmlSyntax)
            #expect(result.diagnostics.first?.severity == .error)
        }
    }

    @Test("too many attributes or namespaces in scope stop the file before libxml2 parses it",
          arguments: ["many-attributes.xml", "namespaces-in-scope.xml"])
    func parserLimits(_ name: String) {
        let result = BankLoader().load(path: Fixtures.path("hostile/" + name))
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics.first?.rule == .xmlSyntax)
        #expect(result.diagnostics.first?.message.contains("more than 64") == true)
    }

    @Test("namespace declarations repeated on siblings are no limit")
    func redundantDeclarations() {
        // Every question carries its own (redundant) declaration: 200 in the file, never two in scope.
        let text = Self.head + "<domain id=\"d\" name=\"D\" weight=\"100\"/>"
            + (0..<200).map { Self.question($0, attributes: " xmlns=\"urn:proctor:bank:1\"") }.joined() + "</bank>\n"
        Fixtures.withTemporaryFolder { folder in
            let result = BankLoader().load(bytes: Array(text.utf8), path: folder + "/bank.xml")
            #expect(!result.diagnostics.contains { $0.severity == .error }, "\(result.diagnostics.map(\.formatted))")
            #expect(result.bank?.questions.count == 200)
        }
    }

    /// Loads a generated bank that was quadratic to load; the time limit catches a regression
    /// (each took minutes before the fix and takes well under a second now).
    private func loadsQuickly(_ text: String, expecting rule: LintRule? = nil) {
        Fixtures.withTemporaryFolder { folder in
            let started = Date()
            let result = BankLoader().load(bytes: Array(text.utf8), path: folder + "/bank.xml")
            let seconds = Date().timeIntervalSince(started)
            #expect(seconds < 20, "took \(seconds) s")
            if let rule { #expect(result.diagnostics.contains { $0.rule == rule }) }
        }
    }

    private static let head = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bank xmlns="urn:proctor:bank:1" id="x" version="1"><title>t</title>
        """

    private static func question(_ number: Int, attributes: String = "") -> String {
        "<question id=\"q\(number)\" type=\"single\" domain=\"d\"\(attributes)><stem>Stem \(number)?</stem>"
            + "<option id=\"a\">A</option><option id=\"b\" correct=\"true\">B</option><option id=\"c\">C</option>"
            + "<explanation>E.</explanation></question>\n"
    }

    @Test("one question with 20,000 options and as many feedbacks", .timeLimit(.minutes(1)))
    func feedbackPerOption() {
        var text = Self.head + "<domain id=\"d\" name=\"D\" weight=\"100\"/><question id=\"q\" type=\"single\" domain=\"d\"><stem>S</stem>"
        text += (0..<20_000).map { "<option id=\"o\($0)\">O</option>\n" }.joined()
        text += "<explanation>E</explanation>" + (0..<20_000).map { "<feedback option=\"o\($0)\">F</feedback>\n" }.joined()
        loadsQuickly(text + "</question></bank>\n", expecting: .typeContent)
    }

    @Test("20,000 topics and 20,000 questions naming the last", .timeLimit(.minutes(1)))
    func topicLookups() {
        var text = Self.head + "<domain id=\"d\" name=\"D\" weight=\"100\">"
        text += (0..<20_000).map { "<topic id=\"t\($0)\" name=\"T\"/>\n" }.joined() + "</domain>"
        text += (0..<20_000).map { Self.question($0, attributes: " topic=\"t19999\"") }.joined()
        loadsQuickly(text + "<question id=\"bad\" type=\"single\"/></bank>\n", expecting: .schema)
    }

    @Test("20,000 questions naming a domain that none of 20,000 domains is", .timeLimit(.minutes(1)))
    func unknownDomainMessages() {
        var text = Self.head + (0..<20_000).map { "<domain id=\"d\($0)\" name=\"D\" weight=\"0\"/>\n" }.joined()
        text += (0..<20_000).map { Self.question($0) }.joined()
        loadsQuickly(text + "</bank>\n", expecting: .unknownDomain)
    }

    @Test("a bank of 2,000 questions written on one line", .timeLimit(.minutes(1)))
    func oneLine() {
        var text = Self.head + "<domain id=\"d\" name=\"D\" weight=\"100\"/>"
        text += (0..<2_000).map { Self.question($0).replacingOccurrences(of: "Stem", with: "Stém 苹果") }.joined()
        text = text.replacingOccurrences(of: "\n", with: " ") + "<question id=\"bad\" type=\"single\"/></bank>"
        loadsQuickly(text, expecting: .schema)
        // Columns far into the line count characters, not bytes.
        Fixtures.withTemporaryFolder { folder in
            let result = BankLoader().load(bytes: Array(text.utf8), path: folder + "/bank.xml")
            let bad = text.range(of: "<question id=\"bad\"").map { text[..<$0.lowerBound].unicodeScalars.count + 1 }
            #expect(result.diagnostics.contains { $0.rule == .schema && $0.location.column == bad })
        }
    }
}
