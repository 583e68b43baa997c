import GRDB

/// Why the progress database could not be opened or used. Every case that concerns the file names it.
public enum StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file exists but is not an SQLite database (its header is wrong). It was left untouched.
    case notADatabase(path: String)
    /// The file is an SQLite database, but not one of Proctor's. It was left untouched.
    case foreignDatabase(path: String)
    /// The file is Proctor's, but SQLite reports it damaged.
    case damaged(path: String, detail: String)
    /// The file was written by a newer Proctor whose schema this one does not know.
    case newerSchema(path: String)
    /// The file or its folder could not be created or opened.
    case cannotOpen(path: String, detail: String)
    /// No attempt has this number.
    case noSuchAttempt(Int)
    /// The attempt is over; nothing more can be recorded for it.
    case attemptClosed(Int)
    /// A stored value could not be read back (a form or event that does not decode).
    case unreadableRecord(path: String, detail: String)
    /// Any other failure reported by SQLite.
    case database(path: String, detail: String)

    public var description: String {
        switch self {
        case .notADatabase(let path):
            "\(path) is not a Proctor database (it is not an SQLite file); it was left as it is. "
                + "Move it away or pass --db with another path."
        case .foreignDatabase(let path):
            "\(path) is an SQLite database that Proctor did not create; it was left as it is. "
                + "Pass --db with another path."
        case .damaged(let path, let detail):
            "the progress database \(path) is damaged (\(detail)); it was left as it is. "
                + "Restore it from a backup, or move it away to start afresh."
        case .newerSchema(let path):
            "the progress database \(path) was written by a newer version of Proctor; update Proctor to use it."
        case .cannotOpen(let path, let detail):
            "cannot open the progress database \(path): \(detail)"
        case .noSuchAttempt(let id):
            "there is no attempt \(id); run: proctor history"
        case .attemptClosed(let id):
            "attempt \(id) is over; nothing more can be recorded for it"
        case .unreadableRecord(let path, let detail):
            "the progress database \(path) holds a record this Proctor cannot read (\(detail))"
        case .database(let path, let detail):
            "the progress database \(path) failed: \(detail)"
        }
    }

    /// The store error for anything thrown while using the database at `path`.
    init(_ error: any Error, path: String) {
        if let error = error as? StoreError {
            self = error
            return
        }
        guard let error = error as? DatabaseError else {
            self = .database(path: path, detail: String(describing: error))
            return
        }
        let detail = error.message ?? "\(error.resultCode)"
        switch error.resultCode {
        case .SQLITE_NOTADB:
            self = .notADatabase(path: path)
        case .SQLITE_CORRUPT:
            self = .damaged(path: path, detail: detail)
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY:
            self = .cannotOpen(path: path, detail: detail)
        default:
            self = .database(path: path, detail: detail)
        }
    }
}
