/// How many questions of a form each domain gets, from the blueprint weights.
public enum Blueprint {
    /// Splits `length` questions over `weights` by the largest-remainder method: each domain gets
    /// the whole part of its exact share, and the questions left over go to the largest remainders
    /// (ties to the earlier domain). A 180-question form at 33/41/26 gives 59/74/47.
    public static func apportion(length: Int, weights: [Double]) -> [Int] {
        let total = weights.reduce(0, +)
        guard length > 0, total > 0 else { return weights.map { _ in 0 } }
        let exact = weights.map { Double(length) * $0 / total }
        var counts = exact.map { Int($0.rounded(.down)) }
        let left = length - counts.reduce(0, +)
        let order = exact.indices.sorted { lhs, rhs in
            let (a, b) = (exact[lhs] - exact[lhs].rounded(.down), exact[rhs] - exact[rhs].rounded(.down))
            return a != b ? a > b : lhs < rhs
        }
        for index in order.prefix(max(0, left)) { counts[index] += 1 }
        return counts
    }

    /// The questions per domain of a form of `length` questions of `bank`, in the bank's domain order.
    public static func counts(for bank: QuestionBank, length: Int) -> [(domainID: String, count: Int)] {
        let counts = apportion(length: length, weights: bank.domains.map(\.weight))
        return zip(bank.domains, counts).map { ($0.id, $1) }
    }
}
