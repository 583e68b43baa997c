// Benchmarks print numbers against a baseline measured in the same run; see README "Performance".
//
//   swift run -c release proctor-bench record-answer [--count N] [--dir DIR]
//
// Each benchmark is a case of the `switch` below; add yours beside `record-answer`.
import Foundation
import GRDB
import ProctorCore
import ProctorStore

/// Durations of repeated runs of one operation, summarised.
struct Sample {
    var name: String
    var seconds: [Double]

    func quantile(_ q: Double) -> Double {
        let sorted = seconds.sorted()
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((q * Double(sorted.count - 1)).rounded(.up))
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }

    var median: Double { quantile(0.5) }
    var p99: Double { quantile(0.99) }
}

/// Seconds taken by `body`.
func measure(_ body: () throws -> Void) rethrows -> Double {
    let start = ContinuousClock.now
    try body()
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

func milliseconds(_ seconds: Double) -> String {
    String(format: "%8.3f ms", seconds * 1000)
}

func printTable(_ samples: [Sample], baseline: Sample) {
    print("operation".padding(toLength: 44, withPad: " ", startingAt: 0) + "     n      median         p99   median/baseline")
    for sample in samples {
        let ratio = baseline.median > 0 ? String(format: "%6.2f×", sample.median / baseline.median) : "-"
        print(sample.name.padding(toLength: 44, withPad: " ", startingAt: 0)
              + String(format: "%6d", sample.seconds.count) + "  " + milliseconds(sample.median) + "  "
              + milliseconds(sample.p99) + "   " + ratio)
    }
}

/// The value after `--name` in the arguments, if any.
func option(_ name: String, in arguments: [String]) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

// MARK: - record-answer

/// A form of `count` single-choice questions, enough for one answer per question.
func benchmarkForm(count: Int) -> ExamForm {
    let items = (1...count).map { number in
        ExamForm.Item(questionID: "q\(number)", kind: .single, optionOrder: ["a", "b", "c", "d"])
    }
    return ExamForm(examID: "bench", bankID: "bench", bankVersion: "1", seed: 1,
                    timeLimitSeconds: 1_000_000, items: items)
}

/// The cost of recording one answer (the events of one `answer` action, in their own transaction)
/// next to a bare GRDB insert of one row in its own transaction, both on disk, WAL, synchronous FULL.
///
/// The two are measured in turns, on two files in the same folder, so that both meet the same disk
/// (a virtual disk's flushes vary a lot from one minute to the next).
func recordAnswer(arguments: [String]) throws {
    let count = option("--count", in: arguments).flatMap(Int.init) ?? 2_000
    let warmup = 50
    let parent = option("--dir", in: arguments).map { URL(fileURLWithPath: $0) }
        ?? FileManager.default.temporaryDirectory
    let folder = parent.appendingPathComponent("proctor-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }

    // Proctor's store: one answer action's events (clock + answered) per transaction.
    let store = try ProgressStore(path: folder.appendingPathComponent("proctor.sqlite").path)
    let form = benchmarkForm(count: count + warmup)
    let start = Timestamp(secondsSince1970: 1_780_000_000)
    let attempt = try store.startAttempt(form: form, kind: .exam, feedsSchedule: false, at: start)
    var session = ExamSession(form: form)
    try store.record(session.apply(.open, at: start), attempt: attempt, at: start)

    // The baseline: GRDB alone, the same settings, one INSERT per transaction.
    let pool = try DatabasePool(path: folder.appendingPathComponent("bare.sqlite").path)
    // As the store does: GRDB leaves a WAL writer at NORMAL, which syncs only at checkpoints.
    try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
    try pool.write { db in
        try db.execute(sql: "CREATE TABLE row (id INTEGER PRIMARY KEY, at REAL NOT NULL, payload TEXT NOT NULL)")
    }
    let payload = #"{"answered":{"index":0,"response":{"options":{"_0":["b"]}}}}"#

    var answers: [Double] = []
    var inserts: [Double] = []
    for index in 0..<(count + warmup) {
        let now = start.adding(seconds: Double(index) * 2 + 1)
        let answered = session.apply(.answer(.options(["b"])), at: now)
        let answer = try measure { try store.record(answered, attempt: attempt, at: now) }
        let insert = try measure {
            try pool.write { db in
                try db.execute(sql: "INSERT INTO row (at, payload) VALUES (?, ?)", arguments: [Double(index), payload])
            }
        }
        if index >= warmup {
            answers.append(answer)
            inserts.append(insert)
        }
        try store.record(session.apply(.next, at: now.adding(seconds: 1)), attempt: attempt, at: now.adding(seconds: 1))
    }
    let rebuilt = try store.attempt(id: attempt)?.session
    guard rebuilt == session else { throw BenchmarkError("the recorded attempt does not rebuild the session") }
    try store.close()
    let (mode, synchronous) = try pool.writeWithoutTransaction { db in
        (try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "?", try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1)
    }
    try pool.close()

    print("record-answer: \(count) runs each, in turns, after \(warmup) warm-up runs; files in \(folder.path)")
    print("journal_mode=\(mode), synchronous=\(synchronous == 2 ? "FULL" : String(synchronous)) "
          + "(each commit waits for fdatasync of the WAL)")
    print()
    let baseline = Sample(name: "bare SQLite INSERT, own transaction (GRDB)", seconds: inserts)
    printTable([Sample(name: "record one answer (ProgressStore.record)", seconds: answers), baseline],
               baseline: baseline)
}

struct BenchmarkError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

// MARK: - Entry

let arguments = Array(CommandLine.arguments.dropFirst())
let benchmarks = ["record-answer", "replay-1m", "due-queue-100k"]
do {
    switch arguments.first {
    case "record-answer":
        try recordAnswer(arguments: Array(arguments.dropFirst()))
    case "replay-1m":
        try replayMillion(arguments: Array(arguments.dropFirst()))
    case "due-queue-100k":
        try dueQueue(arguments: Array(arguments.dropFirst()))
    case nil, "--help", "-h", "help":
        print("usage: proctor-bench BENCHMARK [options]\nbenchmarks: \(benchmarks.joined(separator: ", "))")
    case let name?:
        print("proctor-bench: no benchmark '\(name)'; benchmarks: \(benchmarks.joined(separator: ", "))")
        exit(64)
    }
} catch {
    print("proctor-bench: \(error)")
    exit(1)
}
