import ProctorCore

/// The bank-wide semantic rules of the format, run once a bank (with its includes) has been read.
struct BankRules {
    let bank: QuestionBank
    let locations: BankLocations

    func check() -> [Diagnostic] {
        references() + weights() + exams() + duplicateStems() + answerPositionBias() + longestOptionBias()
    }

    /// Domains and topics that questions and cases refer to must exist (and topics in their domain).
    private func references() -> [Diagnostic] {
        var findings: [Diagnostic] = []
        let domainIDs = Set(bank.domains.map(\.id))
        // Each topic's domain, looked up once per question: `bank.topic(id:)` searches every domain.
        var topicOwners: [String: String] = [:]
        for domain in bank.domains {
            for topic in domain.topics where topicOwners[topic.id] == nil { topicOwners[topic.id] = domain.id }
        }
        // Named in every unknown-domain finding, so kept short however many domains there are.
        let knownDomains = bank.domains.prefix(10).map(\.id).joined(separator: ", ") + (bank.domains.count > 10 ? ", ..." : "")
        func check(_ what: String, id: String, domainID: String, topicID: String?, site: QuestionSite?) {
            let domainLocation = site?.domain ?? locations.bank
            let topicLocation = site?.topic ?? locations.bank
            guard !domainID.isEmpty else { return }
            guard domainIDs.contains(domainID) else {
                findings.append(Diagnostic(.unknownDomain,
                    "\(what) '\(id)' names domain '\(domainID)', which the bank does not define (domains: \(knownDomains))",
                    at: domainLocation))
                return
            }
            guard let topicID else { return }
            guard let owner = topicOwners[topicID] else {
                findings.append(Diagnostic(.unknownTopic, "\(what) '\(id)' names topic '\(topicID)', which the bank does not define",
                                           at: topicLocation))
                return
            }
            if owner != domainID {
                findings.append(Diagnostic(.unknownTopic,
                    "\(what) '\(id)' is in domain '\(domainID)' but its topic '\(topicID)' belongs to domain '\(owner)'",
                    at: topicLocation))
            }
        }
        for caseSet in bank.cases {
            check("case", id: caseSet.id, domainID: caseSet.domainID, topicID: caseSet.topicID, site: locations.caseSites[caseSet.id])
        }
        for (index, question) in bank.questions.enumerated() {
            let site = index < locations.questionSites.count ? locations.questionSites[index] : nil
            check("question", id: question.id, domainID: question.domainID, topicID: question.topicID, site: site)
        }
        return findings
    }

    private func weights() -> [Diagnostic] {
        guard !bank.domains.isEmpty else { return [] }
        let total = bank.domains.map(\.weight).reduce(0, +)
        guard abs(total - 100) > 0.5 else { return [] }
        let location = bank.domains.first.flatMap { locations.domains[$0.id] } ?? locations.bank
        let parts = bank.domains.map { "\($0.id) \($0.weight.compact)" }.joined(separator: " + ")
        return [Diagnostic(.weights, "domain weights sum to \(total.compact), not 100: \(parts)", at: location)]
    }

    /// Breaks in order and inside the form; pretest smaller than the form; enough questions per domain.
    private func exams() -> [Diagnostic] {
        var findings: [Diagnostic] = []
        for exam in bank.exams {
            let location = locations.exams[exam.id] ?? locations.bank
            let breakLocations = locations.breaks[exam.id] ?? []
            var previous = 0
            for (index, examBreak) in exam.breaks.enumerated() {
                let at = index < breakLocations.count ? breakLocations[index] : location
                if examBreak.after >= exam.questionCount {
                    findings.append(Diagnostic(.breakPosition,
                        "a break after question \(examBreak.after) of a \(exam.questionCount)-question exam is never reached",
                        at: at))
                } else if examBreak.after <= previous {
                    findings.append(Diagnostic(.breakPosition,
                        "breaks must be in increasing order: after=\"\(examBreak.after)\" follows after=\"\(previous)\"", at: at))
                }
                previous = max(previous, examBreak.after)
            }
            var shortfalls: [String] = []
            for problem in checkCoverage(of: bank, exam: exam) {
                switch problem {
                case .tooFewQuestions(let domainID, let needed, let available):
                    shortfalls.append("\(needed) from '\(bank.domain(id: domainID)?.name ?? domainID)' (the bank has \(available))")
                case .casesDoNotFit(let domainID, let needed, let available):
                    shortfalls.append("exactly \(needed) from '\(bank.domain(id: domainID)?.name ?? domainID)', which its cases, taken whole, cannot make from \(available)")
                case .invalidLength, .emptyBlueprint, .pretestTooLarge:
                    findings.append(Diagnostic(.examCoverage, "exam '\(exam.id)': \(problem.message)", at: location))
                }
            }
            if !shortfalls.isEmpty {
                findings.append(Diagnostic(.examCoverage,
                    "a \(exam.questionCount)-question form of exam '\(exam.id)' needs " + shortfalls.joined(separator: ", "),
                    at: location))
            }
        }
        return findings
    }

