/// A moment in time, as seconds since 1970-01-01T00:00:00Z.
///
/// The core never reads the clock: every time it needs is passed in as a `Timestamp`, so tests are
/// deterministic and a replayed history gives the same results.
public struct Timestamp: Sendable, Hashable, Comparable, Codable {
    /// Seconds since the Unix epoch; fractional seconds allowed.
    public var secondsSince1970: Double

    /// A timestamp at the given number of seconds since the Unix epoch.
    public init(secondsSince1970: Double) {
        self.secondsSince1970 = secondsSince1970
    }

    /// This timestamp moved by `seconds` (negative moves it back).
    public func adding(seconds: Double) -> Timestamp {
        Timestamp(secondsSince1970: secondsSince1970 + seconds)
    }

    /// Seconds from `earlier` to this timestamp (negative when `earlier` is later).
    public func seconds(since earlier: Timestamp) -> Double {
        secondsSince1970 - earlier.secondsSince1970
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.secondsSince1970 < rhs.secondsSince1970
    }
}
