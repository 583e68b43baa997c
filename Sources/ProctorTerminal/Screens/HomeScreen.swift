/// What the home screen offers, gathered by the caller from the banks and the store.
public struct HomeState: Sendable, Hashable {
    /// An exam that can be taken.
    public struct Exam: Sendable, Hashable {
        public var id: String
        public var name: String
        public var bankID: String
        public var questionCount: Int
        /// `0` when untimed.
        public var minutes: Int

        public init(id: String, name: String, bankID: String, questionCount: Int, minutes: Int) {
            self.id = id
            self.name = name
            self.bankID = bankID
            self.questionCount = questionCount
            self.minutes = minutes
        }
    }

    /// An exam attempt that was started and not submitted.
    public struct Unfinished: Sendable, Hashable {
        /// The attempt number, as `history` prints it.
        public var attempt: Int
        public var examName: String
        public var answered: Int
        public var total: Int
        /// `nil` when untimed.
        public var remainingSeconds: Double?

        public init(attempt: Int, examName: String, answered: Int, total: Int, remainingSeconds: Double?) {
            self.attempt = attempt
            self.examName = examName
            self.answered = answered
            self.total = total
            self.remainingSeconds = remainingSeconds
        }
    }

    /// Review questions waiting in one bank.
    public struct Reviews: Sendable, Hashable {
        public var bankID: String
        public var due: Int
        /// New questions that today's limit still lets in.
        public var new: Int

        public init(bankID: String, due: Int, new: Int) {
            self.bankID = bankID
            self.due = due
            self.new = new
        }
    }

    /// A topic where the learner is weakest.
    public struct WeakTopic: Sendable, Hashable {
        public var bankID: String
        public var name: String
        /// Mastery 0...100, when known.
        public var masteryPercent: Double?

        public init(bankID: String, name: String, masteryPercent: Double?) {
            self.bankID = bankID
            self.name = name
            self.masteryPercent = masteryPercent
        }
    }

    /// A bank to practise from.
    public struct Bank: Sendable, Hashable {
        public var id: String
        public var title: String
        public var questionCount: Int

        public init(id: String, title: String, questionCount: Int) {
            self.id = id
            self.title = title
            self.questionCount = questionCount
        }
    }

    public var unfinished: [Unfinished]
    public var reviews: [Reviews]
    /// Weakest first; several per bank are grouped into one line.
    public var weakTopics: [WeakTopic]
    public var exams: [Exam]
    public var banks: [Bank]

    public init(unfinished: [Unfinished] = [], reviews: [Reviews] = [], weakTopics: [WeakTopic] = [],
                exams: [Exam] = [], banks: [Bank] = []) {
        self.unfinished = unfinished
        self.reviews = reviews
        self.weakTopics = weakTopics
        self.exams = exams
        self.banks = banks
    }
}

/// What the person chose on the home screen.
public enum HomeChoice: Sendable, Hashable {
    case takeExam(examID: String)
    case resume(attempt: Int)
    /// The review queue of one bank, or of every bank (`nil`).
    case review(bankID: String?)
    case drillWeak(bankID: String)
    case practice(bankID: String)
    case quit
}

/// The home screen: an unfinished attempt to resume, reviews due, weakest topics, exams to take,
/// banks to practise; one list, a row selected, Enter chooses.
public enum HomeScreen {
    /// One row of the home list, under its section heading.
    public struct Entry: Sendable, Hashable {
        public var section: String
        public var label: String
        public var choice: HomeChoice
    }

