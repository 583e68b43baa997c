import Foundation
import ProctorCore
@testable import ProctorStore

/// A small bank, form and clock for store tests.
enum StoreFixtures {
    static let bank = QuestionBank(
        id: "fixture", version: "1", title: "Fixture",
        domains: [Domain(id: "alpha", name: "Alpha", weight: 50), Domain(id: "beta", name: "Beta", weight: 50)],
        exams: [ExamProfile(id: "fixture-exam", name: "Fixture exam", questionCount: 3, minutes: 10,
                            scoring: .percent(pass: 50))],
        questions: [
            Question(id: "q1", domainID: "alpha", stem: RichText("One?"), kind: .single([
                Option(id: "a", text: "Apple"), Option(id: "b", text: "Banana", isCorrect: true),
            ])),
            Question(id: "q2", domainID: "beta", stem: RichText("Two?"), kind: .multiple([
                Option(id: "a", text: "Apple", isCorrect: true), Option(id: "b", text: "Banana"),
                Option(id: "c", text: "Cherry", isCorrect: true),
            ], select: 2)),
            Question(id: "q3", domainID: "beta", stem: RichText("Three?"), kind: .numeric(NumericKey(value: 12.5))),
        ]
    )

    static var form: ExamForm {
        ExamForm(examID: "fixture-exam", bankID: "fixture", bankVersion: "1", seed: 42, timeLimitSeconds: 600,
                 items: bank.questions.map { ExamForm.Item(unshuffled: $0) })
    }

    static let start = Timestamp(secondsSince1970: 1_780_000_000)

    static func at(_ seconds: Double) -> Timestamp { start.adding(seconds: seconds) }

    /// A fresh folder under the system's temporary folder, removed by the caller.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("proctor-store-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs `body` with a database path in a fresh folder, then removes the folder.
    static func withDatabasePath<T>(_ body: (String) throws -> T) throws -> T {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        return try body(folder.appendingPathComponent("nested/folder/proctor.sqlite").path)
    }

    /// Applies `actions` one second apart from `start + offset`, recording each action's events.
    @discardableResult
    static func play(_ actions: [SessionAction], on session: inout ExamSession, attempt: Int,
                     store: ProgressStore, from offset: Double = 0) throws -> Double {
        var clock = offset
        for action in actions {
            let events = session.apply(action, at: at(clock))
            try store.record(events, attempt: attempt, at: at(clock))
            clock += 1
        }
        return clock
    }

    /// Overwrites `bytes` at `offset` of the file at `path`.
    static func patch(_ path: String, at offset: UInt64, with bytes: [UInt8]) throws {
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seek(toOffset: offset)
        try handle.write(contentsOf: Data(bytes))
    }
}
