/// Draws a form of `exam` from `bank`: blueprint shares, whole cases, pretest items, shuffles.
///
/// - `exposure`: how many times the learner has seen each question id; the least-seen are drawn
///   first, ties broken by the seed.
/// - `length`: a form of this many questions instead of the exam's own (`--questions N`); the
///   blueprint, pretest count, time limit and break positions scale with it.
/// - `minutes`: a time limit that replaces the exam's (`--minutes N`; `0` is untimed).
///
/// The same inputs and `seed` always give the same form.
public func assembleForm(
    from bank: QuestionBank, exam: ExamProfile, seed: UInt64, exposure: [String: Int] = [:],
    length: Int? = nil, minutes: Int? = nil
) throws(AssemblyError) -> ExamForm {
    let plan = try FormPlan(bank: bank, exam: exam, length: length, minutes: minutes)
    var generator = SeededGenerator(seed: seed)
    let unitsByDomain = AssemblyUnit.byDomain(in: bank, exposure: exposure)
    var drawn: [(domainID: String, units: [AssemblyUnit])] = []
    for share in plan.counts {
        let units = try drawUnits(
            unitsByDomain[share.domainID] ?? [], count: share.count, domainID: share.domainID,
            using: &generator
        )
        drawn.append((share.domainID, units))
    }
    let pretest = choosePretest(drawn, count: plan.pretestCount, using: &generator)
    let arranged = arrange(drawn.flatMap(\.units), sections: plan.sectionLengths, using: &generator)
    let questions = Dictionary(bank.questions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    let items = arranged.flatMap(\.questionIDs).compactMap { id in
        questions[id].map { $0.shuffledItem(using: &generator, isPretest: pretest.contains(id)) }
    }
    return ExamForm(
        examID: exam.id, bankID: bank.id, bankVersion: bank.version, seed: seed,
        timeLimitSeconds: plan.timeLimitSeconds, breaks: plan.breaks, items: items
    )
}

/// Questions for practice or drill: filtered, least-seen first, shuffled, at most `count`.
///
/// Empty `domainIDs` or `topicIDs` mean "any". A question matches a domain by the blueprint
/// domain it counts against (its case's, inside a case) and a topic by its own topic or its
/// case's. Ties in exposure are broken by the seed; options and sides are shuffled as on a form.
public func selectPracticeItems(
    from bank: QuestionBank, domainIDs: Set<String> = [], topicIDs: Set<String> = [], count: Int,
    seed: UInt64, exposure: [String: Int] = [:]
) -> [ExamForm.Item] {
    guard count > 0 else { return [] }
    var generator = SeededGenerator(seed: seed)
    let domains = bank.blueprintDomainIDs()
    let caseOfQuestion = bank.caseOfQuestion()
    var seen: Set<String> = []
    let candidates = bank.questions.filter { question in
        guard seen.insert(question.id).inserted else { return false }
        let domainMatches = domainIDs.isEmpty || domains[question.id].map(domainIDs.contains) == true
        let topic = question.topicID ?? caseOfQuestion[question.id]?.topicID
        let topicMatches = topicIDs.isEmpty || topic.map(topicIDs.contains) == true
        return domainMatches && topicMatches
    }
    let ranked = rankLeastSeen(candidates, exposure: { exposure[$0.id] ?? 0 }, using: &generator)
    return ranked.prefix(count).map { $0.shuffledItem(using: &generator) }
}

/// `elements` shuffled, then ordered by exposure (least first); the shuffle decides ties.
private func rankLeastSeen<Element>(
    _ elements: [Element], exposure: (Element) -> Int, using generator: inout SeededGenerator
) -> [Element] {
    let shuffled = generator.shuffled(elements)
    let keyed = shuffled.enumerated().map { (position: $0.offset, exposure: exposure($0.element), element: $0.element) }
    return keyed.sorted { ($0.exposure, $0.position) < ($1.exposure, $1.position) }.map(\.element)
}

/// Exactly `count` questions' worth of units from one domain, least-seen first.
///
/// Walking the units least-seen first (the seed breaking ties), a unit is taken when it fits the
/// quota still open and the units after it can still make up the rest exactly. So a case larger
/// than what is left is passed over for single questions or smaller cases, and the quota is always
/// met exactly whenever any choice of whole units can meet it.
private func drawUnits(
    _ units: [AssemblyUnit], count: Int, domainID: String, using generator: inout SeededGenerator
) throws(AssemblyError) -> [AssemblyUnit] {
    let ranked = rankLeastSeen(units, exposure: \.exposure, using: &generator)
    let sizes = ranked.map(\.size)
    let available = sizes.reduce(0, +)
    guard available >= count else {
        throw .tooFewQuestions(domainID: domainID, needed: count, available: available)
    }
    let reachable = UnitReachability(sizes: sizes, target: count)
    guard reachable.canReach(count, from: 0) else {
        throw .casesDoNotFit(domainID: domainID, needed: count, available: available)
    }
    var open = count
    var taken: [AssemblyUnit] = []
    for (index, unit) in ranked.enumerated() where open > 0 {
        if unit.size <= open && reachable.canReach(open - unit.size, from: index + 1) {
            taken.append(unit)
            open -= unit.size
        }
    }
    return taken
}

/// The ids of the drawn questions to mark as pretest.
///
/// Pretest items are spread over the domains by the blueprint (largest remainder again, capped at
/// what each domain drew, any excess going to the next domain with room) and then chosen at
/// random within each domain, so the scored items keep the blueprint's proportions.
private func choosePretest(
    _ drawn: [(domainID: String, units: [AssemblyUnit])], count: Int, using generator: inout SeededGenerator
) -> Set<String> {
    guard count > 0 else { return [] }
    let drawnCounts = drawn.map { $0.units.reduce(0) { $0 + $1.size } }
    var quotas = zip(largestRemainder(shares: drawnCounts, length: count), drawnCounts).map { min($0, $1) }
    var excess = count - quotas.reduce(0, +)
    for index in quotas.indices where excess > 0 {
        let extra = min(excess, drawnCounts[index] - quotas[index])
        quotas[index] += extra
        excess -= extra
    }
    var chosen: Set<String> = []
    for (index, domain) in drawn.enumerated() {
        let ids = generator.shuffled(domain.units.flatMap(\.questionIDs))
        chosen.formUnion(ids.prefix(quotas[index]))
    }
    return chosen
}

/// The drawn units in a random order, packed so that no case straddles a break.
///
/// Units are placed section by section in shuffled order; a case that does not fit what is left of
/// a section waits for the next one. If the packing cannot come out exact (too few single
/// questions to fill the gaps), the plain shuffled order is used instead.
private func arrange(
    _ units: [AssemblyUnit], sections: [Int], using generator: inout SeededGenerator
) -> [AssemblyUnit] {
    let shuffled = generator.shuffled(units)
    guard sections.count > 1 else { return shuffled }
    var pending = shuffled
    var placed: [AssemblyUnit] = []
    for capacity in sections {
        var room = capacity
        var deferred: [AssemblyUnit] = []
        for unit in pending {
            if unit.size <= room {
                placed.append(unit)
                room -= unit.size
            } else {
                deferred.append(unit)
            }
        }
        pending = deferred
        if room != 0 { return shuffled }
    }
    return pending.isEmpty ? placed : shuffled
}
