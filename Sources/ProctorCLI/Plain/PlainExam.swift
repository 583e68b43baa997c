import ProctorCore
import ProctorStore

/// How a plain-mode sitting ended.
enum PlainSittingEnd: Equatable {
    /// The exam was submitted, by the candidate or by the clock.
    case submitted
    /// The candidate quit or input ended; the attempt waits for `resume`.
    case stopped
}

/// An exam in plain mode: question blocks, one typed line at a time (cli.md, "Plain mode").
///
/// The clock is checked at every prompt: an exam whose time ran out while the candidate was
/// typing is submitted at the moment it ran out, and the candidate is told so.
struct PlainExam {
    let live: LiveAttempt
    let bank: QuestionBank
    let console: any PlainConsole

    /// What one typed line leads to.
    private enum Step {
        /// Prompt again on the same question.
        case stay
        /// Show the question on screen (it changed, or the exam or a break began or ended).
        case show
        /// Stop for now.
        case stop
    }

    /// Sits the exam from where the session stands until it is submitted or stopped.
    func run() throws(StoreError) -> PlainSittingEnd {
        try live.perform(.open)
        var showBlock = true
        while true {
            let session = live.session
            if case .submitted(let reason) = session.phase {
                switch reason {
                case .timeout: console.line("Time is up: the exam was submitted automatically.")
                case .candidate: console.line("Submitted.")
                }
                return .submitted
            }
            if case .onBreak = session.phase {
                guard try takeBreak() else { return try stop() }
                showBlock = true
                continue
            }
            if showBlock { console.lines(PlainText.block(session, bank: bank)) }
            showBlock = false
            guard let line = console.ask("answer> ") else { return try stop() }
            try live.perform(.tick)
            if live.session.isSubmitted { continue }
            let current = live.session
            guard current.form.items.indices.contains(current.currentIndex) else {
                try live.perform(.submit)  // a form without questions: nothing to answer
                continue
            }
            switch parsePlainCommand(line, for: current.form.items[current.currentIndex]) {
            case .failure(let problem):
                console.line(problem.message + " (Type ? for help.)")
            case .success(let command):
                switch try handle(command, in: current) {
                case .stay: break
                case .show: showBlock = true
                case .stop: return try stop()
                }
            }
        }
    }

    private func handle(_ command: PlainCommand, in session: ExamSession) throws(StoreError) -> Step {
        let index = session.currentIndex
        switch command {
        case .help:
            console.lines(PlainCommand.helpLines)
            return .stay
        case .review:
            console.lines(PlainText.review(session))
            return .stay
        case .quit:
            return .stop
        case .toggleFlag:
            guard let _ = try performChecked(.toggleFlag) else { return .stay }
            console.line(live.session.flags[index] ? "Flagged question \(index + 1)." : "Unflagged question \(index + 1).")
            return .stay
        case .strike(let optionID):
            guard let _ = try performChecked(.toggleStrike(optionID: optionID)) else { return .stay }
            let letter = session.form.items[index].optionOrder.firstIndex(of: optionID).map(PlainText.letter) ?? optionID
            console.line(live.session.struckOptions[index].contains(optionID) ? "Struck out \(letter)." : "Restored \(letter).")
            return .stay
        case .answer(let response):
            guard let _ = try performChecked(.answer(response)) else { return .stay }
            return try moveOn(afterAnswering: true)
        case .next:
            return try moveOn(afterAnswering: false)
        case .previous, .goTo:
            guard let action = command.sessionAction, let _ = try performChecked(action) else { return .stay }
            return .show
        case .submit:
            let unanswered = session.unansweredCount
            if unanswered > 0 {
                console.line("\(unanswered) question\(unanswered == 1 ? " is" : "s are") unanswered.")
                guard let reply = console.ask("really submit? [y/N] ") else { return .stop }
                guard ["y", "yes"].contains(reply.trimmed.lowercased()) else {
                    console.line("Not submitted.")
                    return .stay
                }
            }
            try live.perform(.submit)
            return .show
        }
    }

    /// The next question, or the break offer at the end of a section, or a word at the end.
    private func moveOn(afterAnswering: Bool) throws(StoreError) -> Step {
        let session = live.session
        let index = session.currentIndex
        if index + 1 >= session.form.items.count {
            let answered = afterAnswering ? "Answered. " : ""
            console.line(answered + "This is the last question: type submit to end the exam, review to see them all, or goto N.")
            return .stay
        }
        if index + 1 >= session.sectionRange.upperBound, session.nextBreakIndex != nil {
            return try offerBreak()
        }
        guard let _ = try performChecked(.next) else { return .stay }
        return .show
    }

    /// At the end of a section: take the break, skip it, or stay in the section.
    private func offerBreak() throws(StoreError) -> Step {
        let session = live.session
        guard let index = session.nextBreakIndex, session.breaks.indices.contains(index) else { return .stay }
        let section = session.sectionRange
        let unanswered = section.count(where: { session.responses[$0] == nil })
        var notice = "End of questions \(section.lowerBound + 1)-\(section.upperBound)."
        notice += " Once you go on you cannot return to them"
        notice += unanswered > 0 ? " (\(unanswered) unanswered)." : "."
        console.line(notice)
        let limit = PlainText.duration(seconds: session.breaks[index].limitSeconds)
        guard let reply = console.ask("Break: up to \(limit). Take it now? [Y/n] ") else { return .stop }
        switch reply.trimmed.lowercased() {
        case "", "y", "yes":
            guard let _ = try performChecked(.takeBreak) else { return .stay }
        case "n", "no":
            guard let _ = try performChecked(.skipBreak) else { return .stay }
        default:
            console.line("Staying in this section; type next again when you are ready to go on.")
            return .stay
        }
        return .show
    }

    /// The break: the exam clock stops until the candidate comes back or the break runs out.
    /// Returns `false` when input ended during it.
    private func takeBreak() throws(StoreError) -> Bool {
        let left = live.session.breakRemainingSeconds ?? 0
        console.line("")
        console.line("On break: the exam clock is stopped. Break time left \(PlainText.clock(left)). Press Enter to go on.")
        guard console.ask("resume> ") != nil else { return false }
        try live.perform(.tick)
        if case .onBreak = live.session.phase {
            try live.perform(.endBreak)
        }
        if !live.session.isSubmitted { console.line("Break over: the exam clock is running.") }
        return true
    }

    /// Performs `action`; says why when it is refused and returns `nil`.
    private func performChecked(_ action: SessionAction) throws(StoreError) -> [SessionEvent]? {
        let events = try live.perform(action)
        for event in events {
            if case .rejected(let error) = event {
                if live.session.isSubmitted { return nil }  // time ran out: the loop says so
                console.line(error.message)
                return nil
            }
        }
        return events
    }

    private func stop() throws(StoreError) -> PlainSittingEnd {
        live.stopTicking()
        try live.perform(.close)
        console.line("")
        console.line("Stopped. Everything answered so far is kept; carry on with: proctor resume \(live.id)")
        return .stopped
    }
}

extension PlainText {
    /// The display letter of position `index`: `A`, `B`, ...
    static func letter(_ index: Int) -> String {
        String(UnicodeScalar(UInt8(65 + min(max(index, 0), 25))))
    }
}

extension String {
    /// Without leading and trailing whitespace.
    var trimmed: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
