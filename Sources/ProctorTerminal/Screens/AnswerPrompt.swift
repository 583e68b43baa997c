import ProctorCore

/// The lines under a question that show an answer being typed or built, and the keys for the
/// kind of question: shared by the exam, practice and review screens.
public enum AnswerPrompt {
    /// The draft shown under the answer area, or nothing for choice questions.
    public static func lines(item: ExamForm.Item, question: Question, draft: AnswerDraft, theme: Theme) -> [StyledLine] {
        switch item.kind {
        case .single, .multiple, .trueFalse:
            return []
        case .numeric:
            let unit: String = if case .numeric(let key) = question.kind, let unit = key.unit { " " + unit } else { "" }
            guard let number = draft.number else {
                return [StyledLine(), StyledLine("  Type a number; Enter saves it.", style: theme.muted)]
            }
            return [StyledLine(), StyledLine("  Typing: ") + StyledLine(number + "_", style: theme.chosen) + StyledLine(unit)]
        case .ordering:
            let count = item.orderItemOrder.count
            guard let order = draft.order else {
                return [StyledLine(), StyledLine("  Press the letters in order, first to last.", style: theme.muted)]
            }
            let letters = order.compactMap { id in item.orderItemOrder.firstIndex(of: id).map(QuestionText.letter) }
            let blanks = Array(repeating: "_", count: max(0, count - letters.count))
            return [
                StyledLine(),
                StyledLine("  Building: ") + StyledLine((letters + blanks).joined(separator: " "), style: theme.chosen)
                    + StyledLine("   Backspace undoes, Esc clears", style: theme.muted),
            ]
        case .matching:
            guard let left = draft.matchLeft else {
                return [StyledLine(), StyledLine("  Press an item's number, then the letter of its match.", style: theme.muted)]
            }
            return [
                StyledLine(),
                StyledLine("  Item \(left + 1) → ", style: theme.chosen)
                    + StyledLine("press the letter of its match (Backspace clears item \(left + 1))", style: theme.muted),
            ]
        }
    }

    /// The footer hint for answering this kind of question.
    public static func hint(for item: ExamForm.Item) -> KeyHint {
        switch item.kind {
        case .single, .trueFalse:
            return KeyHint(letterRange(item.optionOrder.count), "choose")
        case .multiple:
            return KeyHint(letterRange(item.optionOrder.count), "toggle")
        case .numeric:
            return KeyHint("0-9 .", "type")
        case .ordering:
            return KeyHint(letterRange(item.orderItemOrder.count), "in order")
        case .matching:
            return KeyHint("1-\(item.leftOrder.count) a-\(lastLetter(item.rightOrder.count))", "match")
        }
    }

    /// `a-d` for four options.
    static func letterRange(_ count: Int) -> String {
        count <= 1 ? "a" : "a-" + lastLetter(count)
    }

    private static func lastLetter(_ count: Int) -> String {
        QuestionText.letter(max(0, count - 1)).lowercased()
    }
}
