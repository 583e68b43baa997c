import ProctorCore

/// What a key asks the exam driver to do, beyond changing the view.
public enum ExamEffect: Sendable, Hashable {
    /// Apply this action to the session (at the current time) and record its events.
    case perform(SessionAction)
    /// Stop now and keep everything: the session is closed, `resume` carries on.
    case quit
    /// The exam is over and the candidate has seen the notice: go on to the report.
    case finish
}

/// The full-screen exam keys of cli.md, as a pure function: a key, the session and the view go
/// in; the view changes and session actions come out. No grading happens here: answers go to
/// the session as `SessionAction.answer`.
public enum ExamKeys {
    /// Handles `key` on the screen `view` shows; `pageHeight` is how many rows Page Up/Down move.
    public static func handle(_ key: Key, session: ExamSession, view: inout ExamView, pageHeight: Int) -> [ExamEffect] {
        view.message = nil
        if key.isInterruption { return quitEffects(session: session, view: &view) }
        if case .submitted = session.phase {
            if key == .enter || key == .character("q") || key == .escape { return [.finish] }
            return []
        }
        if case .onBreak = session.phase {
            switch key {
            case .enter: return [.perform(.endBreak)]
            case .character("q"): return [.quit]
            default: return []
            }
        }
        switch view.mode {
        case .help:
            view.mode = .question
            return []
        case .timeUp:
            return key == .enter ? [.finish] : []
        case .confirmSubmit:
            switch key {
            case .character("y"), .character("Y"): return [.perform(.submit)]
            case .character("n"), .character("N"), .escape, .backspace: view.mode = .question
            case .character("q"): return [.quit]
            default: break
            }
            return []
        case .breakOffer:
            switch key {
            case .character("t"), .character("T"):
                view.mode = .question
                return [.perform(.takeBreak)]
            case .character("k"), .character("K"):
                view.mode = .question
                return [.perform(.skipBreak)]
            case .escape, .left, .backspace: view.mode = .question
            case .character("q"): return [.quit]
            default: break
            }
            return []
        case .goTo(let digits):
            return goTo(key, digits: digits, session: session, view: &view)
        case .review(let filter, let selection):
            return review(key, filter: filter, selection: selection, session: session, view: &view, pageHeight: pageHeight)
        case .question:
            return question(key, session: session, view: &view, pageHeight: pageHeight)
        }
    }

    private static func question(_ key: Key, session: ExamSession, view: inout ExamView, pageHeight: Int) -> [ExamEffect] {
        let index = session.currentIndex
        guard session.form.items.indices.contains(index) else { return [] }
        let item = session.form.items[index]
        switch AnswerInput.handle(key, item: item, response: session.responses[index], draft: &view.draft) {
        case .changed(let response): return [.perform(.answer(response))]
        case .strike(let optionID): return [.perform(.toggleStrike(optionID: optionID))]
        case .invalid(let message):
            view.message = message
            return []
        case .handled: return []
        case .unhandled: break
        }
        switch key {
        case .right, .enter, .character("n"):
            var effects = commitNumber(item: item, view: &view)
            guard view.message == nil else { return [] }
            if index + 1 == session.sectionRange.upperBound, session.nextBreakIndex != nil {
                view.mode = .breakOffer
            } else if index + 1 >= session.form.items.count {
                view.message = "This is the last question. Press s to submit, or r to review."
            } else {
                effects.append(.perform(.next))
            }
            return effects
        case .left, .character("p"):
            let effects = commitNumber(item: item, view: &view)
            guard view.message == nil else { return [] }
            return effects + [.perform(.previous)]
        case .character("m"):
            return [.perform(.toggleFlag)]
        case .character("r"):
            let effects = commitNumber(item: item, view: &view)
            view.mode = .review(filter: .all, selection: index)
            return effects
        case .character("g"):
            view.mode = .goTo(digits: "")
            return []
        case .character("s"):
            let effects = commitNumber(item: item, view: &view)
            guard view.message == nil else { return [] }
            view.mode = .confirmSubmit
            return effects
        case .character("q"):
            return quitEffects(session: session, view: &view)
        case .character("?"):
            view.mode = .help
        case .up: view.scroll = max(0, view.scroll - 1)
        case .down: view.scroll += 1
        case .pageUp: view.scroll = max(0, view.scroll - max(1, pageHeight - 1))
        case .pageDown: view.scroll += max(1, pageHeight - 1)
        case .home: view.scroll = 0
        case .end: view.scroll = Int.max / 2
        case .character:
            view.message = "That key does nothing here. Press ? for the keys."
        case .tab, .backTab, .backspace, .escape, .insert, .delete, .control, .resize, .ctrlC, .signal, .endOfInput:
            break
        }
        return []
    }

