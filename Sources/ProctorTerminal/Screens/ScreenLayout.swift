/// A key and what it does, as the footer and help show it.
public struct KeyHint: Sendable, Hashable {
    public var key: String
    public var label: String

    public init(_ key: String, _ label: String) {
        self.key = key
        self.label = label
    }
}

/// The frame every full-screen screen shares: a title bar, the body, a rule, a status line and a
/// footer of keys.
///
/// ```
/// row 0            title bar: left text ............ right text
/// row 1            (blank)
/// rows 2..<r-3     body, indented two columns
/// row r-3          rule
/// row r-2          status: a message, or progress
/// row r-1          footer: keys
/// ```
public enum ScreenLayout {
    /// Rows the body has at `size`.
    public static func bodyHeight(_ size: TerminalSize) -> Int { max(1, size.rows - 5) }

    /// Columns body text is wrapped to: the window less margins, at most 100 for readable lines.
    public static func contentWidth(_ size: TerminalSize) -> Int { max(20, min(size.columns - 4, 100)) }

    /// The whole frame from its parts; the body is cut to its rows (scroll before calling).
    public static func frame(
        size: TerminalSize, theme: Theme, title: String, titleRight: StyledLine = StyledLine(),
        body: [StyledLine], status: StyledLine = StyledLine(), footer: [KeyHint]
    ) -> Frame {
        var lines: [StyledLine] = [titleBar(title, right: titleRight, width: size.columns, theme: theme), StyledLine()]
        let height = bodyHeight(size)
        let shown = body.prefix(height).map { $0.spans.isEmpty ? $0 : StyledLine("  ") + $0 }
        lines += shown
        lines += Array(repeating: StyledLine(), count: height - shown.count)
        lines.append(StyledLine(String(repeating: "─", count: max(0, size.columns)), style: theme.muted))
        lines.append(StyledLine(" ") + status)
        lines.append(footerLine(footer, width: size.columns, theme: theme))
        return Frame(size: size, lines: lines)
    }

    /// ` left ...... right ` across the width, in the bar style; the left text is cut to fit.
    public static func titleBar(_ left: String, right: StyledLine, width: Int, theme: Theme) -> StyledLine {
        let rightWidth = right.width
        let room = max(1, width - rightWidth - 3)
        let leftText = " " + TextWrap.truncate(left, width: room)
        let gap = max(1, width - DisplayWidth.of(leftText) - rightWidth - 1)
        var line = StyledLine(leftText + String(repeating: " ", count: gap), style: theme.bar)
        for span in right.spans {
            var style = span.style
            if theme.usesColor { style.reverse = true }
            line.append(span.text, style: style)
        }
        line.append(" ", style: theme.bar)
        return line
    }

    /// Keys that fit in `width`, in order; the last hint (help) is always kept.
    public static func footerLine(_ hints: [KeyHint], width: Int, theme: Theme) -> StyledLine {
        func hintWidth(_ hint: KeyHint) -> Int { DisplayWidth.of(hint.key) + 1 + DisplayWidth.of(hint.label) }
        guard let last = hints.last else { return StyledLine() }
        var used = 1 + hintWidth(last)
        var kept: [KeyHint] = []
        for hint in hints.dropLast() {
            let extra = hintWidth(hint) + 2
            if used + extra > width { break }
            kept.append(hint)
            used += extra
        }
        kept.append(last)
        var line = StyledLine(" ")
        for (index, hint) in kept.enumerated() {
            if index > 0 { line.append("  ") }
            line.append(hint.key, style: theme.key)
            line.append(" " + hint.label)
        }
        return line
    }

    /// The lines of `lines` that fit in `height` rows from `offset`, with the offset kept in range.
    public static func scrolled(_ lines: [StyledLine], offset: Int, height: Int)
        -> (lines: [StyledLine], offset: Int, more: ScrollState) {
        let maximum = max(0, lines.count - height)
        let start = min(max(0, offset), maximum)
        let shown = Array(lines.dropFirst(start).prefix(height))
        return (shown, start, ScrollState(above: start > 0, below: start + height < lines.count))
    }

    /// `lines` centred as a block in `height` rows (used by the short message screens).
    public static func centred(_ lines: [StyledLine], height: Int) -> [StyledLine] {
        let top = max(0, (height - lines.count) / 2)
        return Array(repeating: StyledLine(), count: top) + lines
    }
}

/// Whether there is more text above or below what a scrolled body shows.
public struct ScrollState: Sendable, Hashable {
    public var above: Bool
    public var below: Bool

    /// A hint such as `↑↓ more above and below` for the status line, or empty.
    public var hint: String {
        switch (above, below) {
        case (true, true): "↑↓ scroll: more above and below"
        case (false, true): "↓ scroll: more below"
        case (true, false): "↑ scroll: more above"
        case (false, false): ""
        }
    }

    /// The same for a list whose arrows select rather than scroll: `↓ more below`.
    public var listHint: String {
        switch (above, below) {
        case (true, true): "↑↓ more above and below"
        case (false, true): "↓ more below"
        case (true, false): "↑ more above"
        case (false, false): ""
        }
    }
}

/// Clock readings as a person reads them.
public enum ClockText {
    /// `h:mm:ss` from an hour up, `m:ss` below. A countdown rounds up, so that `0:00` means time
    /// is out; a duration (`roundingUp: false`) rounds to the nearest second.
    public static func format(_ seconds: Double, roundingUp: Bool = true) -> String {
        let rounded = seconds.rounded(roundingUp ? .up : .toNearestOrAwayFromZero)
        let total = rounded.isFinite ? max(0, Int(min(rounded, 1e9))) : 0
        let (hours, minutes, secs) = (total / 3600, total / 60 % 60, total % 60)
        let twoDigits = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
        return hours > 0 ? "\(hours):\(twoDigits(minutes)):\(twoDigits(secs))" : "\(minutes):\(twoDigits(secs))"
    }

    /// A duration in words for reports: `1 h 05 min`, `12 min 30 s`, `45 s`.
    public static func duration(_ seconds: Double) -> String {
        let total = seconds.isFinite ? max(0, Int(min(seconds, 1e9).rounded())) : 0
        let (hours, minutes, secs) = (total / 3600, total / 60 % 60, total % 60)
        if hours > 0 { return "\(hours) h \(minutes < 10 ? "0" : "")\(minutes) min" }
        if minutes > 0 { return "\(minutes) min \(secs < 10 ? "0" : "")\(secs) s" }
        return "\(secs) s"
    }
}