    /// The rows in the order they are shown.
    public static func entries(_ state: HomeState) -> [Entry] {
        var entries: [Entry] = []
        for attempt in state.unfinished {
            var label = "Resume attempt \(attempt.attempt) · \(attempt.examName) · \(attempt.answered) of \(attempt.total) answered"
            if let left = attempt.remainingSeconds { label += " · \(ClockText.format(left)) left" }
            entries.append(Entry(section: "Carry on", label: label, choice: .resume(attempt: attempt.attempt)))
        }
        let waiting = state.reviews.filter { $0.due + $0.new > 0 }
        if waiting.count > 1 {
            let due = waiting.reduce(0) { $0 + $1.due }
            let new = waiting.reduce(0) { $0 + $1.new }
            entries.append(Entry(section: "Reviews", label: "Review all banks · \(due) due" + (new > 0 ? ", \(new) new" : ""),
                                 choice: .review(bankID: nil)))
        }
        for reviews in waiting {
            let new = reviews.new > 0 ? ", \(reviews.new) new" : ""
            entries.append(Entry(section: "Reviews", label: "Review \(reviews.bankID) · \(reviews.due) due" + new,
                                 choice: .review(bankID: reviews.bankID)))
        }
        var weakBanks: [String] = []
        for topic in state.weakTopics where !weakBanks.contains(topic.bankID) { weakBanks.append(topic.bankID) }
        for bankID in weakBanks {
            let topics = state.weakTopics.filter { $0.bankID == bankID }.prefix(3).map { topic in
                topic.masteryPercent.map { "\(topic.name) \(Int($0.rounded()))%" } ?? topic.name
            }
            entries.append(Entry(section: "Weakest topics", label: "Drill \(bankID): " + topics.joined(separator: ", "),
                                 choice: .drillWeak(bankID: bankID)))
        }
        for exam in state.exams {
            let time = exam.minutes > 0 ? "\(exam.minutes) min" : "untimed"
            entries.append(Entry(section: "Take an exam",
                                 label: "\(exam.name) [\(exam.id)] · \(exam.questionCount) questions · \(time)",
                                 choice: .takeExam(examID: exam.id)))
        }
        for bank in state.banks {
            entries.append(Entry(section: "Practice", label: "\(bank.title) [\(bank.id)] · \(bank.questionCount) questions",
                                 choice: .practice(bankID: bank.id)))
        }
        return entries
    }

    /// Home with the row `selection` (an index into `entries(state)`) highlighted and in view.
    public static func render(state: HomeState, selection: Int, size: TerminalSize, theme: Theme) -> Frame {
        let entries = entries(state)
        let width = ScreenLayout.contentWidth(size)
        var lines: [StyledLine] = []
        var selectedLine = 0
        var section = ""
        for (index, entry) in entries.enumerated() {
            if entry.section != section {
                if !lines.isEmpty { lines.append(StyledLine()) }
                lines.append(StyledLine(entry.section, style: theme.heading))
                section = entry.section
            }
            let isSelected = index == selection
            if isSelected { selectedLine = lines.count }
            let text = (isSelected ? "› " : "  ") + TextWrap.truncate(entry.label, width: width - 2)
            lines.append(StyledLine(isSelected ? TextWrap.pad(text, to: width) : text,
                                    style: isSelected ? theme.selected : .plain))
        }
        if entries.isEmpty {
            lines = [
                StyledLine("No banks are installed.", style: theme.heading), StyledLine(),
                StyledLine("Write one with:  proctor new my-bank"),
                StyledLine("or point Proctor at a folder of banks with --banks DIR."),
            ]
        }
        let height = ScreenLayout.bodyHeight(size)
        let offset = max(0, selectedLine - (height - 2))
        let scrolled = ScreenLayout.scrolled(lines, offset: offset, height: height)
        var status = StyledLine("Certification practice exams and spaced-repetition review.", style: theme.muted)
        if !scrolled.more.listHint.isEmpty {
            status = StyledLine(scrolled.more.listHint, style: theme.muted)
        }
        return ScreenLayout.frame(
            size: size, theme: theme, title: "Proctor", body: scrolled.lines, status: status,
            footer: [KeyHint("↑/↓", "select"), KeyHint("Enter", "open"), KeyHint("r", "reviews"),
                     KeyHint("d", "drill weakest"), KeyHint("q", "quit")]
        )
    }
}

/// Shown instead of any screen while the window is smaller than the minimum.
public enum TooSmallScreen {
    /// The message, centred, asking for a window of at least `minimum`.
    public static func render(size: TerminalSize, minimum: TerminalSize = .minimum, theme: Theme) -> Frame {
        let width = max(1, size.columns)
        let message = [
            "The window is \(size.columns)×\(size.rows).",
            "Proctor needs at least \(minimum.columns)×\(minimum.rows).",
            "Make the window larger, or press q to quit.",
        ]
        var lines: [StyledLine] = []
        for text in message {
            for line in TextWrap.wrap(text, width: width) {
                let pad = max(0, (width - DisplayWidth.of(line)) / 2)
                lines.append(StyledLine(String(repeating: " ", count: pad) + line, style: theme.warning))
            }
        }
        let top = max(0, (size.rows - lines.count) / 2)
        return Frame(size: size, lines: Array(repeating: StyledLine(), count: top) + lines)
    }
}
