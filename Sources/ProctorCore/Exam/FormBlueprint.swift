/// How many questions of a form one blueprint domain receives.
public struct BlueprintCount: Sendable, Hashable, Codable {
    public var domainID: String
    public var count: Int

    /// A domain's share of a form.
    public init(domainID: String, count: Int) {
        self.domainID = domainID
        self.count = count
    }
}

/// Why a form cannot be assembled; also what the linter's `exam-coverage` rule reports.
public enum AssemblyError: Error, Sendable, Hashable {
    /// The form length is below 1 or above `ExamForm.maximumLength`.
    case invalidLength(Int)
    /// The bank has no domains to draw from.
    case emptyBlueprint
    /// The domain has fewer questions than its share of the form.
    case tooFewQuestions(domainID: String, needed: Int, available: Int)
    /// The domain has enough questions, but its cases (taken whole) cannot make up exactly its share.
    case casesDoNotFit(domainID: String, needed: Int, available: Int)
    /// The pretest count leaves no scored question on the form.
    case pretestTooLarge(pretest: Int, length: Int)

    /// A one-line explanation for a person.
    public var message: String {
        switch self {
        case .invalidLength(let length):
            "a form of \(length) questions cannot be assembled (1 to \(ExamForm.maximumLength))"
        case .emptyBlueprint:
            "the bank has no domains to draw a form from"
        case .tooFewQuestions(let domain, let needed, let available):
            "domain '\(domain)' needs \(needed) questions for a form but the bank has \(available)"
        case .casesDoNotFit(let domain, let needed, let available):
            "domain '\(domain)' needs exactly \(needed) questions, but its \(available) questions "
                + "cannot make that number with its cases kept whole"
        case .pretestTooLarge(let pretest, let length):
            "\(pretest) pretest questions leave none scored on a form of \(length)"
        }
    }
}

extension ExamForm {
    /// The longest form that assembly accepts; keeps arithmetic on hostile numbers in range.
    public static let maximumLength = 100_000
}

/// Each domain's share of a form of `length` questions, by largest-remainder rounding.
///
/// Shares are exact (weights are taken to three decimals and compared as integers, so 12.5 % and
/// 12.5 % really tie). Seats left after rounding down go to the largest remainders; equal
/// remainders go to the domain earlier in the blueprint. Weights that are all zero count as equal.
public func blueprintCounts(for domains: [Domain], length: Int) -> [BlueprintCount] {
    guard !domains.isEmpty else { return [] }
    let units = domains.map { weightUnits($0.weight) }
    let counts = largestRemainder(shares: units, length: length)
    return zip(domains, counts).map { BlueprintCount(domainID: $0.id, count: $1) }
}

/// `length` seats split in proportion to `shares` by largest remainder, in exact integer arithmetic.
///
/// Equal remainders go to the earlier index; all-zero shares count as equal. `length` is clamped to `0...ExamForm.maximumLength`.
func largestRemainder(shares: [Int], length: Int) -> [Int] {
    guard !shares.isEmpty else { return [] }
    let length = max(0, min(length, ExamForm.maximumLength))
    let clamped = shares.map { max(0, min($0, 1_000_000)) }
    let shares = clamped.allSatisfy { $0 == 0 } ? clamped.map { _ in 1 } : clamped
    let total = shares.reduce(0, +)
    var counts = shares.map { $0 * length / total }
    let remainders = shares.map { $0 * length % total }
    let seats = length - counts.reduce(0, +)
    let ranking = shares.indices.sorted { lhs, rhs in
        remainders[lhs] != remainders[rhs] ? remainders[lhs] > remainders[rhs] : lhs < rhs
    }
    for index in ranking.prefix(seats) { counts[index] += 1 }
    return counts
}

/// Each domain's share of a form of `length` questions drawn from `bank`'s blueprint.
public func blueprintCounts(for bank: QuestionBank, length: Int) -> [BlueprintCount] {
    blueprintCounts(for: bank.domains, length: length)
}

