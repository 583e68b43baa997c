import ProctorCore
import ProctorTerminal

/// A small bank with one question of every kind, a case with an exhibit, and text in Japanese and
/// with combining accents, for rendering and driver tests.
enum Fixtures {
    static let start = Timestamp(secondsSince1970: 1_767_225_600)

    static let bank = QuestionBank(
        id: "demo", version: "2026.1", title: "Demo Project Management",
        domains: [
            Domain(id: "people", name: "People", weight: 42, topics: [Topic(id: "conflict", name: "Conflict")]),
            Domain(id: "process", name: "Process", weight: 50, topics: [Topic(id: "evm", name: "Earned value")]),
            Domain(id: "business", name: "Business Environment", weight: 8),
        ],
        exams: [
            ExamProfile(id: "demo-exam", name: "Demo PM Exam", questionCount: 8, minutes: 60,
                        breaks: [ExamBreak(after: 4, minutes: 10)],
                        scoring: .bands([ScoreBand(name: "Above Target", minimumPercent: 75),
                                         ScoreBand(name: "Target", minimumPercent: 60),
                                         ScoreBand(name: "Below Target", minimumPercent: 40),
                                         ScoreBand(name: "Needs Improvement", minimumPercent: 0)], pass: 60)),
        ],
        questions: questions,
        cases: [
            CaseSet(id: "case-1", domainID: "process", topicID: "evm", scenario: RichText(blocks: [
                .paragraph("A project to build a warehouse has a budget at completion of 100,000 USD. At the end of month four the team reports the figures below."),
                .exhibit(title: "Status at month 4", text: "Planned value   50,000\nEarned value    40,000\nActual cost     50,000"),
            ]), questionIDs: ["q7"]),
        ]
    )

    static let questions: [Question] = [
        Question(
            id: "q1", domainID: "people", topicID: "conflict", difficulty: 2,
            stem: RichText("Two senior developers disagree about the architecture and the disagreement is delaying the sprint. As the project manager, what should you do first?"),
            kind: .single([
                Option(id: "q1-a", text: "Escalate the matter to the sponsor."),
                Option(id: "q1-b", text: "Meet both developers together to understand each position and find common ground.", isCorrect: true),
                Option(id: "q1-c", text: "Choose the architecture yourself to end the delay."),
                Option(id: "q1-d", text: "Ask the team to vote."),
            ]),
            explanation: RichText("Collaborating (problem solving) addresses the cause and keeps both people engaged; escalating or forcing comes later, if at all."),
            feedback: ["q1-a": RichText("Escalation takes the decision away from the team before they have tried to resolve it.")],
            references: ["PMBOK Guide, 7th ed., Team performance domain"]
        ),
        Question(
            id: "q2", domainID: "process", topicID: "evm",
            stem: RichText("Which two of these are inputs to earned value analysis?"),
            kind: .multiple([
                Option(id: "q2-a", text: "Planned value", isCorrect: true),
                Option(id: "q2-b", text: "Actual cost", isCorrect: true),
                Option(id: "q2-c", text: "Team velocity"),
                Option(id: "q2-d", text: "Stakeholder register"),
                Option(id: "q2-e", text: "Risk appetite"),
            ], select: 2),
            explanation: RichText("EVM compares planned value, earned value and actual cost.")
        ),
        Question(
            id: "q3", domainID: "business",
            stem: RichText("A project charter formally authorizes the existence of a project."),
            kind: .trueFalse([Option(id: "q3-t", text: "True", isCorrect: true), Option(id: "q3-f", text: "False")])
        ),
        Question(
            id: "q4", domainID: "process", topicID: "evm",
            stem: RichText("Earned value is 40,000 USD and actual cost is 50,000 USD. What is the cost performance index?"),
            kind: .numeric(NumericKey(value: 0.8, tolerance: 0.01)),
            explanation: RichText("CPI = EV / AC = 40,000 / 50,000 = 0.8.")
        ),
        Question(
            id: "q5", domainID: "process",
            stem: RichText("Put these risk management steps in order, first to last."),
            kind: .ordering([
                OrderItem(id: "q5-1", text: "Identify risks"),
                OrderItem(id: "q5-2", text: "Perform qualitative analysis"),
                OrderItem(id: "q5-3", text: "Plan risk responses"),
                OrderItem(id: "q5-4", text: "Monitor risks"),
            ])
        ),
        Question(
            id: "q6", domainID: "people",
            stem: RichText("Match each conflict resolution technique with its description."),
            kind: .matching([
                MatchPair(id: "q6-1", left: "Smoothing", right: "Emphasizing areas of agreement"),
                MatchPair(id: "q6-2", left: "Forcing", right: "Pushing one view at the expense of others"),
                MatchPair(id: "q6-3", left: "Compromising", right: "Finding a solution that partly satisfies everyone"),
            ])
        ),
        Question(
            id: "q7", domainID: "process", topicID: "evm", caseID: "case-1",
            stem: RichText("What is the schedule variance?"),
            kind: .numeric(NumericKey(value: -10_000, unit: "USD"))
        ),
        Question(
            id: "q8", domainID: "people",
            stem: RichText("次のうち、スクラムマスターの主な責任はどれですか。チームが自己管理できるよう支援し、障害を取り除くことを考えてください。Le café de l’équipe est fermé."),
            kind: .single([
                Option(id: "q8-a", text: "プロダクトバックログの優先順位を決める"),
                Option(id: "q8-b", text: "チームの障害を取り除き、スクラムの理解を促す", isCorrect: true),
                Option(id: "q8-c", text: "Café crème: réunion quotidienne obligatoire"),
            ])
        ),
    ]

    /// The eight questions unshuffled, except ordering and matching shown in a fixed mixed order.
    static let form: ExamForm = {
        var items = questions.map { ExamForm.Item(unshuffled: $0) }
        items[4].orderItemOrder = ["q5-3", "q5-1", "q5-4", "q5-2"]
        items[5].leftOrder = ["q6-2", "q6-1", "q6-3"]
        items[5].rightOrder = ["q6-3", "q6-2", "q6-1"]
        items[0].optionOrder = ["q1-c", "q1-a", "q1-b", "q1-d"]
        return ExamForm(examID: "demo-exam", bankID: "demo", bankVersion: "2026.1", seed: 7, timeLimitSeconds: 3600,
                        breaks: [ExamForm.Break(after: 4, limitSeconds: 600)], items: items)
    }()

    static let content = ExamContent(bank: bank, examName: "Demo PM Exam")

    /// A session opened at `start`, then `actions` each one second after the last.
    static func session(_ actions: [SessionAction], elapsed: Double = 0) -> ExamSession {
        var session = ExamSession(form: form)
        var time = start
        _ = session.apply(.open, at: time)
        for action in actions {
            time = time.adding(seconds: 1)
            _ = session.apply(action, at: time)
        }
        if elapsed > 0 { _ = session.apply(.tick, at: time.adding(seconds: elapsed)) }
        return session
    }

    /// The practice item for question `index` of the form.
    static func practiceItem(_ index: Int) -> PracticeItem {
        let item = form.items[index]
        let scenario = content.scenarios[item.questionID]
        return PracticeItem(question: questions[index], item: item, scenario: scenario)
    }
}
