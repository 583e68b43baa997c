/// Terminal column widths of text: wide East Asian characters take two columns, combining marks
/// and zero-width characters none, so wrapping and padding line up on screen.
public enum DisplayWidth {
    /// Columns `scalar` takes in a terminal.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value == 0 { return 0 }
        if value < 0x20 || (0x7F..<0xA0).contains(value) { return 0 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if value == 0x200B || (0x1160...0x11FF).contains(value) { return 0 }
        if isWide(value) { return 2 }
        return 1
    }

    /// Columns a whole string takes, counted by grapheme cluster so that an emoji with a skin-tone
    /// modifier counts once.
    public static func of(_ text: some StringProtocol) -> Int {
        text.reduce(0) { $0 + of($1) }
    }

    /// Columns one grapheme cluster takes (an emoji with modifiers counts once).
    public static func of(_ character: Character) -> Int {
        guard let first = character.unicodeScalars.first else { return 0 }
        if character.unicodeScalars.count > 1, first.properties.isEmojiPresentation { return 2 }
        return character.unicodeScalars.reduce(0) { $0 + of($1) }
    }

    private static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x1F680...0x1F6FF,
             0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}

/// Word wrapping by display width.
public enum TextWrap {
    /// `text` broken into lines of at most `width` columns, at spaces where possible; a word longer
    /// than the width is split. `indent` is put before every line and counts toward the width.
    public static func wrap(_ text: String, width: Int, indent: String = "", hangingIndent: String? = nil) -> [String] {
        let firstIndent = indent
        let restIndent = hangingIndent ?? indent
        var lines: [String] = []
        var line = firstIndent
        var lineWidth = DisplayWidth.of(firstIndent)
        var lineHasWord = false
        func newLine() {
            lines.append(line)
            line = restIndent
            lineWidth = DisplayWidth.of(restIndent)
            lineHasWord = false
        }
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let wordWidth = DisplayWidth.of(word)
            if lineHasWord, lineWidth + 1 + wordWidth > width { newLine() }
            if lineHasWord {
                line += " "
                lineWidth += 1
            }
            if lineWidth + wordWidth <= width || wordWidth <= width - DisplayWidth.of(restIndent) {
                line += word
                lineWidth += wordWidth
            } else {
                for character in word {
                    let characterWidth = DisplayWidth.of(character)
                    if lineWidth + characterWidth > width, lineWidth > DisplayWidth.of(restIndent) { newLine() }
                    line.append(character)
                    lineWidth += characterWidth
                }
            }
            lineHasWord = true
        }
        if lineHasWord || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// `text` cut to `width` columns, with an ellipsis when cut.
    public static func truncate(_ text: String, width: Int) -> String {
        guard DisplayWidth.of(text) > width else { return text }
        var result = ""
        var used = 0
        for character in text {
            let characterWidth = DisplayWidth.of(character)
            if used + characterWidth > width - 1 { break }
            result.append(character)
            used += characterWidth
        }
        return result + "…"
    }

    /// `text` padded with spaces to `width` columns.
    public static func pad(_ text: String, to width: Int) -> String {
        let missing = width - DisplayWidth.of(text)
        return missing > 0 ? text + String(repeating: " ", count: missing) : text
    }
}
