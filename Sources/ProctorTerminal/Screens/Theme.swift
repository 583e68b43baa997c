#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How screens look: with colour and attributes, or without any (NO_COLOR, `--no-color`, not a
/// terminal). Without colour every state still shows as text: markers, words, `(struck)`.
public struct Theme: Sendable, Hashable {
    /// Whether SGR colours and attributes are written at all.
    public var usesColor: Bool

    public init(usesColor: Bool) {
        self.usesColor = usesColor
    }

    /// Colours and attributes.
    public static let color = Theme(usesColor: true)
    /// Plain text only: what snapshots show and what `NO_COLOR` asks for.
    public static let monochrome = Theme(usesColor: false)

    /// The theme cli.md allows: colour on a terminal, off with `--no-color`, a non-empty
    /// `NO_COLOR`, or output that is not a terminal.
    public static func resolve(noColorFlag: Bool, environment: [String: String], outputIsTerminal: Bool) -> Theme {
        let noColorVariable = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        return Theme(usesColor: outputIsTerminal && !noColorFlag && !noColorVariable)
    }

    /// `resolve` for this process: its `NO_COLOR` and whether its standard output is a terminal.
    public static func forStandardOutput(noColorFlag: Bool) -> Theme {
        var environment: [String: String] = [:]
        if let value = getenv("NO_COLOR") { environment["NO_COLOR"] = String(cString: value) }
        return resolve(noColorFlag: noColorFlag, environment: environment, outputIsTerminal: isatty(STDOUT_FILENO) != 0)
    }

    private func style(_ style: Style) -> Style { usesColor ? style : .plain }

    /// The title bar at the top of every screen.
    public var bar: Style { style(Style(reverse: true)) }
    /// Section headings.
    public var heading: Style { style(Style(bold: true)) }
    /// A key name in the footer and help.
    public var key: Style { style(Style(foreground: .cyan, bold: true)) }
    /// Secondary text: hints, counts.
    public var muted: Style { style(Style(foreground: .gray)) }
    /// The highlighted row of a list.
    public var selected: Style { style(Style(reverse: true)) }
    /// An option the candidate has chosen.
    public var chosen: Style { style(Style(foreground: .cyan, bold: true)) }
    /// An option struck out: crossed through in colour, marked `(struck)` without.
    public var struck: Style { style(Style(foreground: .gray, strikethrough: true)) }
    /// Time running low.
    public var warning: Style { style(Style(foreground: .red, bold: true)) }
    /// A right answer, a pass.
    public var success: Style { style(Style(foreground: .green, bold: true)) }
    /// A wrong answer, a fail.
    public var failure: Style { style(Style(foreground: .red, bold: true)) }
    /// Flag marks.
    public var flag: Style { style(Style(foreground: .yellow, bold: true)) }

    /// Text put before a struck option's text when strikethrough cannot show it.
    public var struckMarker: String { usesColor ? "" : "(struck) " }
}
