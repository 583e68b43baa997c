/// Reading and writing ISO 8601 date-times with a UTC offset, to the microsecond, without Foundation.
///
/// Accepted: `YYYY-MM-DDTHH:MM[:SS[.fraction]]` followed by `Z` or `±hh:mm` (also `±hhmm`, `±hh`);
/// `t` or a space may stand for `T`, `z` for `Z`, `,` for `.`. Digits of a fraction past the sixth are
/// dropped. A time without an offset is refused: the moment it names would be a guess.
public enum ISO8601Timestamp {
    /// The moment a string names, or why it names none.
    public static func parse(_ text: String) -> Result<Timestamp, ISO8601Problem> {
        var reader = Reader(bytes: Array(text.utf8))
        guard let year = reader.digits(4), reader.take("-"),
              let month = reader.digits(2), reader.take("-"),
              let day = reader.digits(2)
        else { return .failure(.malformed) }
        guard reader.take("T") || reader.take("t") || reader.take(" ") else {
            return .failure(reader.atEnd ? .missingTime : .malformed)
        }
        guard let hour = reader.digits(2), reader.take(":"), let minute = reader.digits(2) else {
            return .failure(.malformed)
        }
        var second = 0
        var micros = 0
        if reader.take(":") {
            guard let value = reader.digits(2) else { return .failure(.malformed) }
            second = value
            if reader.take(".") || reader.take(",") {
                guard let fraction = reader.fraction() else { return .failure(.malformed) }
                micros = fraction
            }
        }
        let offsetSeconds: Int
        if reader.take("Z") || reader.take("z") {
            offsetSeconds = 0
        } else if let sign = reader.sign() {
            guard let offsetHours = reader.digits(2) else { return .failure(.malformed) }
            var offsetMinutes = 0
            if reader.take(":") {
                guard let value = reader.digits(2) else { return .failure(.malformed) }
                offsetMinutes = value
            } else if let value = reader.digits(2) {
                offsetMinutes = value
            }
            guard offsetHours < 24 else { return .failure(.outOfRange(field: "offset hour", value: offsetHours)) }
            guard offsetMinutes < 60 else {
                return .failure(.outOfRange(field: "offset minute", value: offsetMinutes))
            }
            offsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60)
        } else {
            return .failure(reader.atEnd ? .missingOffset : .malformed)
        }
        guard reader.atEnd else { return .failure(.malformed) }

        guard (1...12).contains(month) else { return .failure(.outOfRange(field: "month", value: month)) }
        guard day >= 1 && day <= daysInMonth(year: year, month: month) else {
            return .failure(.noSuchDay(year: year, month: month, day: day))
        }
        guard hour < 24 else { return .failure(.outOfRange(field: "hour", value: hour)) }
        guard minute < 60 else { return .failure(.outOfRange(field: "minute", value: minute)) }
        guard second < 60 else { return .failure(.outOfRange(field: "second", value: second)) }

        let days = Int64(daysFromCivil(year: year, month: month, day: day))
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second - offsetSeconds)
        return .success(SchedulingTime.timestamp(seconds * 1_000_000 + Int64(micros)))
    }

    /// The moment in UTC as `YYYY-MM-DDTHH:MM:SSZ`, with `.ffffff` when it has microseconds.
    public static func format(_ time: Timestamp) -> String {
        let micros = SchedulingTime.microseconds(time)
        var days = micros / SchedulingTime.microsecondsPerDay
        var rest = micros % SchedulingTime.microsecondsPerDay
        if rest < 0 {
            days -= 1
            rest += SchedulingTime.microsecondsPerDay
        }
        let (year, month, day) = civilFromDays(Int(days))
        let seconds = Int(rest / 1_000_000)
        let fraction = Int(rest % 1_000_000)
        var text = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T"
        text += "\(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2))"
        if fraction != 0 { text += ".\(pad(fraction, 6))" }
        return text + "Z"
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value.magnitude)
        let padded = String(repeating: "0", count: Swift.max(0, width - digits.count)) + digits
        return value < 0 ? "-" + padded : padded
    }

    private static func isLeap(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    private static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = (month + 9) % 12
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian date of a count of days since 1970-01-01.
    private static func civilFromDays(_ count: Int) -> (year: Int, month: Int, day: Int) {
        let z = count + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// A cursor over the bytes of the text.
    private struct Reader {
        let bytes: [UInt8]
        var index = 0

        var atEnd: Bool { index == bytes.count }

        mutating func take(_ character: Unicode.Scalar) -> Bool {
            guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
            index += 1
            return true
        }

        /// Exactly `count` decimal digits as a number.
        mutating func digits(_ count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<index + count] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            index += count
            return value
        }

        /// One or more digits after the decimal mark, as whole microseconds (past six dropped).
        mutating func fraction() -> Int? {
            var value = 0
            var count = 0
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
                if count < 6 { value = value * 10 + Int(bytes[index] - UInt8(ascii: "0")) }
                count += 1
                index += 1
            }
            guard count > 0 else { return nil }
            for _ in count..<Swift.max(count, 6) { value *= 10 }
            return value
        }

        /// `+1` or `-1` for a sign (ASCII or the Unicode minus), `nil` otherwise.
        mutating func sign() -> Int? {
            if take("+") { return 1 }
            if take("-") { return -1 }
            let minus: [UInt8] = [0xE2, 0x88, 0x92]
            if index + 3 <= bytes.count, Array(bytes[index..<index + 3]) == minus {
                index += 3
                return -1
            }
            return nil
        }
    }
}

/// Why a string is not an ISO 8601 date-time with an offset.
public enum ISO8601Problem: Error, Sendable, Hashable, CustomStringConvertible {
    /// Not in the shape `YYYY-MM-DDTHH:MM:SS±hh:mm`.
    case malformed
    /// A date without a time of day.
    case missingTime
    /// A date and time without `Z` or an offset.
    case missingOffset
    /// A month, hour, minute, second or offset outside its range.
    case outOfRange(field: String, value: Int)
    /// A day the month does not have.
    case noSuchDay(year: Int, month: Int, day: Int)

    /// Why, in a few words.
    public var description: String {
        switch self {
        case .malformed:
            "is not an ISO 8601 date and time like 2024-03-01T09:30:00+01:00"
        case .missingTime:
            "has a date but no time (expected like 2024-03-01T09:30:00Z)"
        case .missingOffset:
            "has no UTC offset (add Z or an offset like +01:00)"
        case .outOfRange(let field, let value):
            "has \(field) \(value), which does not exist"
        case .noSuchDay(let year, let month, let day):
            "names day \(day) of month \(month) in \(year), which does not exist"
        }
    }
}
