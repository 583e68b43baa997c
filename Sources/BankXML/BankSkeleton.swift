/// A new bank to start from: a main file with a blueprint and an exam, and an include file with one
/// question of every type. It passes `proctor lint`.
public struct BankSkeleton: Sendable {
    public var id: String

    public init(id: String) {
        self.id = id
    }

    /// Whether `id` may name a bank.
    public static func isValidID(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, id.unicodeScalars.count <= 64 else { return false }
        func allowed(_ scalar: Unicode.Scalar) -> Bool {
            ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
        }
        return allowed(first) && id.unicodeScalars.allSatisfy { allowed($0) || $0 == "-" }
    }

    /// File name to contents.
    public var files: [String: String] {
        ["\(id).xml": mainFile, "questions.xml": questionsFile]
    }

    private var mainFile: String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- A Proctor question bank. Format: QuestionBanks/schema/proctor-bank-1.xsd and the README. -->
        <bank xmlns="urn:proctor:bank:1" xmlns:xi="http://www.w3.org/2001/XInclude"
              id="\(id)" version="0.1" xml:lang="en">
          <title>\(id) practice bank</title>
          <summary>What this bank covers, and how closely its exam follows the real one.</summary>
          <license>CC-BY-4.0</license>
          <author>Your name</author>

          <domain id="fundamentals" name="Fundamentals" weight="50">
            <topic id="terms" name="Terms and definitions"/>
            <topic id="calculations" name="Calculations"/>
          </domain>
          <domain id="practice" name="Practice" weight="50">
            <topic id="process" name="Process and sequence"/>
          </domain>

          <exam id="\(id)" name="\(id) practice exam" questions="6" minutes="10">
            <scoring model="percent" pass="70"/>
          </exam>

          <xi:include href="questions.xml"/>
        </bank>

        """
    }

    private var questionsFile: String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <questions xmlns="urn:proctor:bank:1">
          <question id="\(id)-0001" type="single" domain="fundamentals" topic="terms" difficulty="1">
            <stem>Which document formally authorizes a project?</stem>
            <option id="a">Project management plan</option>
            <option id="b" correct="true">Project charter</option>
            <option id="c">Scope statement</option>
            <option id="d">Stakeholder register</option>
            <explanation>The charter authorizes the project. The plan (A) says how it will be run, the scope
              statement (C) what it delivers, and the stakeholder register (D) who is involved.</explanation>
            <reference>Name the guide and section here</reference>
          </question>

          <question id="\(id)-0002" type="multiple" select="2" domain="fundamentals" topic="terms" difficulty="2">
            <stem>Which two are Scrum artifacts? (Choose two.)</stem>
            <option id="a" correct="true">Product Backlog</option>
            <option id="b">Sprint Review</option>
            <option id="c" correct="true">Increment</option>
            <option id="d">Definition of Ready</option>
            <explanation>Product Backlog and Increment are artifacts. The Sprint Review (B) is an event; a
              Definition of Ready (D) is a common practice, not part of Scrum.</explanation>
            <reference>The Scrum Guide (2020), "Scrum Artifacts"</reference>
          </question>

          <question id="\(id)-0003" type="truefalse" domain="practice" topic="process" difficulty="1">
            <stem>A Sprint may be cancelled only by the Product Owner.</stem>
            <option id="t" correct="true">True</option>
            <option id="f">False</option>
            <explanation>Only the Product Owner has the authority to cancel a Sprint.</explanation>
            <reference>The Scrum Guide (2020), "The Sprint"</reference>
          </question>

          <question id="\(id)-0004" type="numeric" domain="fundamentals" topic="calculations" difficulty="3">
            <stem>EV is 45,000 and AC is 50,000. What is the CPI? Round to two decimal places.
              <exhibit title="Status">
        EV   45,000
        AC   50,000
              </exhibit>
            </stem>
            <answer value="0.90" tolerance="0.005"/>
            <explanation>CPI = EV / AC = 45,000 / 50,000 = 0.90.</explanation>
            <reference>PMBOK Guide, earned value analysis</reference>
          </question>

          <question id="\(id)-0005" type="ordering" domain="practice" topic="process" difficulty="2">
            <stem>Put these Scrum events in the order they happen in a Sprint.</stem>
            <item id="i1">Sprint Planning</item>
            <item id="i2">Daily Scrum</item>
            <item id="i3">Sprint Review</item>
            <item id="i4">Sprint Retrospective</item>
            <explanation>Planning opens the Sprint, Daily Scrums run through it, the Review inspects the
              Increment and the Retrospective closes the Sprint.</explanation>
            <reference>The Scrum Guide (2020), "Scrum Events"</reference>
          </question>

          <question id="\(id)-0006" type="matching" domain="practice" topic="process" difficulty="2">
            <stem>Match each accountability with what it is accountable for.</stem>
            <pair id="p1"><left>Product Owner</left><right>Maximizing the value of the product</right></pair>
            <pair id="p2"><left>Scrum Master</left><right>The Scrum Team's effectiveness</right></pair>
            <pair id="p3"><left>Developers</left><right>Creating a usable Increment each Sprint</right></pair>
            <explanation>These are the three accountabilities of the Scrum Guide.</explanation>
            <reference>The Scrum Guide (2020), "Scrum Team"</reference>
          </question>
        </questions>

        """
    }
}
