/// How moments fall into study days: local days that begin at a rollover hour (4 a.m., as in Anki),
/// so that a late-night session counts towards the day it began in.
///
/// Day numbers count days since 1970-01-01 in local time: day `d` is the local date
/// 1970-01-01 + d days, running from its rollover hour to the next day's.
public struct StudyCalendar: Sendable, Hashable {
    /// The local time's offset from UTC, in seconds (east positive).
    public var utcOffsetSeconds: Int
    /// The local hour at which a new study day begins.
    public var rolloverHour: Int

    /// Anki's default: a new day begins at 4 a.m.
    public static let defaultRolloverHour = 4

    /// A calendar for a time zone `utcOffsetSeconds` east of UTC.
    public init(utcOffsetSeconds: Int = 0, rolloverHour: Int = StudyCalendar.defaultRolloverHour) {
        self.utcOffsetSeconds = utcOffsetSeconds
        self.rolloverHour = rolloverHour
    }

    /// Seconds to add to a UTC time so that whole days since the epoch are study days.
    public var shiftSeconds: Int { utcOffsetSeconds - rolloverHour * 3600 }

    /// The study day a moment falls in.
    public func day(of time: Timestamp) -> Int {
        let shifted = (time.secondsSince1970 + Double(shiftSeconds)) / 86_400
        guard shifted.isFinite else { return shifted > 0 ? Int.max / 2 : Int.min / 2 }
        return Int(Swift.max(Swift.min(shifted.rounded(.down), 1e15), -1e15))
    }

    /// The moment study day `day` begins.
    public func start(ofDay day: Int) -> Timestamp {
        Timestamp(secondsSince1970: Double(day) * 86_400 - Double(shiftSeconds))
    }
}
