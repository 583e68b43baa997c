/// A grid of character cells that plays back what the full-screen front writes: cursor moves,
/// clearing, SGR attributes, wide and combining characters, the alternate screen. Tests read it
/// to see what a person would see, and to check that frame diffs add up to the whole frame.
public struct VirtualScreen: Sendable, Hashable {
    /// One character cell: the text drawn there ("" for the second half of a wide character)
    /// and its style.
    public struct Cell: Sendable, Hashable {
        public var text: String
        public var style: Style
    }

    public private(set) var size: TerminalSize
    public private(set) var cells: [[Cell]]
    public private(set) var cursorRow = 0
    public private(set) var cursorColumn = 0
    /// Whether the alternate screen is showing.
    public private(set) var isAlternate = false
    public private(set) var isCursorVisible = true
    private var style = Style.plain
    /// The main screen's cells while the alternate screen shows.
    private var savedMain: [[Cell]]?
    /// An escape sequence cut between two writes.
    private var partial = ""

    private static let blank = Cell(text: " ", style: .plain)

    public init(size: TerminalSize) {
        self.size = size
        cells = Self.blankCells(size)
    }

    private static func blankCells(_ size: TerminalSize) -> [[Cell]] {
        Array(repeating: Array(repeating: blank, count: max(0, size.columns)), count: max(0, size.rows))
    }

    /// The screen as text, one row a line, trailing spaces trimmed (as `Frame.text`).
    public var text: String {
        cells.map { row in
            var line = row.map(\.text).joined()
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n") + "\n"
    }

    /// The style of the cell at a 0-based row and column.
    public func style(row: Int, column: Int) -> Style {
        cells.indices.contains(row) && cells[row].indices.contains(column) ? cells[row][column].style : .plain
    }

    /// A new window size: content is kept where it fits, as terminals do.
    public mutating func resize(to newSize: TerminalSize) {
        var resized = Self.blankCells(newSize)
        for row in 0..<min(size.rows, newSize.rows) {
            for column in 0..<min(size.columns, newSize.columns) { resized[row][column] = cells[row][column] }
        }
        cells = resized
        size = newSize
        cursorRow = min(cursorRow, max(0, newSize.rows - 1))
        cursorColumn = min(cursorColumn, max(0, newSize.columns - 1))
    }

    /// Plays back `output`.
    public mutating func apply(_ output: String) {
        var scalars = Array((partial + output).unicodeScalars)[...]
        partial = ""
        var text = ""
        func flushText() {
            for character in text { put(character) }
            text = ""
        }
        while let scalar = scalars.first {
            switch scalar {
            case "\u{1B}":
                flushText()
                guard let length = sequenceLength(scalars) else {
                    partial = String(String.UnicodeScalarView(scalars))
                    return
                }
                runSequence(String(String.UnicodeScalarView(scalars.prefix(length))))
                scalars = scalars.dropFirst(length)
            case "\r":
                flushText()
                cursorColumn = 0
                scalars = scalars.dropFirst()
            case "\n":
                flushText()
                cursorRow = min(cursorRow + 1, max(0, size.rows - 1))
                scalars = scalars.dropFirst()
            default:
                text.unicodeScalars.append(scalar)
                scalars = scalars.dropFirst()
            }
        }
        flushText()
    }

    /// The length of the escape sequence at the start, or `nil` when it is not complete yet.
    private func sequenceLength(_ scalars: ArraySlice<Unicode.Scalar>) -> Int? {
        guard scalars.count >= 2 else { return nil }
        let second = scalars[scalars.startIndex + 1]
        guard second == "[" else { return 2 }
        var length = 2
        for scalar in scalars.dropFirst(2) {
            length += 1
            if (0x40...0x7E).contains(scalar.value) { return length }
        }
        return nil
    }

    private mutating func runSequence(_ sequence: String) {
        guard sequence.hasPrefix("\u{1B}["), let final = sequence.last else { return }
        let body = sequence.dropFirst(2).dropLast()
        let isPrivate = body.hasPrefix("?")
        let numbers = body.drop(while: { $0 == "?" }).split(separator: ";", omittingEmptySubsequences: false)
            .map { Int($0) }
        switch (final, isPrivate) {
        case ("H", false), ("f", false):
            let row = (numbers.first ?? nil) ?? 1
            let column = (numbers.count > 1 ? numbers[1] : nil) ?? 1
            cursorRow = min(max(0, row - 1), max(0, size.rows - 1))
            cursorColumn = min(max(0, column - 1), max(0, size.columns - 1))
        case ("K", false):
            let mode = (numbers.first ?? nil) ?? 0
            guard cells.indices.contains(cursorRow) else { return }
            let range = mode == 0 ? cursorColumn..<size.columns : mode == 1 ? 0..<(cursorColumn + 1) : 0..<size.columns
            for column in range where cells[cursorRow].indices.contains(column) { cells[cursorRow][column] = Self.blank }
        case ("J", false):
            if (numbers.first ?? nil) == 2 { cells = Self.blankCells(size) }
        case ("m", false):
            applySGR(numbers.map { $0 ?? 0 })
        case ("h", true), ("l", true):
            let on = final == "h"
            for number in numbers {
                switch number {
                case 1049:
                    if on, !isAlternate {
                        savedMain = cells
                        cells = Self.blankCells(size)
                    } else if !on, isAlternate {
                        cells = savedMain ?? Self.blankCells(size)
                        savedMain = nil
                    }
                    isAlternate = on
                case 25:
                    isCursorVisible = on
                default:
                    break
                }
            }
        default:
            break
        }
    }

    private mutating func applySGR(_ codes: [Int]) {
        for code in codes.isEmpty ? [0] : codes {
            switch code {
            case 0: style = .plain
            case 1: style.bold = true
            case 2: style.dim = true
            case 4: style.underline = true
            case 7: style.reverse = true
            case 9: style.strikethrough = true
            case 30: style.foreground = .black
            case 31: style.foreground = .red
            case 32: style.foreground = .green
            case 33: style.foreground = .yellow
            case 34: style.foreground = .blue
            case 35: style.foreground = .magenta
            case 36: style.foreground = .cyan
            case 37: style.foreground = .white
            case 90: style.foreground = .gray
            case 39: style.foreground = nil
            default: break
            }
        }
    }

    /// Draws one character at the cursor; autowrap is off, so the last column is overwritten.
    private mutating func put(_ character: Character) {
        guard cells.indices.contains(cursorRow) else { return }
        let width = DisplayWidth.of(character)
        if width == 0 {
            var column = cursorColumn - 1
            if column > 0, cells[cursorRow].indices.contains(column), cells[cursorRow][column].text.isEmpty { column -= 1 }
            if cells[cursorRow].indices.contains(column) { cells[cursorRow][column].text.append(character) }
            return
        }
        guard cursorColumn + width <= size.columns else { return }
        cells[cursorRow][cursorColumn] = Cell(text: String(character), style: style)
        if width == 2 { cells[cursorRow][cursorColumn + 1] = Cell(text: "", style: style) }
        // Autowrap is off: at the right edge the cursor stays on the last column, as terminals do.
        cursorColumn = min(cursorColumn + width, max(0, size.columns - 1))
    }
}
