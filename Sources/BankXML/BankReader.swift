import CLibXML2
import ProctorCore

/// Where the parts of a bank were defined, for bank-wide rules that run after reading.
struct BankLocations {
    var bank: SourceLocation
    var domains: [String: SourceLocation] = [:]
    var topics: [String: SourceLocation] = [:]
    var exams: [String: SourceLocation] = [:]
    var breaks: [String: [SourceLocation]] = [:]
    var scoring: [String: SourceLocation] = [:]
    var questions: [String: SourceLocation] = [:]
    /// Where a question's (or case's) domain and topic are named: the attribute, or the element
    /// when the value is inherited from its case. Keyed by question or case id.
    var domainReferences: [String: SourceLocation] = [:]
    var topicReferences: [String: SourceLocation] = [:]
    var cases: [String: SourceLocation] = [:]
}

/// Turns a parsed bank (main file plus includes) into a `QuestionBank`, collecting every problem.
///
/// The reader is lenient: whatever the schema already rejected is skipped quietly, so one mistake
/// is reported once, and every other problem in the bank is still found in the same run.
final class BankReader {
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var locations: BankLocations
    private var domains: [Domain] = []
    private var exams: [ExamProfile] = []
    private var questions: [Question] = []
    private var cases: [CaseSet] = []
    private var header = (id: "", version: "", language: String?.none, title: "", summary: String?.none,
                          license: String?.none, authors: [String]())
    /// Resolves and reads an included file, then hands it to `body` while it is on the include
    /// stack (so loops through nested includes are seen); supplied by the loader.
    typealias IncludeReader = (_ href: String, _ from: XMLDocument, _ node: xmlNodePtr,
                               _ body: (XMLDocument) -> Void) -> Void
    private let readInclude: IncludeReader

    init(bankLocation: SourceLocation, readInclude: @escaping IncludeReader) {
        self.locations = BankLocations(bank: bankLocation)
        self.readInclude = readInclude
    }

    /// The bank as read so far.
    var bank: QuestionBank {
        QuestionBank(id: header.id, version: header.version, language: header.language, title: header.title,
                     summary: header.summary, license: header.license, authors: header.authors,
                     domains: domains, exams: exams, questions: questions, cases: cases)
    }

    private func report(_ rule: LintRule, _ message: String, at location: SourceLocation) {
        diagnostics.append(Diagnostic(rule, message, at: location))
    }

    // MARK: The main file

    /// Reads the root `bank` element of `document` and everything it includes.
    func readBank(_ document: XMLDocument) {
        guard let root = document.root, root.isBankElement("bank") else { return }
        header.id = root.attribute("id") ?? ""
        header.version = root.attribute("version") ?? ""
        header.language = root.attribute("lang", inXMLNamespace: true)
        for child in root.childElements {
            if child.isXInclude {
                include(child, in: document)
                continue
            }
            guard child.isBankElement() else { continue }
            switch child.localName {
            case "title": header.title = TextRules.collapse(child.directText)
            case "summary": header.summary = TextRules.collapse(child.directText)
            case "license": header.license = TextRules.collapse(child.directText)
            case "author": header.authors.append(TextRules.collapse(child.directText))
            case "domain": readDomain(child, in: document)
            case "exam": readExam(child, in: document)
            case "question": readQuestion(child, in: document, caseContext: nil)
            case "case": readCase(child, in: document)
            default: break
            }
        }
    }

    /// Reads the `questions` root of an included file.
    private func readQuestions(_ document: XMLDocument) {
        guard let root = document.root, root.isBankElement("questions") else { return }
        for child in root.childElements {
            if child.isXInclude {
                include(child, in: document)
            } else if child.isBankElement("question") {
                readQuestion(child, in: document, caseContext: nil)
            } else if child.isBankElement("case") {
                readCase(child, in: document)
            }
        }
    }

    private func include(_ node: xmlNodePtr, in document: XMLDocument) {
        guard let href = node.attribute("href") else {
            report(.include, "xi:include needs an href", at: document.location(of: node))
            return
        }
        if let parse = node.attribute("parse"), parse != "xml" {
            report(.include, "xi:include with parse=\"\(parse)\" is not allowed; banks include XML files only",
                   at: document.location(of: node, attribute: "parse"))
            return
        }
        if node.attribute("xpointer") != nil {
            report(.include, "xi:include with xpointer is not supported; include whole files",
                   at: document.location(of: node, attribute: "xpointer"))
            return
        }
        readInclude(href, document, node) { included in
            guard let root = included.root, root.isBankElement("questions") else {
                report(.include, "an included file must have the root element <questions xmlns=\"\(BankSchema.namespace)\">",
                       at: included.root.map { included.location(of: $0) }
                           ?? SourceLocation(path: included.source.path, line: 1, column: 1))
                return
            }
            readQuestions(included)
        }
    }

    // MARK: Blueprint and exams