    private func duplicateStems() -> [Diagnostic] {
        var seen: [String: String] = [:]
        var findings: [Diagnostic] = []
        for (index, question) in bank.questions.enumerated() {
            let key = index < locations.questionSites.count
                ? locations.questionSites[index].normalisedStem
                : TextRules.normalisedForComparison(question.stem.plainText)
            guard !key.isEmpty else { continue }
            if let first = seen[key] {
                findings.append(Diagnostic(.duplicateStem, "question '\(question.id)' has the same stem as '\(first)'",
                                           at: locations.questions[question.id] ?? locations.bank))
            } else {
                seen[key] = question.id
            }
        }
        return findings
    }

    /// Single-choice keys by written position, against what chance gives: flagged when a position
    /// holds the key at least 1.5 times as often as expected and more than three standard
    /// deviations above it (so a small bank's noise is not a finding).
    private func answerPositionBias() -> [Diagnostic] {
        var expected: [Int: Double] = [:]
        var variance: [Int: Double] = [:]
        var observed: [Int: Int] = [:]
        var questions = 0
        for question in bank.questions {
            guard case .single(let options) = question.kind, options.filter(\.isCorrect).count == 1 else { continue }
            questions += 1
            let p = 1 / Double(options.count)
            for (position, option) in options.enumerated() {
                expected[position, default: 0] += p
                variance[position, default: 0] += p * (1 - p)
                if option.isCorrect { observed[position, default: 0] += 1 }
            }
        }
        guard questions >= 10 else { return [] }
        var findings: [Diagnostic] = []
        for position in expected.keys.sorted() {
            let (e, v, o) = (expected[position] ?? 0, variance[position] ?? 0, Double(observed[position] ?? 0))
            if o >= 1.5 * e, o > e + 3 * v.squareRoot() {
                let letter = Character(UnicodeScalar(UInt8(ascii: "a") + UInt8(min(position, 25))))
                findings.append(Diagnostic(.answerPositionBias,
                    "the key is the option in position \(letter) in \(Int(o)) of \(questions) single-choice questions; chance gives about \(Int(e.rounded()))",
                    at: locations.bank))
            }
        }
        return findings
    }

    private func longestOptionBias() -> [Diagnostic] {
        var questions = 0
        var longestIsKey = 0
        for question in bank.questions {
            guard case .single(let options) = question.kind, options.filter(\.isCorrect).count == 1 else { continue }
            questions += 1
            let lengths = options.map(\.text.count)
            guard let longest = lengths.max(), lengths.filter({ $0 == longest }).count == 1 else { continue }
            if let index = lengths.firstIndex(of: longest), options[index].isCorrect { longestIsKey += 1 }
        }
        guard questions >= 10, Double(longestIsKey) > 0.4 * Double(questions) else { return [] }
        let percent = Int((100 * Double(longestIsKey) / Double(questions)).rounded())
        return [Diagnostic(.longestOptionBias,
            "the key is the longest option in \(longestIsKey) of \(questions) single-choice questions (\(percent) %); test-wise candidates will notice",
            at: locations.bank)]
    }
}
