import ArgumentParser
import BankXML
import ProctorCore
import ProctorStore
import ProctorTerminal

/// `proctor` with no command on a terminal: the home screen, then the command for the choice made
/// (run as if typed, with the same global options), then home again until the person quits.
struct HomeLauncher {
    let global: GlobalOptions
    var clock: any ExamClock = SystemClock()

    func run() throws {
        var selection = 0
        while true {
            var driver = HomeScreenDriver(state: try state(), selection: selection)
            let choice: HomeChoice
            do {
                choice = try FullScreen.run(noColorFlag: global.noColor) { try driver.run(on: $0) }
            } catch let interruption as TerminalInterruption {
                throw ExitCode(interruption.exitCode)
            }
            selection = driver.selection
            switch choice {
            case .quit:
                return
            case .takeExam(let examID):
                try TakeCommand.parse([examID] + globalArguments).run()
            case .resume(let attempt):
                try ResumeCommand.parse([String(attempt)] + globalArguments).run()
            case .review(let bankID):
                try ReviewCommand.parse((bankID.map { [$0] } ?? []) + globalArguments).run()
            case .drillWeak(let bankID):
                try DrillCommand.parse([bankID, "--weak"] + globalArguments).run()
            case .practice(let bankID):
                try PracticeCommand.parse([bankID] + globalArguments).run()
            }
        }
    }

    /// The options this run was given, to pass on to the command chosen.
    private var globalArguments: [String] {
        global.bankFolders.flatMap { ["--banks", $0] } + (global.database.map { ["--db", $0] } ?? [])
            + (global.noColor ? ["--no-color"] : [])
    }

    /// What home offers now: unfinished exams, reviews due, weakest topics, exams and banks.
    func state() throws -> HomeState {
        let catalog = global.catalog()
        let store = try global.openStore()
        let now = clock.now()
        let banks = Dictionary(catalog.banks.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var state = HomeState()
        for attempt in try store.unfinishedAttempts() where attempt.kind == .exam {
            let name = banks[attempt.bankID]?.exam(id: attempt.examID)?.name ?? attempt.examID
            let left = attempt.timeLimitSeconds > 0 ? max(0, Double(attempt.timeLimitSeconds) - attempt.elapsedSeconds) : nil
            state.unfinished.append(HomeState.Unfinished(attempt: attempt.id, examName: name,
                                                         answered: attempt.answeredCount, total: attempt.questionCount,
                                                         remainingSeconds: left))
        }
        for bankID in try store.bankIDsWithCards() {
            guard let bank = banks[bankID] else { continue }
            let due = try store.dueStudyCards(bank: bankID, at: now).count
            if due > 0 { state.reviews.append(HomeState.Reviews(bankID: bankID, due: due, new: 0)) }
            let cards = try store.studyCards(bank: bankID)
            let mastery = try DrillCommand.mastery(of: bank, store: store, cards: cards, at: now)
            for topic in WeakTopics.rank(mastery.bank).prefix(3) where topic.mastery.hasEvidence {
                state.weakTopics.append(HomeState.WeakTopic(bankID: bankID, name: topic.name,
                                                            masteryPercent: topic.mastery.value * 100))
            }
        }
        for bank in catalog.banks {
            for exam in bank.exams {
                state.exams.append(HomeState.Exam(id: exam.id, name: exam.name, bankID: bank.id,
                                                  questionCount: exam.questionCount, minutes: exam.minutes))
            }
            state.banks.append(HomeState.Bank(id: bank.id, title: bank.title, questionCount: bank.questions.count))
        }
        return state
    }
}
