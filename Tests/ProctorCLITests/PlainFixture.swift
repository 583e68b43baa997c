import Foundation
import Testing

/// A small bank written by the tests, a temporary database, and how to read plain mode's blocks.
struct PlainFixture {
    let folder: URL
    var banks: String { folder.appendingPathComponent("banks").path }
    var database: String { folder.appendingPathComponent("data/proctor.sqlite").path }

    /// The options every command takes to use this fixture's banks and database.
    var common: [String] { ["--banks", banks, "--db", database] }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("proctor-cli-tests-\(UUID().uuidString)")
        let bankFolder = folder.appendingPathComponent("banks")
        try FileManager.default.createDirectory(at: bankFolder, withIntermediateDirectories: true)
        try Self.bankXML.write(to: bankFolder.appendingPathComponent("fixture.xml"), atomically: true, encoding: .utf8)
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Six questions, one of each kind, over two domains; a ten-minute exam with a break after 3.
    static let bankXML = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bank xmlns="urn:proctor:bank:1" id="e2e" version="1">
          <title>End-to-end fixture</title>
          <domain id="alpha" name="Alpha" weight="50">
            <topic id="fruit" name="Fruit"/>
          </domain>
          <domain id="beta" name="Beta" weight="50"/>
          <exam id="e2e-exam" name="Fixture exam" questions="6" minutes="10">
            <break after="3" minutes="1"/>
            <scoring model="percent" pass="50"/>
          </exam>
          <question id="q1" type="single" domain="alpha" topic="fruit">
            <stem>Which fruit is yellow and curved?</stem>
            <option id="a">Apple</option>
            <option id="b" correct="true">Banana</option>
            <option id="c">Cherry</option>
            <option id="d">Damson</option>
            <explanation>Bananas are yellow and curved.</explanation>
            <feedback option="a">Apples are round.</feedback>
          </question>
          <question id="q2" type="multiple" domain="alpha" select="2">
            <stem>Which two are primary colours of light?</stem>
            <option id="a" correct="true">Red</option>
            <option id="b">Yellow</option>
            <option id="c" correct="true">Green</option>
            <option id="d">Purple</option>
            <explanation>Red, green and blue.</explanation>
          </question>
          <question id="q3" type="numeric" domain="alpha">
            <stem>What is CPI when EV is 50 and AC is 40?</stem>
            <answer value="1.25" tolerance="0.01"/>
            <explanation>CPI = EV / AC = 1.25.</explanation>
          </question>
          <question id="q4" type="ordering" domain="beta">
            <stem>Put the numbers in increasing order.</stem>
            <item id="one">One</item>
            <item id="two">Two</item>
            <item id="three">Three</item>
            <explanation>One, two, three.</explanation>
          </question>
          <question id="q5" type="matching" domain="beta">
            <stem>Match each animal with its sound.</stem>
            <pair id="cat"><left>Cat</left><right>Meow</right></pair>
            <pair id="dog"><left>Dog</left><right>Woof</right></pair>
            <pair id="cow"><left>Cow</left><right>Moo</right></pair>
            <explanation>As on the farm.</explanation>
          </question>
          <question id="q6" type="truefalse" domain="beta">
            <stem>The sky is green.</stem>
            <option id="t">True</option>
            <option id="f" correct="true">False</option>
            <explanation>It is blue.</explanation>
          </question>
        </bank>
        """

    /// The domain of each question.
    static let domains = ["q1": "alpha", "q2": "alpha", "q3": "alpha", "q4": "beta", "q5": "beta", "q6": "beta"]
}

/// One question block as plain mode prints it, read back.
struct PlainBlock {
    var number: Int
    var count: Int
    var questionID: String
    var flagged: Bool
    /// Seconds left as the header shows them.
    var timeLeft: Int?
    /// Letters of lettered lines (options, ordering items, matching right sides) by their text.
    var letters: [String: String] = [:]
    /// Numbers of matching left sides by their text.
    var numbers: [String: Int] = [:]

    /// The last block in `text`.
    init?(lastIn text: String) {
        let lines = text.components(separatedBy: "\n")
        guard let start = lines.lastIndex(where: { $0.hasPrefix("Question ") && $0.contains("  [") }) else { return nil }
        let header = lines[start]
        let words = header.split(separator: " ")
        guard words.count >= 5, let number = Int(words[1]), let count = Int(words[3]) else { return nil }
        self.number = number
        self.count = count
        questionID = String(words[4].dropFirst().dropLast())
        flagged = header.contains("  flagged")
        if let range = header.range(of: "time left ") {
            let parts = header[range.upperBound...].split(separator: ":").compactMap { Int($0) }
            timeLeft = parts.reduce(0) { $0 * 60 + $1 }
        }
        for line in lines[(start + 1)...] {
            if line.hasPrefix("answer>") { break }
            let characters = Array(line)
            // "  A) text", " ●A) text", "   A) text"
            if let close = line.firstIndex(of: ")"), let letter = line[..<close].last, letter.isUppercase,
               line[..<close].dropLast().allSatisfy({ $0 == " " || $0 == "●" }) {
                letters[String(line[line.index(after: close)...]).trimmingCharacters(in: .whitespaces)] = String(letter)
            } else if characters.count > 4, characters[0...2].allSatisfy({ $0 == " " }), let digit = characters[3].wholeNumberValue,
                      characters[4] == " " {
                numbers[String(characters[5...]).trimmingCharacters(in: .whitespaces)] = digit
            }
        }
    }
}
