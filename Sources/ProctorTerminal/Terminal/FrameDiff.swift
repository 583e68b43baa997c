/// The terminal output that turns one frame into another, rewriting only the lines that changed.
///
/// With no previous frame, or one of another size, the screen is cleared and every non-blank line
/// written. Otherwise each changed line is rewritten from its first column and the rest of the row
/// cleared, so a countdown that ticks every second rewrites one line and nothing flickers.
public enum FrameDiff {
    /// Escape sequences and text that take a screen showing `previous` to showing `next`.
    public static func output(from previous: Frame?, to next: Frame) -> String {
        var output = ""
        let redrawAll = previous.map { $0.size != next.size } ?? true
        if redrawAll { output += reset + clearScreen }
        for (row, line) in next.lines.enumerated() {
            if redrawAll {
                guard !line.spans.isEmpty else { continue }
            } else if let previous, previous.lines[row] == line {
                continue
            }
            output += moveTo(row: row, column: 0) + line.rendered + reset
            // With autowrap off the cursor stays on the last column after a full line, and
            // clearing from there would erase the line's last character.
            if line.width < next.size.columns { output += clearToEndOfLine }
        }
        return output
    }

    /// The rows whose content differs between two frames of the same size (all rows otherwise).
    public static func changedRows(from previous: Frame?, to next: Frame) -> [Int] {
        guard let previous, previous.size == next.size else { return Array(next.lines.indices) }
        return next.lines.indices.filter { previous.lines[$0] != next.lines[$0] }
    }

    /// Moves the cursor to a 0-based row and column.
    static func moveTo(row: Int, column: Int) -> String { "\u{1B}[\(row + 1);\(column + 1)H" }

    static let reset = "\u{1B}[0m"
    static let clearScreen = "\u{1B}[2J"
    static let clearToEndOfLine = "\u{1B}[K"
}

/// What is on the terminal now: draws frames by writing only what changed since the last one.
public struct ScreenBuffer: Sendable {
    /// The frame last written, or `nil` when the screen's content is unknown.
    public private(set) var current: Frame?

    public init() {}

    /// The output that shows `frame`, and remembers it as on screen.
    public mutating func update(to frame: Frame) -> String {
        let output = FrameDiff.output(from: current, to: frame)
        current = frame
        return output
    }

    /// Forgets what is on screen, so the next update redraws everything (after a resize, Ctrl-L).
    public mutating func invalidate() {
        current = nil
    }
}