/// Every reason a form of `exam` (or of `length` questions, when given) cannot be drawn from `bank`.
///
/// Needs no seed: whether a domain can be filled exactly does not depend on the draw. An empty
/// result means `assembleForm` succeeds for every seed.
public func checkCoverage(of bank: QuestionBank, exam: ExamProfile, length: Int? = nil) -> [AssemblyError] {
    let plan: FormPlan
    do throws(AssemblyError) {
        plan = try FormPlan(bank: bank, exam: exam, length: length, minutes: nil)
    } catch {
        return [error]
    }
    let units = AssemblyUnit.byDomain(in: bank, exposure: [:])
    return plan.counts.compactMap { share in
        let sizes = (units[share.domainID] ?? []).map(\.size)
        let available = sizes.reduce(0, +)
        if available < share.count {
            return .tooFewQuestions(domainID: share.domainID, needed: share.count, available: available)
        }
        if !UnitReachability(sizes: sizes, target: share.count).canReach(share.count, from: 0) {
            return .casesDoNotFit(domainID: share.domainID, needed: share.count, available: available)
        }
        return nil
    }
}

/// A weight as an integer number of thousandths of a percent, clamped to a sane range.
private func weightUnits(_ weight: Double) -> Int {
    guard weight.isFinite, weight > 0 else { return 0 }
    return Int((min(weight, 1_000) * 1_000).rounded())
}

/// Seconds in `minutes`, clamped so that a hostile number cannot overflow.
func clampedSeconds(minutes: Int) -> Int {
    max(0, min(minutes, 10_000_000)) * 60
}

/// What a form will hold before anything is drawn: length, shares, pretest, time and breaks.
struct FormPlan {
    var length: Int
    var counts: [BlueprintCount]
    var pretestCount: Int
    var timeLimitSeconds: Int
    var breaks: [ExamForm.Break]

    /// The plan for `exam`, scaled to `length` when given (shares, pretest, time and breaks alike).
    init(bank: QuestionBank, exam: ExamProfile, length: Int?, minutes: Int?) throws(AssemblyError) {
        let fullLength = exam.questionCount
        let length = length ?? fullLength
        guard (1...ExamForm.maximumLength).contains(length) else { throw .invalidLength(length) }
        guard !bank.domains.isEmpty else { throw .emptyBlueprint }
        let scaled = length != fullLength && (1...ExamForm.maximumLength).contains(fullLength)
        let pretest = max(0, min(exam.pretestCount, ExamForm.maximumLength))
        // A shortened form keeps the same share of pretest items, rounded down.
        self.pretestCount = scaled ? pretest * length / fullLength : pretest
        guard pretestCount < length else { throw .pretestTooLarge(pretest: pretestCount, length: length) }
        self.length = length
        self.counts = blueprintCounts(for: bank, length: length)
        let fullSeconds = clampedSeconds(minutes: exam.minutes)
        if let minutes {
            timeLimitSeconds = clampedSeconds(minutes: minutes)
        } else if scaled {
            timeLimitSeconds = Int((Double(fullSeconds) * Double(length) / Double(fullLength)).rounded())
        } else {
            timeLimitSeconds = fullSeconds
        }
        var breaks: [ExamForm.Break] = []
        for pause in exam.breaks where (1..<max(fullLength, 1)).contains(pause.after) {
            let after = scaled ? (pause.after * length + fullLength / 2) / fullLength : pause.after
            guard after >= 1, length > after, after > (breaks.last?.after ?? 0) else { continue }
            breaks.append(ExamForm.Break(after: after, limitSeconds: clampedSeconds(minutes: pause.minutes)))
        }
        self.breaks = breaks
    }

    /// The number of questions in each section between breaks.
    var sectionLengths: [Int] {
        var lengths: [Int] = []
        var start = 0
        for pause in breaks {
            lengths.append(pause.after - start)
            start = pause.after
        }
        lengths.append(length - start)
        return lengths
    }
}

/// What assembly draws: a standalone question, or a whole case in document order.
struct AssemblyUnit: Sendable, Hashable {
    var questionIDs: [String]
    var domainID: String
    /// How often the learner has seen it: the most-seen of its questions.
    var exposure: Int

    var size: Int { questionIDs.count }