    private func readDomain(_ node: xmlNodePtr, in document: XMLDocument) {
        guard let id = node.attribute("id") else { return }
        let location = document.location(of: node, attribute: "id")
        if let first = locations.domains[id] {
            report(.duplicateID, "domain id '\(id)' is already used at \(first.short)", at: location)
            return
        }
        locations.domains[id] = location
        var topics: [Topic] = []
        for child in node.childElements where child.isBankElement("topic") {
            guard let topicID = child.attribute("id") else { continue }
            let topicLocation = document.location(of: child, attribute: "id")
            if let first = locations.topics[topicID] {
                report(.duplicateID, "topic id '\(topicID)' is already used at \(first.short)", at: topicLocation)
                continue
            }
            locations.topics[topicID] = topicLocation
            topics.append(Topic(id: topicID, name: TextRules.collapse(child.attribute("name") ?? topicID)))
        }
        domains.append(Domain(id: id, name: TextRules.collapse(node.attribute("name") ?? id),
                              weight: node.attribute("weight").flatMap(Double.init) ?? 0, topics: topics))
    }

    private func readExam(_ node: xmlNodePtr, in document: XMLDocument) {
        guard let id = node.attribute("id") else { return }
        let location = document.location(of: node, attribute: "id")
        if let first = locations.exams[id] {
            report(.duplicateID, "exam id '\(id)' is already used at \(first.short)", at: location)
            return
        }
        locations.exams[id] = location
        var breaks: [ExamBreak] = []
        var breakLocations: [SourceLocation] = []
        var scoring: ScoringModel?
        var pretest = 0
        for child in node.childElements where child.isBankElement() {
            switch child.localName {
            case "break":
                guard let after = child.attribute("after").flatMap(Int.init),
                      let minutes = child.attribute("minutes").flatMap(Int.init) else { continue }
                breaks.append(ExamBreak(after: after, minutes: minutes))
                breakLocations.append(document.location(of: child, attribute: "after"))
            case "scoring":
                locations.scoring[id] = document.location(of: child)
                scoring = readScoring(child, in: document)
            case "pretest":
                pretest = child.attribute("count").flatMap(Int.init) ?? 0
            default:
                break
            }
        }
        locations.breaks[id] = breakLocations
        exams.append(ExamProfile(
            id: id, name: TextRules.collapse(node.attribute("name") ?? id),
            questionCount: node.attribute("questions").flatMap(Int.init) ?? 0,
            minutes: node.attribute("minutes").flatMap(Int.init) ?? 0,
            breaks: breaks, scoring: scoring ?? .percent(pass: 0), pretestCount: pretest))
    }

    private func readScoring(_ node: xmlNodePtr, in document: XMLDocument) -> ScoringModel? {
        let pass = node.attribute("pass").flatMap(Double.init) ?? 0
        switch node.attribute("model") {
        case "percent":
            return .percent(pass: pass)
        case "scaled":
            guard let min = node.attribute("min").flatMap(Double.init),
                  let max = node.attribute("max").flatMap(Double.init) else {
                report(.scoring, "a scaled scoring model needs min and max (for example min=\"100\" max=\"900\")",
                       at: document.location(of: node, attribute: "model"))
                return nil
            }
            if !(min < max) {
                report(.scoring, "scaled min (\(min.compact)) must be below max (\(max.compact))",
                       at: document.location(of: node, attribute: "min"))
            } else if !(min...max).contains(pass) {
                report(.scoring, "the pass mark \(pass.compact) is outside the scaled range \(min.compact)-\(max.compact)",
                       at: document.location(of: node, attribute: "pass"))
            }
            return .scaled(min: min, max: max, pass: pass)
        case "bands":
            let bandNodes = node.childElements.filter { $0.isBankElement("band") }
            let bands = bandNodes.map {
                ScoreBand(name: TextRules.collapse($0.attribute("name") ?? ""),
                          minimumPercent: $0.attribute("min").flatMap(Double.init) ?? 0)
            }
            if bands.isEmpty {
                report(.scoring, "a bands scoring model needs at least one <band name=\"...\" min=\"...\"/>",
                       at: document.location(of: node, attribute: "model"))
            }
            for (index, pair) in zip(bands, bands.dropFirst()).enumerated() where pair.1.minimumPercent >= pair.0.minimumPercent {
                report(.scoring, "bands must run from highest to lowest min; '\(pair.1.name)' (\(pair.1.minimumPercent.compact)) is not below '\(pair.0.name)' (\(pair.0.minimumPercent.compact))",
                       at: document.location(of: bandNodes[index + 1], attribute: "min"))
            }
            if let lowest = bands.last, lowest.minimumPercent > 0 {
                report(.scoring, "the lowest band should start at min=\"0\" so every result has a band",
                       at: document.location(of: bandNodes[bandNodes.count - 1], attribute: "min"))
            }
            return .bands(bands, pass: pass)
        default:
            return nil
        }
    }

    // MARK: Questions

