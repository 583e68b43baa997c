import ArgumentParser
import Foundation
import ProctorCore

/// Options the study commands share: the moment to study at, for tests and demos.
///
/// `--now 2026-03-02T09:00:00Z` (hidden from help), or the `PROCTOR_NOW` variable, makes `review`,
/// `drill` and `stats` run as if it were that moment, with the clock standing still there. Tests
/// use it to move to tomorrow and check the queue; nothing is read from it outside the CLI.
struct StudyOptions: ParsableArguments {
    @Option(name: .customLong("now"),
            help: ArgumentHelp("Study as if it were this moment (ISO 8601 with an offset); the clock stands still. Also PROCTOR_NOW.",
                               valueName: "time", visibility: .hidden))
    var now: String?

    /// The name of the environment variable that does what `--now` does.
    static let environmentVariable = "PROCTOR_NOW"

    func validate() throws {
        if let now, case .failure(let problem) = ISO8601Timestamp.parse(now) {
            throw ValidationError("--now \"\(now)\" \(problem)")
        }
    }

    /// The clock in force: standing still at `--now` or `PROCTOR_NOW`, else the machine's.
    func clock() throws -> any ExamClock {
        let text = now ?? ProcessInfo.processInfo.environment[Self.environmentVariable].flatMap { $0.isEmpty ? nil : $0 }
        guard let text else { return SystemClock() }
        switch ISO8601Timestamp.parse(text) {
        case .success(let time): return FixedClock(time: time)
        case .failure(let problem):
            throw UserError("\(now == nil ? Self.environmentVariable : "--now") \"\(text)\" \(problem)")
        }
    }

    /// Study days in the local time zone as it is at `time` (set `TZ` to choose another).
    func calendar(at time: Timestamp) -> StudyCalendar {
        let date = Date(timeIntervalSince1970: time.secondsSince1970)
        return StudyCalendar(utcOffsetSeconds: TimeZone.current.secondsFromGMT(for: date))
    }
}

/// A clock that always says the same moment.
struct FixedClock: ExamClock {
    let time: Timestamp

    func now() -> Timestamp { time }
}

/// Dates and times for the study commands, in the local time zone.
enum StudyDates {
    /// `2026-03-02`: the local date of study day `day`.
    static func date(ofDay day: Int) -> String {
        // Study day d is the local date 1970-01-01 + d days; format it as a UTC date.
        format(Timestamp(secondsSince1970: Double(day) * 86_400), pattern: "yyyy-MM-dd", zone: TimeZone(identifier: "UTC"))
    }

    /// `Mon 03-02`: a short label for study day `day`.
    static func label(ofDay day: Int) -> String {
        format(Timestamp(secondsSince1970: Double(day) * 86_400), pattern: "EEE MM-dd", zone: TimeZone(identifier: "UTC"))
    }

    /// `2026-03-04 12:00` in local time.
    static func minute(_ time: Timestamp) -> String {
        format(time, pattern: "yyyy-MM-dd HH:mm", zone: nil)
    }

    private static func format(_ time: Timestamp, pattern: String, zone: TimeZone?) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = pattern
        if let zone { formatter.timeZone = zone }
        return formatter.string(from: Date(timeIntervalSince1970: time.secondsSince1970))
    }

    /// `in 10 minutes`, `in 3 hours`, `in 2 days`, `now`.
    static func until(_ time: Timestamp, from now: Timestamp) -> String {
        let seconds = time.seconds(since: now)
        if seconds <= 0 { return "now" }
        return "in " + span(seconds)
    }

    /// `10 minutes`, `3 hours`, `2 days`, `1 day`.
    static func span(_ seconds: Double) -> String {
        let (value, unit): (Int, String) = switch seconds {
        case ..<3_600: (max(1, Int((seconds / 60).rounded())), "minute")
        case ..<86_400: (max(1, Int((seconds / 3_600).rounded())), "hour")
        default: (max(1, Int((seconds / 86_400).rounded())), "day")
        }
        return "\(value) \(unit)\(value == 1 ? "" : "s")"
    }
}
