/// Turns the bytes a terminal sends into keys: UTF-8 text, control keys, and the escape sequences
/// of arrows, Home/End and Page Up/Down (both the `ESC [` and the `ESC O` forms).
///
/// A value with no I/O: feed it bytes as they arrive, and call `flush()` when input has gone quiet,
/// so that a lone Escape (which is also how every sequence starts) is reported as `.escape`.
public struct KeyDecoder: Sendable, Hashable {
    /// Bytes of a key that has not fully arrived yet.
    private var pending: [UInt8] = []

    /// A CSI sequence longer than this is garbage and is dropped.
    private static let longestSequence = 32

    public init() {}

    /// Whether bytes are waiting for the rest of their key (a lone Escape, half a character).
    public var hasPending: Bool { !pending.isEmpty }

    /// The keys that `bytes` complete, in order; an unfinished key waits for the next call.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [Key] {
        pending.append(contentsOf: bytes)
        var keys: [Key] = []
        var start = 0
        while start < pending.count {
            switch Self.decode(pending, from: start) {
            case .key(let key, let length):
                if let key { keys.append(key) }
                start += length
            case .incomplete:
                pending.removeFirst(start)
                return keys
            }
        }
        pending.removeAll()
        return keys
    }

    /// The keys left in an unfinished sequence once input has gone quiet: a lone Escape becomes
    /// `.escape`, `ESC [` becomes Escape and `[`; half a UTF-8 character is dropped.
    public mutating func flush() -> [Key] {
        defer { pending.removeAll() }
        guard pending.first == 0x1B else { return [] }
        var keys: [Key] = [.escape]
        if pending.count > 1, pending[1] < 0x80, pending[1] >= 0x20, pending[1] != 0x7F {
            keys.append(.character(Character(Unicode.Scalar(pending[1]))))
        }
        return keys
    }

    private enum Step {
        /// A key (or `nil` for bytes that mean nothing here) and how many bytes it took.
        case key(Key?, length: Int)
        case incomplete
    }

    private static func decode(_ bytes: [UInt8], from start: Int) -> Step {
        let byte = bytes[start]
        switch byte {
        case 0x1B:
            return decodeEscape(bytes, from: start)
        case 0x0D:
            // A CR LF pair (a paste, some terminals) is one Enter.
            let length = start + 1 < bytes.count && bytes[start + 1] == 0x0A ? 2 : 1
            return .key(.enter, length: length)
        case 0x0A:
            return .key(.enter, length: 1)
        case 0x7F, 0x08:
            return .key(.backspace, length: 1)
        case 0x09:
            return .key(.tab, length: 1)
        case 0x03:
            return .key(.ctrlC, length: 1)
        case 0x01...0x1A:
            let letter = Character(Unicode.Scalar(byte - 1 + UInt8(ascii: "a")))
            return .key(.control(letter), length: 1)
        case 0x00, 0x1C...0x1F:
            return .key(nil, length: 1)
        case 0x20..<0x7F:
            return .key(.character(Character(Unicode.Scalar(byte))), length: 1)
        default:
            return decodeUTF8(bytes, from: start)
        }
    }

    private static func decodeUTF8(_ bytes: [UInt8], from start: Int) -> Step {
        let lead = bytes[start]
        let length: Int
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return .key(nil, length: 1)
        }
        var end = start + 1
        while end < start + length {
            guard end < bytes.count else { return .incomplete }
            // A lead byte followed by a non-continuation byte: drop the lead, decode the rest.
            guard bytes[end] & 0xC0 == 0x80 else { return .key(nil, length: end - start) }
            end += 1
        }
        var decoder = UTF8()
        var iterator = bytes[start..<end].makeIterator()
        switch decoder.decode(&iterator) {
        case .scalarValue(let scalar):
            return .key(.character(Character(scalar)), length: length)
        case .emptyInput, .error:
            return .key(nil, length: length)
        }
    }

    private static func decodeEscape(_ bytes: [UInt8], from start: Int) -> Step {
        guard start + 1 < bytes.count else { return .incomplete }
        switch bytes[start + 1] {
        case UInt8(ascii: "["):
            var end = start + 2
            while end < bytes.count, !(0x40...0x7E).contains(bytes[end]) {
                if end - start > longestSequence { return .key(nil, length: end - start) }
                end += 1
            }
            guard end < bytes.count else { return .incomplete }
            let parameters = String(decoding: bytes[(start + 2)..<end], as: UTF8.self)
            return .key(csiKey(final: bytes[end], parameters: parameters), length: end - start + 1)
        case UInt8(ascii: "O"):
            guard start + 2 < bytes.count else { return .incomplete }
            return .key(ss3Key(bytes[start + 2]), length: 3)
        default:
            // Escape then something else (Alt-x, or two quick presses): report the Escape alone.
            return .key(.escape, length: 1)
        }
    }

    private static func csiKey(final: UInt8, parameters: String) -> Key? {
        switch final {
        case UInt8(ascii: "A"): return .up
        case UInt8(ascii: "B"): return .down
        case UInt8(ascii: "C"): return .right
        case UInt8(ascii: "D"): return .left
        case UInt8(ascii: "H"): return .home
        case UInt8(ascii: "F"): return .end
        case UInt8(ascii: "Z"): return .backTab
        case UInt8(ascii: "~"):
            let first = parameters.split(separator: ";").first.flatMap { Int($0) }
            switch first {
            case 1, 7: return .home
            case 4, 8: return .end
            case 2: return .insert
            case 3: return .delete
            case 5: return .pageUp
            case 6: return .pageDown
            default: return nil
            }
        default:
            return nil
        }
    }

    private static func ss3Key(_ byte: UInt8) -> Key? {
        switch byte {
        case UInt8(ascii: "A"): .up
        case UInt8(ascii: "B"): .down
        case UInt8(ascii: "C"): .right
        case UInt8(ascii: "D"): .left
        case UInt8(ascii: "H"): .home
        case UInt8(ascii: "F"): .end
        case UInt8(ascii: "M"): .enter
        default: nil
        }
    }
}