    /// The units of `bank` by blueprint domain, in document order.
    static func byDomain(in bank: QuestionBank, exposure: [String: Int]) -> [String: [AssemblyUnit]] {
        let caseOfQuestion = bank.caseOfQuestion()
        let present = Set(bank.questions.map(\.id))
        var seenQuestions: Set<String> = []
        var seenCases: Set<String> = []
        var units: [String: [AssemblyUnit]] = [:]
        for question in bank.questions where seenQuestions.insert(question.id).inserted {
            let unit: AssemblyUnit
            if let caseSet = caseOfQuestion[question.id] {
                guard seenCases.insert(caseSet.id).inserted else { continue }
                var ids: [String] = []
                for id in caseSet.questionIDs where present.contains(id) && !ids.contains(id) { ids.append(id) }
                guard !ids.isEmpty else { continue }
                unit = AssemblyUnit(questionIDs: ids, domainID: caseSet.domainID, exposure: 0)
            } else {
                unit = AssemblyUnit(questionIDs: [question.id], domainID: question.domainID, exposure: 0)
            }
            var counted = unit
            counted.exposure = unit.questionIDs.map { exposure[$0] ?? 0 }.max() ?? 0
            units[unit.domainID, default: []].append(counted)
        }
        return units
    }
}

/// Whether some of `sizes[i...]` add up to exactly `s`, for every suffix `i` and every `s` up to a
/// target: the question form assembly asks to take whole cases and still fill a domain exactly.
///
/// Single questions (size 1) make any count up to their number, so only the larger units (cases)
/// need a subset-sum table: one bitset of reachable sums per case, shared by the suffixes between
/// two cases. A domain of single questions costs one count per suffix, and a bank of 100,000
/// questions with a few cases stays linear, where a table of every (suffix, sum) pair did not.
struct UnitReachability {
    private let target: Int
    /// Single questions in `sizes[i...]`.
    private let singlesFrom: [Int]
    /// For each suffix, which entry of `caseSums` describes its cases.
    private let caseSetFrom: [Int]
    /// Bitsets over `0...target` of the sums the cases of a suffix can make (entry 0: no cases).
    private let caseSums: [[UInt64]]

    init(sizes: [Int], target: Int) {
        let target = max(0, target)
        self.target = target
        let words = target / 64 + 1
        var empty = [UInt64](repeating: 0, count: words)
        empty[0] = 1
        var singles = [Int](repeating: 0, count: sizes.count + 1)
        var caseSet = [Int](repeating: 0, count: sizes.count + 1)
        var sums = [empty]
        for index in stride(from: sizes.count - 1, through: 0, by: -1) {
            let size = sizes[index]
            singles[index] = singles[index + 1] + (size == 1 ? 1 : 0)
            guard size > 1, size <= target else {
                caseSet[index] = caseSet[index + 1]
                continue
            }
            // The sums without this case, or with it: the previous bitset ORed with itself shifted.
            let previous = sums[caseSet[index + 1]]
            var next = previous
            let (wordShift, bitShift) = (size / 64, size % 64)
            for word in stride(from: words - 1, through: wordShift, by: -1) {
                var moved = previous[word - wordShift] << UInt64(bitShift)
                if bitShift > 0, word - wordShift - 1 >= 0 {
                    moved |= previous[word - wordShift - 1] >> UInt64(64 - bitShift)
                }
                next[word] |= moved
            }
            sums.append(next)
            caseSet[index] = sums.count - 1
        }
        singlesFrom = singles
        caseSetFrom = caseSet
        caseSums = sums
    }

    /// Whether some of `sizes[index...]` add up to exactly `sum`.
    func canReach(_ sum: Int, from index: Int) -> Bool {
        guard sum >= 0, sum <= target, index >= 0, index < singlesFrom.count else { return false }
        let bits = caseSums[caseSetFrom[index]]
        // Cases make some x, single questions the rest: x in max(0, sum - singles)...sum.
        var x = max(0, sum - singlesFrom[index])
        while x <= sum {
            let word = bits[x / 64] >> UInt64(x % 64)
            if word != 0 {
                return x + word.trailingZeroBitCount <= sum
            }
            x = (x / 64 + 1) * 64
        }
        return false
    }
}

extension QuestionBank {
    /// The case each case question belongs to (the first case that lists it).
    func caseOfQuestion() -> [String: CaseSet] {
        var result: [String: CaseSet] = [:]
        for caseSet in cases {
            for id in caseSet.questionIDs where result[id] == nil { result[id] = caseSet }
        }
        return result
    }

    /// The blueprint domain each question counts against: its case's domain when it is in a case.
    func blueprintDomainIDs() -> [String: String] {
        let caseOfQuestion = caseOfQuestion()
        var result: [String: String] = [:]
        for question in questions where result[question.id] == nil {
            result[question.id] = caseOfQuestion[question.id]?.domainID ?? question.domainID
        }
        return result
    }
}
