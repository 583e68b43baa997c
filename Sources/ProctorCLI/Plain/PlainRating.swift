import ProctorCore
import ProctorTerminal

extension PlainConsole {
    /// Prints the verdict on `answer` and the question's explanation, the question shown as `text`.
    func showVerdict(on answer: StudyAnswer, shownAs text: QuestionText) {
        line(answer.isCorrect ? "Correct." : "Incorrect. The answer is \(text.keyText).")
        lines(PlainText.explanation(of: answer.question, shownAs: text, response: answer.response))
    }

    /// `rate>` until the learner accepts `suggested` (Enter) or types 1-4; `?` explains the rule.
    /// When input ends, the suggestion stands and `inputEnded` says so.
    func askRating(suggested: Rating) -> (rating: Rating, inputEnded: Bool) {
        line("Suggested rating: \(suggested.rawValue) \(suggested). Enter accepts it, 1-4 chooses, ? explains.")
        while true {
            guard let reply = ask("rate> ") else { return (suggested, true) }
            let typed = reply.trimmed
            if typed.isEmpty { return (suggested, false) }
            if typed == "?" {
                line(AnswerRating.explanation)
                continue
            }
            if let number = Int(typed), let chosen = Rating(rawValue: number) { return (chosen, false) }
            line("Type 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy), or press Enter for \(suggested.rawValue) \(suggested).")
        }
    }
}
