import ProctorCore

/// The review screen: every question (or the incomplete or flagged ones) with its state, a row
/// selected, Enter to go there.
public enum ReviewScreen {
    /// The filters in the order Tab cycles through them.
    public static let filters: [ExamSession.ReviewFilter] = [.all, .incomplete, .flagged]

    /// The name of a filter as the screen shows it.
    public static func name(_ filter: ExamSession.ReviewFilter) -> String {
        switch filter {
        case .all: "All"
        case .incomplete: "Incomplete"
        case .flagged: "Flagged"
        }
    }

    /// Rows of the list a page holds at `size`.
    public static func pageHeight(_ size: TerminalSize) -> Int { max(1, ScreenLayout.bodyHeight(size) - 2) }

    /// The review screen: filter tabs, a page of rows around `selection`, progress, keys.
    public static func render(session: ExamSession, content: ExamContent, filter: ExamSession.ReviewFilter,
                              selection: Int, message: String?, size: TerminalSize, theme: Theme) -> Frame {
        let entries = session.review(filter)
        var tabs = StyledLine("Show: ")
        for (index, each) in filters.enumerated() {
            if index > 0 { tabs.append("  ") }
            let label = "\(name(each)) \(session.review(each).count)"
            if each == filter {
                tabs = tabs + StyledLine("[\(label)]", style: theme.selected)
            } else {
                tabs.append(" \(label) ")
            }
        }
        var body: [StyledLine] = [tabs, StyledLine()]
        let height = pageHeight(size)
        let selected = min(max(0, selection), max(0, entries.count - 1))
        if entries.isEmpty {
            body.append(StyledLine(filter == .flagged ? "No flagged questions." : "Every question has an answer.",
                                   style: theme.muted))
        } else {
            let start = selected / height * height
            let width = ScreenLayout.contentWidth(size)
            let digits = String(session.form.items.count).count
            for (offset, entry) in entries.dropFirst(start).prefix(height).enumerated() {
                body.append(row(entry, isSelected: start + offset == selected, digits: digits, width: width,
                                content: content, theme: theme))
            }
        }
        var status = StyledLine(message ?? ExamScreen.progress(session), style: message == nil ? theme.muted : theme.warning)
        if !entries.isEmpty, message == nil {
            status.append("   ·   \(selected + 1) of \(entries.count) listed", style: theme.muted)
        }
        let footer = [
            KeyHint("↑/↓", "select"), KeyHint("Enter", "go to"), KeyHint("Tab", "filter"), KeyHint("Esc", "back"),
            KeyHint("s", "submit"), KeyHint("q", "quit"), KeyHint("?", "help"),
        ]
        return ScreenLayout.frame(size: size, theme: theme, title: "Review · \(content.examName)",
                                  titleRight: ExamScreen.clock(session, theme: theme), body: body, status: status,
                                  footer: footer)
    }

    /// `› 12  answered    flagged  A project manager is…`
    static func row(_ entry: ExamSession.ReviewEntry, isSelected: Bool, digits: Int, width: Int,
                    content: ExamContent, theme: Theme) -> StyledLine {
        let number = String(entry.index + 1)
        let padded = String(repeating: " ", count: max(0, digits - number.count)) + number
        let state = TextWrap.pad(entry.isAnswered ? "answered" : "unanswered", to: 10)
        let flag = TextWrap.pad(entry.isFlagged ? "flagged" : "", to: 7)
        let lead = (isSelected ? "› " : "  ") + "Question " + padded + "  "
        let used = DisplayWidth.of(lead) + 10 + 2 + 7 + 2
        let lock = entry.isLocked ? "(locked) " : ""
        let excerpt = lock + content.excerpt(of: entry.questionID, width: max(8, width - used - DisplayWidth.of(lock)))
        var line = StyledLine(lead)
        line.append(state, style: entry.isAnswered ? .plain : theme.warning)
        line.append("  ")
        line.append(flag, style: theme.flag)
        line.append("  ")
        line.append(excerpt, style: theme.muted)
        guard isSelected, theme.usesColor else { return line }
        return StyledLine(line.spans.map { span in
            var style = span.style
            style.reverse = true
            return StyledSpan(span.text, style: style)
        })
    }
}
