import BankXML
import ProctorCore
import Testing

/// The loader turns every element of the format into the model.
struct BankReadingTests {
    static let bankText = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bank xmlns="urn:proctor:bank:1" xmlns:xi="http://www.w3.org/2001/XInclude" id="demo" version="3" xml:lang="en">
          <title>Demo   bank</title>
          <summary>A summary.</summary>
          <domain id="d1" name="One" weight="60"><topic id="t1" name="Topic one"/></domain>
          <domain id="d2" name="Two" weight="40"/>
          <exam id="demo-exam" name="Demo" questions="3" minutes="30">
            <break after="2" minutes="5"/>
            <scoring model="bands" pass="65">
              <band name="Above Target" min="80"/><band name="Target" min="65"/><band name="Needs Improvement" min="0"/>
            </scoring>
            <pretest count="1"/>
          </exam>
          <xi:include href="parts/more.xml"/>
        </bank>
        """
    static let includeText = """
        <?xml version="1.0" encoding="UTF-8"?>
        <questions xmlns="urn:proctor:bank:1">
          <question id="n1" type="numeric" domain="d1" topic="t1" difficulty="3">
            <stem>First paragraph
              continues here.

              Second paragraph.
              <exhibit title="Data">
                EV  100
                AC   80
              </exhibit>
            </stem>
            <answer value="1.25" tolerance="0.005" unit="CPI"/>
            <explanation>Because.</explanation>
            <reference>Guide</reference>
            <tag>evm</tag>
          </question>
          <question id="o1" type="ordering" domain="d2">
            <stem>Order them.</stem>
            <item id="i1">First</item><item id="i2">Second</item><item id="i3">Third</item>
            <explanation>Order.</explanation><reference>Guide</reference>
          </question>
          <case id="c1" domain="d1" topic="t1">
            <scenario>A shared scenario.</scenario>
            <question id="m1" type="matching">
              <stem>Match them.</stem>
              <pair id="p1"><left>L1</left><right>R1</right></pair>
              <pair id="p2"><left>L2</left><right>R2</right></pair>
              <pair id="p3"><left>L3</left><right>R3</right></pair>
              <explanation>Pairs.</explanation><reference>Guide</reference>
            </question>
            <question id="mr1" type="multiple" select="2">
              <stem>Choose two.</stem>
              <option id="a" correct="true">A</option><option id="b">B</option>
              <option id="c" correct="true">C</option><option id="d" pin="true">None of these</option>
              <explanation>A and C.</explanation>
              <feedback option="b">Not B.</feedback>
              <reference>Guide</reference>
            </question>
          </case>
        </questions>
        """

    @Test("every element of the format reaches the model")
    func fullBank() throws {
        try Fixtures.withTemporaryFolder { folder in
            Fixtures.write(Self.bankText, to: "demo.xml", in: folder)
            Fixtures.write(Self.includeText, to: "parts/more.xml", in: folder)
            let result = BankLoader().load(path: folder + "/demo.xml")
            #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.formatted))")
            let bank = try #require(result.bank)
            #expect(bank.title == "Demo bank")
            #expect(bank.language == "en")
            #expect(result.files.count == 2)
            let exam = try #require(bank.exam(id: "demo-exam"))
            #expect(exam.breaks == [ExamBreak(after: 2, minutes: 5)])
            #expect(exam.pretestCount == 1)
            guard case .bands(let bands, let pass) = exam.scoring else {
                Issue.record("expected bands")
                return
            }
            #expect(bands.map(\.name) == ["Above Target", "Target", "Needs Improvement"])
            #expect(pass == 65)

            let numeric = try #require(bank.question(id: "n1"))
            #expect(numeric.stem.blocks == [
                .paragraph("First paragraph continues here."),
                .paragraph("Second paragraph."),
                .exhibit(title: "Data", text: "EV  100\nAC   80"),
            ])
            #expect(numeric.kind == .numeric(NumericKey(value: 1.25, tolerance: 0.005, unit: "CPI")))
            #expect(numeric.tags == ["evm"])
            #expect(numeric.difficulty == 3)

            let matching = try #require(bank.question(id: "m1"))
            #expect(matching.caseID == "c1")
            #expect(matching.domainID == "d1")
            #expect(matching.topicID == "t1")
            let multiple = try #require(bank.question(id: "mr1"))
            guard case .multiple(let options, let select) = multiple.kind else {
                Issue.record("expected multiple")
                return
            }
            #expect(select == 2)
            #expect(options.last?.isPinned == true)
            #expect(multiple.feedback["b"] == RichText("Not B."))
            #expect(bank.cases.first?.questionIDs == ["m1", "mr1"])
        }
    }

    @Test("findings in an include file name that file")
    func includeFileLocations() throws {
        try Fixtures.withTemporaryFolder { folder in
            Fixtures.write(Self.bankText, to: "demo.xml", in: folder)
            Fixtures.write(Self.includeText.replacingOccurrences(of: "domain=\"d2\"", with: "domain=\"d9\""),
                           to: "parts/more.xml", in: folder)
            let result = BankLoader().load(path: folder + "/demo.xml")
            let finding = try #require(result.diagnostics.first { $0.rule == .unknownDomain })
            #expect(finding.location.path == folder + "/parts/more.xml")
            #expect(finding.location.line == 18)
            #expect(finding.location.column == 37)
        }
    }

    @Test("the catalog finds banks in folders and refuses an exam id defined twice")
    func catalog() throws {
        Fixtures.withTemporaryFolder { folder in
            Fixtures.write(Self.bankText, to: "one/demo.xml", in: folder)
            Fixtures.write(Self.includeText, to: "one/parts/more.xml", in: folder)
            Fixtures.write(Self.bankText.replacingOccurrences(of: "id=\"demo\"", with: "id=\"demo2\""), to: "two/demo2.xml", in: folder)
            Fixtures.write(Self.includeText, to: "two/parts/more.xml", in: folder)
            let catalog = BankCatalog(paths: [folder])
            #expect(catalog.results.count == 2)
            #expect(catalog.banks.map(\.id).sorted() == ["demo", "demo2"])
            #expect(catalog.crossBankDiagnostics.count == 1)
            #expect(catalog.crossBankDiagnostics.first?.rule == .duplicateID)
        }
    }

    @Test("the skeleton that `proctor new` writes passes strict lint")
    func skeleton() throws {
        Fixtures.withTemporaryFolder { folder in
            for (name, text) in BankSkeleton(id: "my-exam").files {
                Fixtures.write(text, to: "my-exam/" + name, in: folder)
            }
            let result = BankLoader().load(path: folder + "/my-exam/my-exam.xml")
            #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.formatted))")
            #expect(result.bank?.questions.count == 6)
        }
        #expect(BankSkeleton.isValidID("pmp-2026"))
        #expect(!BankSkeleton.isValidID("PMP"))
        #expect(!BankSkeleton.isValidID("-x"))
        #expect(!BankSkeleton.isValidID(""))
    }
}
