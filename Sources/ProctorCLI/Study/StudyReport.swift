import ProctorCore
import ProctorStore
import ProctorTerminal

/// What `proctor stats` shows for one bank, gathered from the store at one moment.
struct BankStudyReport {
    var bank: QuestionBank
    var mastery: BankMastery
    var cards: [StudyCard]
    /// Questions of the bank without a card.
    var newQuestions: Int
    /// Cards due on each of the next 14 study days (today includes overdue cards).
    var due: [Int]
    /// Answers on each of the last 30 study days, oldest first.
    var daily: [DayTally]
    /// Finished exams of the bank, oldest first.
    var exams: [AttemptSummary]
}

/// Everything `proctor stats` shows.
struct StudyReport {
    static let forecastDays = 14
    static let accuracyDays = 30
    /// Exams in the score sparkline: as many as leave the line's figures room in `lineWidth`.
    static let examSparkCount = 15

    var generatedAt: Timestamp
    var calendar: StudyCalendar
    var today: Int
    var streak: Streak
    var banks: [BankStudyReport]

    /// The report for `banks` (the streak counts reviews of those banks only when `bank` names one).
    init(banks: [QuestionBank], bank: String?, store: ProgressStore, at now: Timestamp, calendar: StudyCalendar) throws {
        generatedAt = now
        self.calendar = calendar
        today = calendar.day(of: now)
        streak = StudyStats.streak(reviewDays: Set(try store.reviewCountsByDay(bank: bank, calendar: calendar).keys), today: today)
        let history = try store.history()
        var reports: [BankStudyReport] = []
        for bank in banks {
            let cards = try store.studyCards(bank: bank.id)
            let answers = try store.answerRecord(bank: bank.id)
            let states = Dictionary(cards.map { ($0.questionID, $0.state) }, uniquingKeysWith: { first, _ in first })
            let mastery = BankMastery(bank: bank, answers: AnswerTally.byQuestion(answers), cards: states, at: now)
            let withCards = Set(cards.map(\.questionID))
            let exams = history.filter { $0.bankID == bank.id && $0.kind == .exam && $0.status == .finished && $0.percent != nil }
                .sorted { ($0.finishedAt ?? $0.startedAt, $0.id) < ($1.finishedAt ?? $1.startedAt, $1.id) }
            reports.append(BankStudyReport(
                bank: bank, mastery: mastery, cards: cards,
                newQuestions: Set(bank.questions.map(\.id)).subtracting(withCards).count,
                due: StudyStats.dueForecast(cards.filter { !$0.isSuspended }.map(\.state), calendar: calendar, today: today,
                                            days: Self.forecastDays),
                daily: StudyStats.dailyAnswers(answers, calendar: calendar, today: today, days: Self.accuracyDays),
                exams: exams
            ))
        }
        self.banks = reports
    }

    // MARK: - Text

    /// The report fits a terminal this wide.
    static let lineWidth = 80
    /// Labels of the forecast, accuracy and exam lines, with their indent.
    static let nameWidth = 26
    /// Bars of the due forecast.
    static let barWidth = 20
    /// Bars of the mastery table: narrower, to leave long topic names their room.
    static let masteryBarWidth = 12
    /// The mastery table's figures: percent (7), answers (8), cards (7).
    static let masteryFiguresWidth = 22
    /// Mastery names with their indent: the rest of the line.
    static var masteryNameWidth: Int { lineWidth - masteryBarWidth - masteryFiguresWidth }

    /// The report as terminal text: bar charts for mastery and the due forecast, sparklines for
    /// accuracy and exam scores.
    var lines: [String] {
        var streakText = "streak \(streak.current) day\(streak.current == 1 ? "" : "s") (longest \(streak.longest))"
        streakText += streak.reviewedToday ? ", reviewed today" : ", no review yet today"
        var lines = ["Study statistics · \(StudyDates.label(ofDay: today)) · \(streakText)"]
        for report in banks {
            lines.append("")
            lines += Self.lines(for: report, today: today)
        }
        return lines
    }

