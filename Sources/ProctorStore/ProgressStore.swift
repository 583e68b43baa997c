import Foundation
import GRDB

/// The learner's progress in SQLite: attempts with every event as it happens, review cards and the
/// review log.
///
/// Every write is its own transaction, committed with `synchronous = FULL` in WAL mode: once a
/// method returns, what it wrote survives a killed process or a power cut, and a second `proctor`
/// process can read at the same time (writers wait up to five seconds for each other).
public struct ProgressStore: Sendable {
    /// Where the database lives (`:memory:` for an in-memory store).
    public let path: String
    let writer: any DatabaseWriter

    /// How long a connection waits for another process's lock before giving up.
    public static let busyTimeoutSeconds: Double = 5

    /// Opens the database at `path`, creating it (and its folders) when there is none.
    ///
    /// A file that is not an SQLite database, is another program's database, is damaged, or comes
    /// from a newer Proctor is refused with an error naming it, and is never written to.
    public init(path: String) throws(StoreError) {
        self.path = path
        let existing = try Self.checkExistingFile(at: path)
        if !existing {
            try Self.createParentFolder(of: path)
        }
        do {
            let pool = try DatabasePool(path: path, configuration: Self.configuration())
            writer = pool
            // GRDB sets `synchronous = NORMAL` on the writer when it turns WAL on, after
            // `prepareDatabase`; the writer connection lives as long as the pool, so set it back here.
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            try StoreSchema.migrator.migrate(pool)
        } catch {
            throw StoreError(error, path: path)
        }
    }

    /// A fresh store in memory, for tests.
    public static func inMemory() throws(StoreError) -> ProgressStore {
        do {
            let queue = try DatabaseQueue(configuration: configuration())
            try StoreSchema.migrator.migrate(queue)
            return ProgressStore(path: ":memory:", writer: queue)
        } catch {
            throw StoreError(error, path: ":memory:")
        }
    }

    private init(path: String, writer: any DatabaseWriter) {
        self.path = path
        self.writer = writer
    }

    /// Closes the connections; the store cannot be used afterwards.
    public func close() throws(StoreError) {
        do {
            try writer.close()
        } catch {
            throw StoreError(error, path: path)
        }
    }

    /// The schema version of the open database.
    public func schemaVersion() throws(StoreError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0 }
    }

    /// `PRAGMA synchronous` of the connection that writes: 2 is FULL.
    func writerSynchronousMode() throws(StoreError) -> Int {
        try write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 }
    }

    /// `PRAGMA integrity_check`'s findings: empty when the database is sound.
    public func integrityProblems() throws(StoreError) -> [String] {
        try read { db in
            let rows = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            return rows == ["ok"] ? [] : rows
        }
    }

    // MARK: - Access

    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try writer.read(body)
        } catch {
            throw StoreError(error, path: path)
        }
    }

    /// Runs `body` in one write transaction.
    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try writer.write(body)
        } catch {
            throw StoreError(error, path: path)
        }
    }

    // MARK: - Opening

    static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(busyTimeoutSeconds)
        configuration.prepareDatabase { db in
            // FULL: in WAL mode each commit syncs the log, so an answer survives a power cut too,
            // not only a killed process; `proctor-bench record-answer` puts the cost well under a
            // millisecond. (A pool's writer needs it again after GRDB's WAL set-up: see `init`.)
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        return configuration
    }

    /// The 16 bytes every SQLite 3 database file begins with.
    private static let sqliteHeader = Array("SQLite format 3\0".utf8)

    /// Whether a non-empty file exists at `path`, after making sure that it is a sound Proctor
    /// database that this build can use. Nothing is written to the file here.
    private static func checkExistingFile(at path: String) throws(StoreError) -> Bool {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return false }
        if isFolder.boolValue { throw .cannotOpen(path: path, detail: "it is a folder") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .cannotOpen(path: path, detail: "it cannot be read")
        }
        let head = (try? handle.read(upToCount: sqliteHeader.count)) ?? nil
        try? handle.close()
        guard let head, !head.isEmpty else { return false }  // SQLite treats an empty file as a new database
        guard Array(head) == sqliteHeader else { throw .notADatabase(path: path) }

        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeoutSeconds)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            try queue.read { db in
                let check = try String.fetchAll(db, sql: "PRAGMA quick_check")
                guard check == ["ok"] else {
                    throw StoreError.damaged(path: path, detail: check.prefix(3).joined(separator: "; "))
                }
                let applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                let objects = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master") ?? 0
                if applicationID != StoreSchema.applicationID {
                    // An SQLite file with nothing in it yet may become ours; anything else is not.
                    guard applicationID == 0 && objects == 0 else { throw StoreError.foreignDatabase(path: path) }
                    return
                }
                let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                let superseded = try StoreSchema.migrator.hasBeenSuperseded(db)
                if version > StoreSchema.currentVersion || superseded {
                    throw StoreError.newerSchema(path: path)
                }
            }
        } catch {
            throw StoreError(error, path: path)
        }
        return true
    }

    private static func createParentFolder(of path: String) throws(StoreError) {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw .cannotOpen(path: path, detail: "cannot create its folder \(folder): \(error.localizedDescription)")
        }
    }
}
