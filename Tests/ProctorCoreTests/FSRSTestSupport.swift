import Foundation
import ProctorCore
import Testing

/// The vectors that `Scripts/fsrs-vectors/gen.py` wrote from the Python reference `fsrs` 6.3.2.
struct FSRSVectorFile: Decodable {
    struct Case: Decodable {
        var id: String
        var steps: String
        var retention: Double
        var reviews: [Review]
    }

    struct Review: Decodable {
        /// Review time, microseconds since the epoch.
        var t: Int64
        var g: Int
        var state: String
        var step: Int?
        var s: Double
        var d: Double
        /// Due time, microseconds since the epoch.
        var due: Int64
        var r: Double?
    }

    var reference: String
    var cases: [Case]

    /// The vectors, read once.
    static let shared: Result<FSRSVectorFile, any Error> = Result {
        let url = Bundle.module.url(forResource: "fsrs-vectors", withExtension: "json", subdirectory: "Fixtures")
            ?? Bundle.module.url(forResource: "fsrs-vectors", withExtension: "json")
        guard let url else { throw CocoaError(.fileNoSuchFile) }
        return try JSONDecoder().decode(FSRSVectorFile.self, from: Data(contentsOf: url))
    }
}

extension FSRSParameters {
    /// The settings a vector case was generated with: fuzz off, default or no steps.
    static func forVectorCase(_ vectorCase: FSRSVectorFile.Case) -> FSRSParameters {
        let base = FSRSParameters(desiredRetention: vectorCase.retention, enableFuzzing: false)
        return vectorCase.steps == "none" ? base.withoutSteps : base
    }
}

/// Whole microseconds since the epoch, as the reference's datetimes count them.
func fsrsMicroseconds(_ time: Timestamp) -> Int64 {
    Int64((time.secondsSince1970 * 1_000_000).rounded())
}

/// The timestamp of a count of microseconds since the epoch.
func fsrsTimestamp(microseconds: Int64) -> Timestamp {
    Timestamp(secondsSince1970: Double(microseconds) / 1_000_000)
}

/// Whether two numbers agree to `tolerance`, relative to the larger.
func fsrsIsClose(_ a: Double, _ b: Double, relative tolerance: Double = 1e-6) -> Bool {
    abs(a - b) <= tolerance * max(abs(a), abs(b))
}

/// A tiny seeded generator (SplitMix64), so fuzz tests are repeatable.
struct FSRSTestGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The problems `ReviewLog.parse` reports for `csv`; empty when it parses.
func reviewLogProblems(_ csv: String) -> [ReviewLogProblem] {
    do {
        _ = try ReviewLog.parse(csv: csv)
        return []
    } catch {
        return error.problems
    }
}