    private static func lines(for report: BankStudyReport, today: Int) -> [String] {
        var lines = [TextWrap.truncate("\(report.bank.id) · \(report.bank.title)", width: lineWidth)]
        let phases = Dictionary(grouping: report.cards, by: \.state.phase).mapValues(\.count)
        let leeches = report.cards.count(where: \.isSuspended)
        lines += TextWrap.wrap("Cards: \(report.cards.count) (\(phases[.learning] ?? 0) learning, \(phases[.review] ?? 0) review, "
                               + "\(phases[.relearning] ?? 0) relearning); \(leeches) leech\(leeches == 1 ? "" : "es") set aside",
                               width: lineWidth, indent: "  ", hangingIndent: "    ")
        lines.append("  Not yet studied: \(report.newQuestions) question\(report.newQuestions == 1 ? "" : "s")")
        lines.append("")
        lines.append(TextWrap.pad("  Mastery", to: masteryNameWidth + masteryBarWidth + 7) + "answers".leftPadded(8)
                     + "cards".leftPadded(7))
        for domain in report.mastery.domains {
            lines.append(masteryLine(domain.name, domain.mastery, indent: "  "))
            if domain.topics.count > 1 || domain.topics.first?.topicID != nil {
                for topic in domain.topics { lines.append(masteryLine(topic.name, topic.mastery, indent: "    ")) }
            }
        }
        lines.append(masteryLine("Overall", report.mastery.overall, indent: "  "))

        lines.append("")
        let total = report.due.reduce(0, +)
        lines.append("  Due in the next \(report.due.count) days: \(total)")
        let most = max(1, report.due.max() ?? 1)
        for (offset, count) in report.due.enumerated() {
            let label = StudyDates.label(ofDay: today + offset) + (offset == 0 ? " today" : "      ")
            lines.append("    \(label)  \(StudyStats.bar(Double(count) / Double(most), width: barWidth)) \(count)")
        }

        lines.append("")
        let answered = report.daily.reduce(0) { $0 + $1.tally.answered }
        let correct = report.daily.reduce(0) { $0 + $1.tally.correct }
        let spark = StudyStats.sparkline(report.daily.map(\.accuracy), range: 0...1)
        var accuracy = "  " + "Accuracy, last \(report.daily.count) days".padding(nameWidth) + spark
        accuracy += answered == 0 ? "  no answers" : "  \(PlainText.percent(Double(correct) * 100 / Double(answered))) of \(answered) answers"
        lines.append(accuracy)
        let recent = report.exams.suffix(Self.examSparkCount)
        var scores = "  " + "Exam scores".padding(nameWidth)
        if let last = recent.last, let percent = last.percent {
            scores += StudyStats.sparkline(recent.map(\.percent), range: 0...100)
            let best = report.exams.compactMap(\.percent).max() ?? percent
            let verdict = last.passed.map { $0 ? " pass" : " fail" } ?? ""
            scores += "  last \(PlainText.percent(percent))\(verdict), best \(PlainText.percent(best)), "
                + "\(report.exams.count) exam\(report.exams.count == 1 ? "" : "s")"
        } else {
            scores += "no finished exams"
        }
        lines.append(scores)
        return lines
    }

    /// One row of the mastery table, `lineWidth` columns wide whatever the name: the name cut by
    /// display width (an ellipsis marks the cut, wide characters count two), then the bar and figures.
    private static func masteryLine(_ name: String, _ mastery: Mastery, indent: String) -> String {
        let width = masteryNameWidth - DisplayWidth.of(indent)
        let label = TextWrap.pad(TextWrap.truncate(name, width: width - 1), to: width)
        guard mastery.hasEvidence else {
            return indent + label + String(repeating: " ", count: masteryBarWidth) + "-".leftPadded(7)
                + "0".leftPadded(8) + "0".leftPadded(7)
        }
        return indent + label + StudyStats.bar(mastery.value, width: masteryBarWidth)
            + PlainText.percent(mastery.value * 100).leftPadded(7)
            + String(mastery.tally.answered).leftPadded(8) + String(mastery.reviewedCards).leftPadded(7)
    }
}

