#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Keeps one exam attempt open in one `proctor` process at a time.
///
/// Two processes sitting the same attempt would interleave their events and clocks. The lock is a
/// POSIX record lock on one byte (the attempt's number) of a file beside the database, so one
/// file serves every attempt, and the system drops the lock when the process ends for any
/// reason, `kill -9` included: a crash never leaves an attempt locked.
final class AttemptLock {
    private let descriptor: Int32

    /// Takes the lock on `attempt` of the database at `databasePath`, or explains who holds it.
    init(attempt: Int, databasePath: String) throws {
        let path = databasePath + ".attempts.lock"
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw UserError("cannot open the lock file \(path): \(String(cString: strerror(errno)))")
        }
        var lock = flock()
        lock.l_type = Int16(F_WRLCK)
        lock.l_whence = Int16(SEEK_SET)
        lock.l_start = off_t(attempt)
        lock.l_len = 1
        guard fcntl(descriptor, F_SETLK, &lock) == 0 else {
            var holder = flock()
            holder.l_type = Int16(F_WRLCK)
            holder.l_whence = Int16(SEEK_SET)
            holder.l_start = off_t(attempt)
            holder.l_len = 1
            let who = fcntl(descriptor, F_GETLK, &holder) == 0 && holder.l_pid > 0 ? " (process \(holder.l_pid))" : ""
            close(descriptor)
            throw UserError("attempt \(attempt) is open in another proctor\(who); finish or quit it there first")
        }
    }

    deinit { close(descriptor) }
}
