#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How well a card was remembered, the FSRS grade G.
public enum Rating: Int, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// Forgotten or answered wrongly.
    case again = 1
    /// Remembered with serious difficulty.
    case hard = 2
    /// Remembered.
    case good = 3
    /// Remembered at once and without effort.
    case easy = 4

    /// The rating's name as shown to the learner: "Again", "Hard", "Good" or "Easy".
    public var description: String {
        switch self {
        case .again: "Again"
        case .hard: "Hard"
        case .good: "Good"
        case .easy: "Easy"
        }
    }
}

/// The FSRS-6 memory model: retrievability, stability and difficulty updates and intervals.
///
/// Each formula is written in the same order of floating-point operations as `fsrs` 6.3.2 (Python),
/// with `pow` where Python writes `**` (including `math.e ** x`), so results agree to the last bit on
/// the same C library.
public struct FSRSModel: Sendable, Hashable {
    /// The weights w0…w20.
    public let weights: FSRSWeights
    /// The forgetting curve's exponent, −w20.
    public let decay: Double
    /// Chosen so that retrievability is 0.9 when the elapsed time equals the stability.
    public let factor: Double

    /// The least stability a card can have, in days.
    public static let minimumStability = 0.001
    /// The least difficulty.
    public static let minimumDifficulty = 1.0
    /// The greatest difficulty.
    public static let maximumDifficulty = 10.0

    /// Python's `math.e`; `math.e ** x` is `pow(e, x)`, which may differ from `exp(x)` in the last bit.
    private static let e = 2.718281828459045

    /// The model with the given weights.
    public init(weights: FSRSWeights = .default) {
        self.weights = weights
        decay = -weights.values[20]
        factor = pow(0.9, 1 / decay) - 1
    }

    private func w(_ index: Int) -> Double { weights.values[index] }

    /// The probability of recall after `elapsedDays` whole days for a card of the given stability.
    public func retrievability(elapsedDays: Int, stability: Double) -> Double {
        pow(1 + factor * Double(Swift.max(0, elapsedDays)) / stability, decay)
    }

    /// The stability after a new card's first answer: w[G−1], at least 0.001.
    public func initialStability(_ rating: Rating) -> Double {
        clampStability(w(rating.rawValue - 1))
    }

    /// The difficulty after a new card's first answer: w4 − e^(w5·(G−1)) + 1, clamped to [1, 10] if asked.
    public func initialDifficulty(_ rating: Rating, clamped: Bool = true) -> Double {
        let value = w(4) - pow(Self.e, w(5) * Double(rating.rawValue - 1)) + 1
        return clamped ? clampDifficulty(value) : value
    }

    /// The difficulty after an answer: linear damping toward 10, mean reversion toward the
    /// unclamped D0(Easy), then clamped to [1, 10].
    public func nextDifficulty(_ difficulty: Double, rating: Rating) -> Double {
        let target = initialDifficulty(.easy, clamped: false)
        let delta = -(w(6) * Double(rating.rawValue - 3))
        let damped = difficulty + (10.0 - difficulty) * delta / 9.0
        return clampDifficulty(w(7) * target + (1 - w(7)) * damped)
    }

    /// The stability after a second answer on the same day (elapsed days 0); never lowered by a pass.
    public func shortTermStability(_ stability: Double, rating: Rating) -> Double {
        var increase = pow(Self.e, w(17) * (Double(rating.rawValue - 3) + w(18)))
            * pow(stability, -w(19))
        switch rating {
        case .again: break
        case .hard, .good, .easy: increase = Swift.max(increase, 1.0)
        }
        return clampStability(stability * increase)
    }

    /// The stability after an answer a day or more since the last one, at retrievability `r`.
    public func nextStability(difficulty: Double, stability: Double, retrievability r: Double,
                              rating: Rating) -> Double {
        switch rating {
        case .again:
            return clampStability(forgetStability(difficulty: difficulty, stability: stability, retrievability: r))
        case .hard, .good, .easy:
            return clampStability(recallStability(difficulty: difficulty, stability: stability,
                                                  retrievability: r, rating: rating))
        }
    }

    /// The stability after a successful recall (not clamped).
    public func recallStability(difficulty: Double, stability: Double, retrievability r: Double,
                                rating: Rating) -> Double {
        let hardPenalty = rating == .hard ? w(15) : 1
        let easyBonus = rating == .easy ? w(16) : 1
        return stability * (1
            + pow(Self.e, w(8))
            * (11 - difficulty)
            * pow(stability, -w(9))
            * (pow(Self.e, (1 - r) * w(10)) - 1)
            * hardPenalty
            * easyBonus)
    }

    /// The stability after a lapse (not clamped): the long-term formula, capped by S / e^(w17·w18).
    public func forgetStability(difficulty: Double, stability: Double, retrievability r: Double) -> Double {
        let longTerm = w(11)
            * pow(difficulty, -w(12))
            * (pow(stability + 1, w(13)) - 1)
            * pow(Self.e, (1 - r) * w(14))
        let shortTerm = stability / pow(Self.e, w(17) * w(18))
        return Swift.min(longTerm, shortTerm)
    }

    /// The interval in whole days for a stability: S / factor · (r^(1/decay) − 1), rounded half to
    /// even, at least 1, then at most `maximumInterval`.
    public func intervalDays(stability: Double, desiredRetention: Double, maximumInterval: Int) -> Int {
        let raw = (stability / factor) * (pow(desiredRetention, 1 / decay) - 1)
        let rounded = raw.rounded(.toNearestOrEven)
        let atLeastOne = rounded.isNaN ? 1 : Swift.max(Self.saturatingInt(rounded), 1)
        return Swift.min(atLeastOne, maximumInterval)
    }

    /// `value` as an `Int`, saturating at the ends of `Int`'s range instead of trapping (NaN gives 0).
    static func saturatingInt(_ value: Double) -> Int {
        if value.isNaN { return 0 }
        if value >= 9.2e18 { return Int.max }
        if value <= -9.2e18 { return Int.min }
        return Int(value)
    }

    private func clampStability(_ value: Double) -> Double {
        value.isNaN ? Self.minimumStability : Swift.max(value, Self.minimumStability)
    }

    private func clampDifficulty(_ value: Double) -> Double {
        value.isNaN ? Self.minimumDifficulty
            : Swift.min(Swift.max(value, Self.minimumDifficulty), Self.maximumDifficulty)
    }
}
