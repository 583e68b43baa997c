import Synchronization
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
    func busyTimeout() throws {
        let folder = try StoreFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("proctor.sqlite").path
        let first = try ProgressStore(path: path)
        let second = try ProgressStore(path: path)
        let id = try first.startAttempt(form: StoreFixtures.form, kind: .exam, feedsSchedule: false, at: StoreFixtures.start)

        // The writer holds its transaction until released, or 10 s at most: if the read had to
        // wait for the writer, the writer would time out instead of being released. Plain threads,
        // not tasks: both sides block, and the cooperative pool has only as many threads as cores.
        let release = DispatchSemaphore(value: 0)
        let holding = DispatchSemaphore(value: 0)
        let outcomes = Mutex<(released: Bool?, recorded: Bool?)>((nil, nil))
        let done = DispatchGroup()
        DispatchQueue.global().async(group: done) {
            let released = try? first.write { _ in
                holding.signal()
                return release.wait(timeout: .now() + 10) == .success
            }
            outcomes.withLock { $0.released = released }
        }
        holding.wait()
        #expect(try second.history().count == 1)
        // A write started while the transaction is held waits for it (busy timeout) instead of failing.
        DispatchQueue.global().async(group: done) {
            let recorded = (try? second.record(.opened(at: StoreFixtures.start), attempt: id, at: StoreFixtures.start)) != nil
            outcomes.withLock { $0.recorded = recorded }
        }
        Thread.sleep(forTimeInterval: 0.2)
        release.signal()
        done.wait()
        #expect(outcomes.withLock { $0.released } == true, "the read waited for the writer's transaction")
        #expect(outcomes.withLock { $0.recorded } == true, "the second write failed instead of waiting")
        #expect(try first.attempt(id: id)?.events == [.opened(at: StoreFixtures.start)])
        try second.close()
        try first.close()
    }
}