    /// Saves a number being typed before the candidate moves away; sets a message if it is not one.
    private static func commitNumber(item: ExamForm.Item, view: inout ExamView) -> [ExamEffect] {
        switch AnswerInput.commitNumber(item: item, draft: &view.draft) {
        case .changed(let response): return [.perform(.answer(response))]
        case .invalid(let message):
            view.message = message
            return []
        case .handled, .unhandled, .strike: return []
        }
    }

    /// Quitting keeps a valid number being typed; an invalid one is dropped.
    private static func quitEffects(session: ExamSession, view: inout ExamView) -> [ExamEffect] {
        guard session.form.items.indices.contains(session.currentIndex), !session.isSubmitted else { return [.quit] }
        let item = session.form.items[session.currentIndex]
        if case .changed(let response) = AnswerInput.commitNumber(item: item, draft: &view.draft) {
            return [.perform(.answer(response)), .quit]
        }
        return [.quit]
    }

    private static func goTo(_ key: Key, digits: String, session: ExamSession, view: inout ExamView) -> [ExamEffect] {
        switch key {
        case .character(let character) where character.isASCII && character.isNumber:
            view.mode = .goTo(digits: String((digits + String(character)).prefix(6)))
        case .backspace:
            view.mode = .goTo(digits: String(digits.dropLast()))
        case .escape:
            view.mode = .question
        case .enter:
            view.mode = .question
            guard let number = Int(digits), number >= 1 else { return [] }
            let item = session.form.items.indices.contains(session.currentIndex) ? session.form.items[session.currentIndex] : nil
            let effects = item.map { commitNumber(item: $0, view: &view) } ?? []
            guard view.message == nil else { return [] }
            return effects + [.perform(.goTo(index: number - 1))]
        case .character("q"):
            return quitEffects(session: session, view: &view)
        default:
            break
        }
        return []
    }

    private static func review(_ key: Key, filter: ExamSession.ReviewFilter, selection: Int, session: ExamSession,
                               view: inout ExamView, pageHeight: Int) -> [ExamEffect] {
        let entries = session.review(filter)
        let last = max(0, entries.count - 1)
        var selection = min(max(0, selection), last)
        var filter = filter
        let filters = ReviewScreen.filters
        let filterIndex = filters.firstIndex(of: filter) ?? 0
        switch key {
        case .up, .character("k"): selection = max(0, selection - 1)
        case .down, .character("j"): selection = min(last, selection + 1)
        case .pageUp: selection = max(0, selection - pageHeight)
        case .pageDown: selection = min(last, selection + pageHeight)
        case .home: selection = 0
        case .end: selection = last
        case .tab, .right:
            filter = filters[(filterIndex + 1) % filters.count]
            selection = 0
        case .backTab, .left:
            filter = filters[(filterIndex + filters.count - 1) % filters.count]
            selection = 0
        case .character("a"): (filter, selection) = (.all, 0)
        case .character("i"): (filter, selection) = (.incomplete, 0)
        case .character("f"): (filter, selection) = (.flagged, 0)
        case .enter:
            guard entries.indices.contains(selection) else { return [] }
            let entry = entries[selection]
            if entry.isLocked {
                view.message = SessionError.locked(index: entry.index).message
            } else if !session.sectionRange.contains(entry.index) {
                view.message = SessionError.beyondBreak(index: entry.index).message
            } else {
                view.mode = .question
                return entry.index == session.currentIndex ? [] : [.perform(.goTo(index: entry.index))]
            }
        case .escape, .character("r"), .backspace:
            view.mode = .question
            return []
        case .character("s"):
            view.mode = .confirmSubmit
            return []
        case .character("q"):
            return quitEffects(session: session, view: &view)
        case .character("?"):
            view.mode = .help
            return []
        default:
            break
        }
        view.mode = .review(filter: filter, selection: selection)
        return []
    }
}
