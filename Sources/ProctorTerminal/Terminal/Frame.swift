/// The size of a terminal window in character cells.
public struct TerminalSize: Sendable, Hashable, CustomStringConvertible {
    public var columns: Int
    public var rows: Int

    public init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
    }

    /// The smallest window the full-screen front draws in; below it a message asks for more room.
    public static let minimum = TerminalSize(columns: 80, rows: 24)

    /// Whether this size holds at least `other` in both directions.
    public func fits(_ other: TerminalSize) -> Bool {
        columns >= other.columns && rows >= other.rows
    }

    public var description: String { "\(columns)×\(rows)" }
}

/// Everything on screen at one moment: exactly `size.rows` lines, each at most `size.columns` wide.
///
/// Screens are pure functions to a `Frame`; `FrameDiff` turns two frames into the output that
/// changes one into the other.
public struct Frame: Sendable, Hashable {
    public let size: TerminalSize
    public let lines: [StyledLine]

    /// A frame of `lines`, cut or filled with blank lines to the height and cut to the width.
    public init(size: TerminalSize, lines: [StyledLine]) {
        self.size = size
        let rows = max(0, size.rows)
        var fitted = lines.prefix(rows).map { $0.fitted(to: max(0, size.columns)) }
        if fitted.count < rows { fitted += Array(repeating: StyledLine(), count: rows - fitted.count) }
        self.lines = fitted
    }

    /// The frame as plain text, one row a line, trailing spaces trimmed: what snapshots store.
    public var text: String {
        lines.map { line in
            var text = line.text
            while text.last == " " { text.removeLast() }
            return text
        }.joined(separator: "\n") + "\n"
    }
}
