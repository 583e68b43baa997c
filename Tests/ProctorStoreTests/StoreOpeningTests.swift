import Foundation
import ProctorCore
import Testing
@testable import ProctorStore

@Suite("Opening the progress database")
struct StoreOpeningTests {
    @Test("a new database is created with its folders, migrated to the current version, and sound")
    func createsAndMigrates() throws {
        try StoreFixtures.withDatabasePath { path in
            let store = try ProgressStore(path: path)
            #expect(FileManager.default.fileExists(atPath: path))
            #expect(try store.schemaVersion() == StoreSchema.currentVersion)
            #expect(try store.integrityProblems().isEmpty)
            // Every commit waits for the disk (GRDB's WAL set-up would leave it at NORMAL).
            #expect(try store.writerSynchronousMode() == 2)
            try store.close()
            // Opening again applies nothing new and keeps the data.
            let again = try ProgressStore(path: path)
            #expect(try again.schemaVersion() == StoreSchema.currentVersion)
            try again.close()
        }
    }

    @Test("an in-memory store has the same schema")
    func inMemory() throws {
        let store = try ProgressStore.inMemory()
        #expect(try store.schemaVersion() == StoreSchema.currentVersion)
        #expect(try store.integrityProblems().isEmpty)
        #expect(try store.history().isEmpty)
    }

    @Test("an empty file becomes a new database")
    func emptyFile() throws {
        try StoreFixtures.withDatabasePath { path in
            try FileManager.default.createDirectory(
                atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path, withIntermediateDirectories: true)
            #expect(FileManager.default.createFile(atPath: path, contents: Data()))
            let store = try ProgressStore(path: path)
            #expect(try store.schemaVersion() == StoreSchema.currentVersion)
            try store.close()
        }
    }

    @Test("a file that is not SQLite is refused by name and left untouched")
    func notADatabase() throws {
        try StoreFixtures.withDatabasePath { path in
            try FileManager.default.createDirectory(
                atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path, withIntermediateDirectories: true)
            let text = Data("These are my notes, not a database.\n".utf8)
            #expect(FileManager.default.createFile(atPath: path, contents: text))
            #expect(throws: StoreError.notADatabase(path: path)) { try ProgressStore(path: path) }
            #expect(FileManager.default.contents(atPath: path) == text)
            #expect(StoreError.notADatabase(path: path).description.contains(path))
        }
    }

    @Test("another program's SQLite database is refused by name and left untouched",
          arguments: [UInt32(0), UInt32(0x1234_5678)])
    func foreignDatabase(applicationID: UInt32) throws {
        try StoreFixtures.withDatabasePath { path in
            try makeDatabase(at: path)
            // Offset 68 of the header holds the application id, big-endian.
            try StoreFixtures.patch(path, at: 68, with: bigEndian(applicationID))
            let before = FileManager.default.contents(atPath: path)
            #expect(throws: StoreError.foreignDatabase(path: path)) { try ProgressStore(path: path) }
            #expect(FileManager.default.contents(atPath: path) == before)
        }
    }

    @Test("a database from a newer Proctor is refused")
    func newerSchema() throws {
        try StoreFixtures.withDatabasePath { path in
            try makeDatabase(at: path)
            // Offset 60 holds the user version.
            try StoreFixtures.patch(path, at: 60, with: bigEndian(99))
            let before = FileManager.default.contents(atPath: path)
            #expect(throws: StoreError.newerSchema(path: path)) { try ProgressStore(path: path) }
            #expect(FileManager.default.contents(atPath: path) == before)
        }
    }

    @Test("a damaged database is refused by name and left untouched")
    func damaged() throws {
        try StoreFixtures.withDatabasePath { path in
            try makeDatabase(at: path, attempts: 20)
            let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
            #expect(size > 8192)
            // Scribble over the second page onwards, keeping the header page intact.
            try StoreFixtures.patch(path, at: 4096, with: Array(repeating: 0xA5, count: size - 4096))
            let before = FileManager.default.contents(atPath: path)
            var caught: StoreError?
            do {
                _ = try ProgressStore(path: path)
            } catch let error as StoreError {
                caught = error
            }
            guard case .damaged(let named, _) = caught else {
                Issue.record("expected a damaged-database error, got \(String(describing: caught))")
                return
            }
            #expect(named == path)
            #expect(caught?.description.contains(path) == true)
            #expect(FileManager.default.contents(atPath: path) == before)
        }
    }

    @Test("a folder where the database should be is refused")
    func folder() throws {
        try StoreFixtures.withDatabasePath { path in
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            #expect(throws: StoreError.self) { try ProgressStore(path: path) }
        }
    }

    /// A Proctor database at `path` with some finished attempts in it, closed.
    private func makeDatabase(at path: String, attempts: Int = 1) throws {
        let store = try ProgressStore(path: path)
        for _ in 0..<attempts {
            let id = try store.startAttempt(form: StoreFixtures.form, kind: .exam, feedsSchedule: false,
                                            at: StoreFixtures.start)
            var session = ExamSession(form: StoreFixtures.form)
            try StoreFixtures.play([.open, .answer(.options(["b"])), .next, .answer(.number(12.5))],
                                   on: &session, attempt: id, store: store)
        }
        try store.close()
    }

    private func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }
}
