import ArgumentParser
import Foundation
import ProctorCore
import ProctorStore

/// `proctor history`: past attempts, newest first.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List past attempts: date, exam, score, pass or fail, time used."
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Print the attempts as JSON.")
    var json = false

    func run() throws {
        let attempts = try global.openStore().history()
        if json {
            try Output.json(attempts.map(HistoryEntry.init))
            return
        }
        guard !attempts.isEmpty else {
            Output.line("No attempts yet. Start one with: proctor take EXAM, or proctor practice BANK")
            return
        }
        let numberWidth = max(3, String(attempts.map(\.id).max() ?? 0).count)
        Output.line("#".leftPadded(numberWidth) + "  date              exam                      score    result  time used  status")
        for attempt in attempts {
            let exam = attempt.kind == .practice ? "practice \(attempt.bankID)" : attempt.examID
            let score = attempt.percent.map(PlainText.percent) ?? "-"
            let result: String = switch (attempt.kind, attempt.status, attempt.passed) {
            case (.exam, .finished, true?): "pass"
            case (.exam, .finished, false?): "fail"
            case (.exam, _, _), (.practice, _, _): "-"
            }
            var status = attempt.status.rawValue
            if attempt.status == .inProgress { status += " (\(attempt.answeredCount)/\(attempt.questionCount) answered)" }
            if attempt.submitReason == .timeout { status += " (time ran out)" }
            Output.line(String(attempt.id).leftPadded(numberWidth) + "  " + Self.date(attempt.startedAt) + "  "
                        + String(exam.prefix(25)).padding(25) + " " + score.padding(8) + " " + result.padding(7) + " "
                        + PlainText.clock(attempt.elapsedSeconds).padding(10) + " " + status)
        }
    }

    /// `2026-11-28 13:05` in local time.
    static func date(_ time: Timestamp) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: Date(timeIntervalSince1970: time.secondsSince1970))
    }
}
