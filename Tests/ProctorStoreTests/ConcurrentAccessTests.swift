import Foundation
import ProctorCore
import Testing
@testable import ProctorStore

@Suite("Two connections on one database")
struct ConcurrentAccessTests {
    @Test("a second connection reads while the first records an exam")
    func readWhileWriting() async throws {
        let folder = try StoreFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("proctor.sqlite").path
        let writer = try ProgressStore(path: path)
        let reader = try ProgressStore(path: path)
        let id = try writer.startAttempt(form: StoreFixtures.form, kind: .exam, feedsSchedule: false, at: StoreFixtures.start)
        let ticks = 200

        async let written: Void = Task.detached {
            var session = ExamSession(form: StoreFixtures.form)
            let actions = [SessionAction.open] + Array(repeating: .tick, count: ticks)
            try StoreFixtures.play(actions, on: &session, attempt: id, store: writer)
        }.value
        var seen: [Int] = []
        for _ in 0..<50 {
            let attempt = try #require(try reader.attempt(id: id))
            seen.append(attempt.events.count)
            _ = try reader.history()
            try await Task.sleep(for: .milliseconds(2))
        }
        try await written

        #expect(seen == seen.sorted())
        let final = try #require(try reader.attempt(id: id))
        #expect(final.events.count == ticks + 1)
        #expect(final.session.elapsedSeconds == Double(ticks))
        #expect(try reader.integrityProblems().isEmpty)
        try reader.close()
        try writer.close()
    }

    @Test("while one connection holds a write transaction, another reads at once and its write waits")
    func busyTimeout() async throws {
        let folder = try StoreFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("proctor.sqlite").path
        let first = try ProgressStore(path: path)
        let second = try ProgressStore(path: path)
        let id = try first.startAttempt(form: StoreFixtures.form, kind: .exam, feedsSchedule: false, at: StoreFixtures.start)

        let holding = Task.detached {
            try first.write { _ in Thread.sleep(forTimeInterval: 0.5) }
        }
        try await Task.sleep(for: .milliseconds(100))
        let readStart = Date()
        #expect(try second.history().count == 1)
        #expect(Date().timeIntervalSince(readStart) < 0.4)
        // The write waits for the lock (busy timeout) instead of failing.
        try second.record(.opened(at: StoreFixtures.start), attempt: id, at: StoreFixtures.start)
        try await holding.value
        #expect(try first.attempt(id: id)?.events == [.opened(at: StoreFixtures.start)])
        try second.close()
        try first.close()
    }
}