// MARK: - JSON

extension StudyReport: Encodable {
    private enum Keys: String, CodingKey {
        case generated, today, streak, banks
    }

    private struct StreakJSON: Encodable {
        var current: Int
        var longest: Int
        var reviewedToday: Bool
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(ISO8601Timestamp.format(generatedAt), forKey: .generated)
        try container.encode(StudyDates.date(ofDay: today), forKey: .today)
        try container.encode(StreakJSON(current: streak.current, longest: streak.longest, reviewedToday: streak.reviewedToday),
                             forKey: .streak)
        try container.encode(banks.map { BankJSON($0, today: today) }, forKey: .banks)
    }

    /// One bank in `stats --json`.
    private struct BankJSON: Encodable {
        struct Cards: Encodable {
            var total: Int
            var learning: Int
            var review: Int
            var relearning: Int
            var leeches: Int
            var notStudied: Int
        }
        struct Day: Encodable {
            var date: String
            var count: Int
        }
        struct Answers: Encodable {
            var date: String
            var answered: Int
            var correct: Int
        }
        struct Exam: Encodable {
            var attempt: Int
            var exam: String
            var finished: String?
            var percent: Double?
            var scaledScore: Int?
            var passed: Bool?
        }
        var bank: String
        var title: String
        var cards: Cards
        var mastery: MasteryJSON
        var domains: [DomainJSON]
        var due: [Day]
        var accuracy: [Answers]
        var exams: [Exam]

        init(_ report: BankStudyReport, today: Int) {
            bank = report.bank.id
            title = report.bank.title
            let phases = Dictionary(grouping: report.cards, by: \.state.phase).mapValues(\.count)
            cards = Cards(total: report.cards.count, learning: phases[.learning] ?? 0, review: phases[.review] ?? 0,
                          relearning: phases[.relearning] ?? 0, leeches: report.cards.count(where: \.isSuspended),
                          notStudied: report.newQuestions)
            mastery = MasteryJSON(report.mastery.overall)
            domains = report.mastery.domains.map(DomainJSON.init)
            due = report.due.enumerated().map { Day(date: StudyDates.date(ofDay: today + $0.offset), count: $0.element) }
            accuracy = report.daily.map { Answers(date: StudyDates.date(ofDay: $0.day), answered: $0.tally.answered,
                                                  correct: $0.tally.correct) }
            exams = report.exams.map { summary in
                Exam(attempt: summary.id, exam: summary.examID, finished: summary.finishedAt.map(ISO8601Timestamp.format),
                     percent: summary.percent, scaledScore: summary.scaledScore, passed: summary.passed)
            }
        }
    }

    /// A mastery figure and its evidence.
    private struct MasteryJSON: Encodable {
        var value: Double
        var hasEvidence: Bool
        var accuracy: Double
        var recall: Double?
        var questions: Int
        var answered: Int
        var correct: Int
        var reviewedCards: Int

        init(_ mastery: Mastery) {
            value = mastery.value
            hasEvidence = mastery.hasEvidence
            accuracy = mastery.accuracy
            recall = mastery.recall
            questions = mastery.questions
            answered = mastery.tally.answered
            correct = mastery.tally.correct
            reviewedCards = mastery.reviewedCards
        }
    }

    private struct DomainJSON: Encodable {
        var domainID: String
        var name: String
        var weight: Double
        var mastery: MasteryJSON
        var topics: [TopicJSON]

        init(_ domain: DomainMastery) {
            domainID = domain.domainID
            name = domain.name
            weight = domain.weight
            mastery = MasteryJSON(domain.mastery)
            topics = domain.topics.map(TopicJSON.init)
        }
    }

    private struct TopicJSON: Encodable {
        var topicID: String?
        var name: String
        var examWeight: Double
        var priority: Double
        var mastery: MasteryJSON

        init(_ topic: TopicMastery) {
            topicID = topic.topicID
            name = topic.name
            examWeight = topic.examWeight
            priority = topic.priority
            mastery = MasteryJSON(topic.mastery)
        }
    }
}