    private func readCase(_ node: xmlNodePtr, in document: XMLDocument) {
        guard let id = node.attribute("id") else { return }
        let location = document.location(of: node, attribute: "id")
        if let first = locations.cases[id] {
            report(.duplicateID, "case id '\(id)' is already used at \(first.short)", at: location)
            return
        }
        locations.cases[id] = location
        locations.domainReferences["case " + id] = document.location(of: node, attribute: "domain")
        locations.topicReferences["case " + id] = document.location(of: node, attribute: "topic")
        let domainID = node.attribute("domain") ?? ""
        let topicID = node.attribute("topic")
        var scenario = RichText(blocks: [])
        var questionIDs: [String] = []
        for child in node.childElements where child.isBankElement() {
            if child.localName == "scenario" {
                scenario = richText(child)
            } else if child.localName == "question", let question = readQuestion(
                child, in: document, caseContext: (id, domainID, topicID, document.location(of: node))) {
                questionIDs.append(question.id)
            }
        }
        cases.append(CaseSet(id: id, domainID: domainID, topicID: topicID, scenario: scenario, questionIDs: questionIDs))
    }

    @discardableResult
    private func readQuestion(
        _ node: xmlNodePtr, in document: XMLDocument,
        caseContext: (id: String, domain: String, topic: String?, location: SourceLocation)?
    ) -> Question? {
        guard let id = node.attribute("id"), let type = node.attribute("type") else { return nil }
        let location = document.location(of: node, attribute: "id")
        if let first = locations.questions[id] {
            report(.duplicateID, "question id '\(id)' is already used at \(first.short)", at: location)
            return nil
        }
        locations.questions[id] = location
        locations.domainReferences[id] = document.location(of: node, attribute: node.attribute("domain") == nil ? nil : "domain")
        locations.topicReferences[id] = document.location(of: node, attribute: node.attribute("topic") == nil ? nil : "topic")
        let domainID = node.attribute("domain") ?? caseContext?.domain ?? ""
        if domainID.isEmpty {
            report(.unknownDomain, "question '\(id)' has no domain; add domain=\"...\" (or put it in a case that has one)",
                   at: document.location(of: node))
        }
        let topicID = node.attribute("topic") ?? caseContext?.topic
        var stem = RichText(blocks: [])
        var explanation: RichText?
        var feedback: [String: RichText] = [:]
        var references: [String] = []
        var tags: [String] = []
        var optionNodes: [xmlNodePtr] = []
        var answerNode: xmlNodePtr?
        var itemNodes: [xmlNodePtr] = []
        var pairNodes: [xmlNodePtr] = []
        for child in node.childElements where child.isBankElement() {
            switch child.localName {
            case "stem": stem = richText(child)
            case "option": optionNodes.append(child)
            case "answer": answerNode = child
            case "item": itemNodes.append(child)
            case "pair": pairNodes.append(child)
            case "explanation": explanation = richText(child)
            case "feedback":
                guard let option = child.attribute("option") else { continue }
                if !optionNodes.contains(where: { $0.attribute("id") == option }) {
                    report(.unknownOption, "feedback for option '\(option)', which question '\(id)' does not have",
                           at: document.location(of: child, attribute: "option"))
                }
                feedback[option] = richText(child)
            case "reference": references.append(TextRules.collapse(child.directText))
            case "tag": tags.append(TextRules.collapse(child.directText))
            default: break
            }
        }
        let shape = QuestionShape(id: id, type: type, node: node, document: document,
                                  options: optionNodes, answer: answerNode, items: itemNodes, pairs: pairNodes)
        let (kind, findings) = shape.kind()
        diagnostics += findings
        guard let kind else { return nil }
        if explanation?.isEmpty ?? true {
            report(.missingExplanation, "question '\(id)' has no explanation; say why the key is right and each distractor wrong",
                   at: document.location(of: node))
        }
        let question = Question(
            id: id, domainID: domainID, topicID: topicID,
            difficulty: node.attribute("difficulty").flatMap(Int.init), caseID: caseContext?.id,
            stem: stem, kind: kind, explanation: explanation, feedback: feedback,
            references: references, tags: tags)
        questions.append(question)
        return question
    }

    /// Paragraphs and exhibits of a mixed-content element (stem, scenario, explanation, feedback).
    private func richText(_ node: xmlNodePtr) -> RichText {
        var blocks: [RichText.Block] = []
        var buffer = ""
        func flush() {
            blocks += TextRules.paragraphs(buffer).map(RichText.Block.paragraph)
            buffer = ""
        }
        var current = node.pointee.children
        while let child = current {
            switch child.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = child.pointee.content { buffer += String(cString: content) }
            case XML_ELEMENT_NODE where child.isBankElement("exhibit"):
                flush()
                blocks.append(.exhibit(title: child.attribute("title").map(TextRules.collapse),
                                       text: TextRules.preformatted(child.directText)))
            default:
                break
            }
            current = child.pointee.next
        }
        flush()
        return RichText(blocks: blocks)
    }
}

extension SourceLocation {
    /// `path:line:col`, for "already used at ..." messages.
    var short: String { "\(path):\(line):\(column)" }
}

extension Double {
    /// The number without a trailing `.0`: 74 rather than 74.0.
    var compact: String {
        self == rounded() && abs(self) < 1e15 ? String(Int(self)) : String(self)
    }
}
