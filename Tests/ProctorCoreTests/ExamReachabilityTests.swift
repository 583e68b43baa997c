@testable import ProctorCore
import Testing

/// `UnitReachability` answers "can whole units make exactly this many questions?" for every
/// suffix; checked against brute force, and on sizes that made the old table explode.
struct ExamReachabilityTests {
    /// Every subset sum of `sizes`, by enumeration.
    static func bruteForce(_ sizes: [Int]) -> Set<Int> {
        var sums: Set<Int> = [0]
        for size in sizes { sums.formUnion(sums.map { $0 + size }) }
        return sums
    }

    @Test("agrees with brute force on random unit sizes", arguments: 0..<40)
    func randomSizes(_ seed: Int) {
        var generator = SeededGenerator(seed: UInt64(seed))
        let count = generator.nextInt(below: 12)
        let sizes = (0..<count).map { _ in generator.nextInt(below: 3) == 0 ? 1 : 1 + generator.nextInt(below: 5) }
        let target = generator.nextInt(below: 30)
        let reachability = UnitReachability(sizes: sizes, target: target)
        for index in 0...sizes.count {
            let sums = Self.bruteForce(Array(sizes[index...]))
            for sum in 0...target {
                #expect(reachability.canReach(sum, from: index) == sums.contains(sum), "sizes \(sizes) from \(index) sum \(sum)")
            }
        }
    }

    @Test("sums across 64-bit word boundaries")
    func wordBoundaries() {
        let sizes = [65, 63, 2, 130, 1]
        let reachability = UnitReachability(sizes: sizes, target: 300)
        let sums = Self.bruteForce(sizes)
        for sum in 0...300 { #expect(reachability.canReach(sum, from: 0) == sums.contains(sum)) }
    }

    @Test("a domain of 100,000 single questions and a few cases is answered at once")
    func largeDomain() {
        let sizes = Array(repeating: 1, count: 100_000) + [3, 4, 5]
        let reachability = UnitReachability(sizes: sizes, target: 100_012)
        #expect(reachability.canReach(100_012, from: 0))
        #expect(!reachability.canReach(100_012, from: 1))
        #expect(reachability.canReach(12, from: 100_000))
        #expect(!reachability.canReach(6, from: 100_000))
    }
}
