/// A terminal colour from the basic eight (plus bright black as grey), which every terminal has.
public enum TerminalColor: Sendable, Hashable {
    case black, red, green, yellow, blue, magenta, cyan, white, gray

    /// The SGR parameter that sets this colour as the foreground.
    var foregroundCode: Int {
        switch self {
        case .black: 30
        case .red: 31
        case .green: 32
        case .yellow: 33
        case .blue: 34
        case .magenta: 35
        case .cyan: 36
        case .white: 37
        case .gray: 90
        }
    }
}

/// How a run of text looks: colour and attributes, turned into SGR escape sequences on output.
public struct Style: Sendable, Hashable {
    public var foreground: TerminalColor?
    public var bold: Bool
    public var dim: Bool
    public var underline: Bool
    public var reverse: Bool
    public var strikethrough: Bool

    public init(foreground: TerminalColor? = nil, bold: Bool = false, dim: Bool = false,
                underline: Bool = false, reverse: Bool = false, strikethrough: Bool = false) {
        self.foreground = foreground
        self.bold = bold
        self.dim = dim
        self.underline = underline
        self.reverse = reverse
        self.strikethrough = strikethrough
    }

    /// No colour, no attributes.
    public static let plain = Style()

    /// Whether the style adds nothing to plain text.
    public var isPlain: Bool { self == .plain }

    /// The SGR sequence that switches from plain text to this style (empty for plain).
    public var sgr: String {
        var codes: [Int] = []
        if bold { codes.append(1) }
        if dim { codes.append(2) }
        if underline { codes.append(4) }
        if reverse { codes.append(7) }
        if strikethrough { codes.append(9) }
        if let foreground { codes.append(foreground.foregroundCode) }
        guard !codes.isEmpty else { return "" }
        return "\u{1B}[" + codes.map(String.init).joined(separator: ";") + "m"
    }
}

/// A run of text in one style.
public struct StyledSpan: Sendable, Hashable {
    public var text: String
    public var style: Style

    public init(_ text: String, style: Style = .plain) {
        self.text = text
        self.style = style
    }
}

/// One line of a screen: spans of styled text, no line breaks.
public struct StyledLine: Sendable, Hashable, ExpressibleByStringLiteral {
    public var spans: [StyledSpan]

    public init(_ spans: [StyledSpan] = []) {
        self.spans = spans.filter { !$0.text.isEmpty }
    }

    /// A line of plain text.
    public init(_ text: String, style: Style = .plain) {
        self.init([StyledSpan(text, style: style)])
    }

    public init(stringLiteral value: String) {
        self.init(value)
    }

    /// The text without its styles.
    public var text: String { spans.map(\.text).joined() }

    /// Columns the line takes on screen.
    public var width: Int { spans.reduce(0) { $0 + DisplayWidth.of($1.text) } }

    /// This line followed by `other`.
    public static func + (lhs: StyledLine, rhs: StyledLine) -> StyledLine {
        StyledLine(lhs.spans + rhs.spans)
    }

    /// Appends a span of text.
    public mutating func append(_ text: String, style: Style = .plain) {
        guard !text.isEmpty else { return }
        if let last = spans.last, last.style == style {
            spans[spans.count - 1].text += text
        } else {
            spans.append(StyledSpan(text, style: style))
        }
    }

    /// The line cut to at most `width` columns (a wide character that would straddle the edge is
    /// left out) and padded with spaces to exactly `width` when `pad` is set.
    public func fitted(to width: Int, pad: Bool = false) -> StyledLine {
        var result = StyledLine()
        var used = 0
        outer: for span in spans {
            var text = ""
            for character in span.text {
                let columns = DisplayWidth.of(character)
                if used + columns > width { result.append(text, style: span.style); break outer }
                text.append(character)
                used += columns
            }
            result.append(text, style: span.style)
        }
        if pad, used < width { result.append(String(repeating: " ", count: width - used)) }
        return result
    }

    /// The line as terminal output: each span in its SGR style, reset after each styled span.
    public var rendered: String {
        var output = ""
        for span in spans {
            if span.style.isPlain {
                output += span.text
            } else {
                output += span.style.sgr + span.text + "\u{1B}[0m"
            }
        }
        return output
    }
}
