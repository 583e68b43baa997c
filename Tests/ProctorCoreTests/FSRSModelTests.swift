import ProctorCore
import Testing

/// The reference numbers of design/fsrs.md, and the exact values the Python reference gives for them.
@Suite("FSRS model: reference numbers")
struct FSRSModelTests {
    let model = FSRSModel()

    @Test("decay and factor follow from w20")
    func decayAndFactor() {
        #expect(model.decay == -0.1542)
        #expect(fsrsIsClose(model.retrievability(elapsedDays: 1, stability: 1), 0.9, relative: 1e-12))
    }

    @Test("R for S = 1 at t = 0, 1, 2, 3")
    func retrievability() {
        let expected = [1.0, 0.9, 0.84588465, 0.8093881]
        let exact = [1.0, 0.9, 0.8458846451494336, 0.8093881035731708]
        for t in 0..<4 {
            let r = model.retrievability(elapsedDays: t, stability: 1)
            #expect(fsrsIsClose(r, expected[t], relative: 1e-7), "t = \(t)")
            #expect(fsrsIsClose(r, exact[t], relative: 1e-15), "t = \(t)")
        }
    }

    @Test("first review: S0 and D0 for each rating")
    func firstReview() {
        let stabilities = [0.212, 1.2931, 2.3065, 8.2956]
        let difficulties = [6.4133, 5.11217071, 2.11810397, 1]
        for rating in Rating.allCases {
            let index = rating.rawValue - 1
            #expect(model.initialStability(rating) == stabilities[index])
            #expect(fsrsIsClose(model.initialDifficulty(rating), difficulties[index], relative: 1e-8), "\(rating)")
        }
        #expect(model.initialDifficulty(.good) == 2.118103970459016)
    }

    @Test("D0(Easy) used in mean reversion is not clamped")
    func unclampedEasyDifficulty() {
        #expect(model.initialDifficulty(.easy, clamped: false) == -4.771630703161737)
    }

    @Test("next difficulty from D = 5", arguments: zip(Rating.allCases, [8.34176237, 6.66599536, 4.99022837, 3.31446137]))
    func nextDifficulty(rating: Rating, expected: Double) {
        #expect(fsrsIsClose(model.nextDifficulty(5, rating: rating), expected, relative: 1e-8))
    }

    @Test("memory state after ratings [1,3,3,3,3,3] at elapsed days [0,0,1,3,8,21]", arguments: [true, false])
    func memoryState(withSteps: Bool) {
        let base = FSRSParameters(enableFuzzing: false)
        let scheduler = FSRSScheduler(parameters: withSteps ? base : base.withoutSteps)
        var time = Timestamp(secondsSince1970: 1_669_725_000)
        var card: CardState?
        for (rating, elapsed) in zip([Rating.again, .good, .good, .good, .good, .good], [0, 0, 1, 3, 8, 21]) {
            time = time.adding(seconds: Double(elapsed) * 86_400)
            card = scheduler.review(card, rating: rating, at: time).card
        }
        #expect(fsrsIsClose(card?.stability ?? 0, 53.62691))
        #expect(fsrsIsClose(card?.difficulty ?? 0, 6.3574867))
        #expect(card?.stability == 53.626902917141365)
        #expect(card?.difficulty == 6.357487083997829)
    }

    @Test("Good×6, Again×2, Good×5 at each due time: intervals in days")
    func intervalSequence() {
        let scheduler = FSRSScheduler(parameters: FSRSParameters(enableFuzzing: false))
        let ratings = Array(repeating: Rating.good, count: 6) + [.again, .again] + Array(repeating: .good, count: 5)
        // 2022-11-29 12:30 UTC
        var time = Timestamp(secondsSince1970: 1_669_725_000)
        var card: CardState?
        var intervals: [Int] = []
        for rating in ratings {
            let outcome = scheduler.review(card, rating: rating, at: time)
            card = outcome.card
            intervals.append(Int((outcome.intervalSeconds / 86_400).rounded(.down)))
            time = outcome.card.due
        }
        #expect(intervals == [0, 2, 11, 46, 163, 498, 0, 0, 2, 4, 7, 12, 21])
    }

    @Test("interval equals stability at retention 0.9, rounded half to even and clamped")
    func intervals() {
        func days(_ s: Double, _ r: Double = 0.9, max: Int = 36500) -> Int {
            model.intervalDays(stability: s, desiredRetention: r, maximumInterval: max)
        }
        #expect(days(0.212) == 1)
        #expect(days(2.3065) == 2)
        #expect(days(8.2956) == 8)
        #expect(days(1e9) == 36500)
        #expect(days(1e9, max: 100) == 100)
        #expect(days(10, 0.8) > days(10, 0.9))
        #expect(days(10, 0.95) < days(10, 0.9))
        // Nonsense settings must not trap.
        #expect(days(10, 0) == 36500)
        #expect(days(10, 1) == 1)
        #expect(days(10, .nan) == 1)
    }

    @Test("same-day stability: a pass never lowers it, Again does")
    func shortTerm() {
        for s in [0.01, 0.5, 2, 50, 500] {
            #expect(model.shortTermStability(s, rating: .hard) >= s)
            #expect(model.shortTermStability(s, rating: .good) >= s)
            #expect(model.shortTermStability(s, rating: .again) < s)
        }
    }

    @Test("stability stays at least 0.001")
    func minimumStability() {
        let s = model.nextStability(difficulty: 10, stability: 0.001, retrievability: 0.0001, rating: .again)
        #expect(s == 0.001)
    }

    @Test("weights outside bounds or of the wrong count are refused, each problem listed")
    func weightValidation() throws {
        var values = FSRSWeights.default.values
        values[4] = 11
        values[20] = 0.05
        #expect(throws: FSRSParameterErrors.self) { try FSRSWeights(values) }
        do {
            _ = try FSRSWeights(values)
        } catch {
            #expect(error.problems.count == 2)
            #expect(error.problems.first == .weightOutOfBounds(index: 4, value: 11, lower: 1, upper: 10))
        }
        do {
            _ = try FSRSWeights([1, 2, 3])
        } catch {
            #expect(error.problems == [.weightCount(3)])
        }
        #expect(try FSRSWeights(FSRSWeights.default.values) == .default)
    }

    @Test("settings problems: retention, steps, maximum interval")
    func parameterProblems() {
        #expect(FSRSParameters().problems.isEmpty)
        let bad = FSRSParameters(desiredRetention: 1.2, learningSteps: [0, 60], maximumInterval: 0)
        #expect(bad.problems == [.retentionOutOfRange(1.2), .stepNotPositive(0), .maximumIntervalTooSmall(0)])
        #expect(bad.problems.map(\.description).allSatisfy { !$0.isEmpty })
    }
}
