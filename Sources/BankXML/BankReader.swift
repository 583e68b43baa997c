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
    /// Where each question of the bank came from, in the order of `QuestionBank.questions`.
    var questionSites: [QuestionSite] = []
    var cases: [String: SourceLocation] = [:]
    /// Where each case names its domain and topic, by case id.
    var caseSites: [String: QuestionSite] = [:]
}

/// Where a question's id, domain and topic were written (the attributes, or the element when a
/// value is inherited from its case), and its stem reduced for duplicate detection: worked out
/// while the file is read, so that bank-wide rules need not go back to the text.
struct QuestionSite {
    var id: SourceLocation
    var domain: SourceLocation
    var topic: SourceLocation
    var normalisedStem: String = ""
}

/// An `xi:include` as written, to be resolved by the loader.
struct IncludeRequest {
    var href: String
    /// Where the href attribute is, for findings about the include.
    var site: SourceLocation
    /// The display path of the file that holds the include.
    var fromPath: String
}

/// What one file contributes to a bank's items, in document order.
struct FileContent {
    enum Entry {
        case question(Question, QuestionSite)
        case caseSet(CaseSet, QuestionSite, [(Question, QuestionSite)])
        case include(IncludeRequest)
    }
    var entries: [Entry] = []
    var diagnostics: [Diagnostic] = []
}

/// Reads one parsed bank file into model values, collecting every problem it can see locally.
///
/// A reader sees one file: the main file's header, blueprint and exams, or an include file's
/// questions and cases. Includes come back as requests, and ids that must be unique across files
/// are checked when the loader puts the files together, so files can be read in parallel.
/// The reader is lenient: whatever the schema already rejected is skipped quietly, so one mistake
/// is reported once, and every other problem in the bank is still found in the same run.
final class BankReader {
    private(set) var content = FileContent()
    private(set) var locations: BankLocations
    private(set) var domains: [Domain] = []
    private(set) var exams: [ExamProfile] = []
    private(set) var header = (id: "", version: "", language: String?.none, title: "", summary: String?.none,
                               license: String?.none, authors: [String]())
    private let document: XMLDocument

    init(document: XMLDocument, bankLocation: SourceLocation) {
        self.document = document
        self.locations = BankLocations(bank: bankLocation)
    }

    private func report(_ rule: LintRule, _ message: String, at location: SourceLocation) {
        content.diagnostics.append(Diagnostic(rule, message, at: location))
    }

    // MARK: Roots

    /// Reads the root `bank` element: header, blueprint, exams, and the items in order.
    func readBank() {
        guard let root = document.root, root.isBankElement("bank") else { return }
        header.id = root.attribute("id") ?? ""
        header.version = root.attribute("version") ?? ""
        header.language = root.attribute("lang", inXMLNamespace: true)
        for child in root.childElements {
            if child.isXInclude {
                include(child)
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
            case "question": readQuestion(child, in: document, caseContext: nil).map { content.entries.append(.question($0.0, $0.1)) }
            case "case": readCase(child, in: document)
            default: break
            }
        }
    }

    /// Reads the `questions` root of an included file.
    func readQuestions() {
        guard let root = document.root, root.isBankElement("questions") else {
            report(.include, "an included file must have the root element <questions xmlns=\"\(BankSchema.namespace)\">",
                   at: document.root.map { document.location(of: $0) }
                       ?? SourceLocation(path: document.source.path, line: 1, column: 1))
            return
        }
        for child in root.childElements {
            if child.isXInclude {
                include(child)
            } else if child.isBankElement("question") {
                readQuestion(child, in: document, caseContext: nil).map { content.entries.append(.question($0.0, $0.1)) }
            } else if child.isBankElement("case") {
                readCase(child, in: document)
            }
        }
    }

    private func include(_ node: xmlNodePtr) {
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
        content.entries.append(.include(IncludeRequest(
            href: href, site: document.location(of: node, attribute: "href"), fromPath: document.source.path)))
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
        let site = QuestionSite(id: document.location(of: node, attribute: "id"),
                                domain: document.location(of: node, attribute: "domain"),
                                topic: document.location(of: node, attribute: "topic"))
        let domainID = node.attribute("domain") ?? ""
        let topicID = node.attribute("topic")
        var scenario = RichText(blocks: [])
        var members: [(Question, QuestionSite)] = []
        for child in node.childElements where child.isBankElement() {
            if child.localName == "scenario" {
                scenario = richText(child)
            } else if child.localName == "question",
                      let member = readQuestion(child, in: document, caseContext: (id, domainID, topicID)) {
                members.append(member)
            }
        }
        let caseSet = CaseSet(id: id, domainID: domainID, topicID: topicID, scenario: scenario,
                              questionIDs: members.map(\.0.id))
        content.entries.append(.caseSet(caseSet, site, members))
    }

    private func readQuestion(
        _ node: xmlNodePtr, in document: XMLDocument,
        caseContext: (id: String, domain: String, topic: String?)?
    ) -> (Question, QuestionSite)? {
        guard let id = node.attribute("id"), let type = node.attribute("type") else { return nil }
        var site = QuestionSite(
            id: document.location(of: node, attribute: "id"),
            domain: document.location(of: node, attribute: node.attribute("domain") == nil ? nil : "domain"),
            topic: document.location(of: node, attribute: node.attribute("topic") == nil ? nil : "topic"))
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
        // Looked up for every feedback: a list searched each time was quadratic in a hostile file.
        var optionIDs: Set<String> = []
        var answerNode: xmlNodePtr?
        var itemNodes: [xmlNodePtr] = []
        var pairNodes: [xmlNodePtr] = []
        for child in node.childElements where child.isBankElement() {
            switch child.localName {
            case "stem": stem = richText(child)
            case "option":
                optionNodes.append(child)
                if let optionID = child.attribute("id") { optionIDs.insert(optionID) }
            case "answer": answerNode = child
            case "item": itemNodes.append(child)
            case "pair": pairNodes.append(child)
            case "explanation": explanation = richText(child)
            case "feedback":
                guard let option = child.attribute("option") else { continue }
                if !optionIDs.contains(option) {
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
        content.diagnostics += findings
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
        site.normalisedStem = TextRules.normalisedForComparison(stem.plainText)
        return (question, site)
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
