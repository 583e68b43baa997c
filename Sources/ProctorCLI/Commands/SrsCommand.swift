import ArgumentParser
import Foundation
import ProctorCore

/// `proctor srs`: tools for the spaced-repetition scheduler.
struct SrsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "srs",
        abstract: "Spaced-repetition tools: check the scheduler against another implementation.",
        subcommands: [SrsReplayCommand.self]
    )
}

/// `proctor srs replay LOG.csv`: a review log run through the scheduler, each card's state after
/// each review.
struct SrsReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Run a review log through the FSRS-6 scheduler and print each card's state after each review.",
        discussion: """
            The log is CSV with a header naming card_id, rating (1 Again, 2 Hard, 3 Good, 4 Easy) and \
            review_time (ISO 8601 with an offset, e.g. 2022-11-29T12:30:00Z), in any order, and \
            optionally review_duration (milliseconds). Rows may come in any order: each card starts new \
            and its reviews are replayed in time order; the output keeps the log's order. There is no \
            fuzz, so the numbers can be compared with another implementation, e.g. Python's fsrs 6.3.2 \
            (Scheduler(enable_fuzzing=False), or with --no-steps learning_steps=() and relearning_steps=()).
            A log with problems is not replayed: every problem is listed with its line, and the exit \
            status is 1. Pass - to read the log from standard input.
            """
    )

    @Argument(help: ArgumentHelp("The review log (CSV), or - for standard input.", valueName: "log.csv"))
    var log: String

    @Flag(name: .customLong("no-steps"), help: "Schedule every answer by the formulas alone: no learning or relearning steps.")
    var noSteps = false

    @Option(help: ArgumentHelp("The desired retention, between 0 and 1 (exclusive).", valueName: "r"))
    var retention = 0.9

    @Flag(help: "Print one JSON object per log row, in the log's order.")
    var json = false

    /// Problems listed before the rest are summed up.
    static let problemsShown = 100

    func validate() throws {
        guard retention > 0 && retention < 1 else {
            throw ValidationError("--retention must be between 0 and 1 (exclusive), e.g. 0.9.")
        }
    }

    func run() throws {
        let text = try Self.read(log)
        let entries: ReviewLog
        do {
            entries = try ReviewLog.parse(csv: text)
        } catch {
            let name = log == "-" ? "standard input" : log
            for problem in error.problems.prefix(Self.problemsShown) { Output.error("\(name): \(problem)") }
            let count = error.problems.count
            if count > Self.problemsShown { Output.error("\(name): ... and \(count - Self.problemsShown) more") }
            Output.error("\(count) problem\(count == 1 ? "" : "s") in \(name); nothing was replayed.")
            throw ExitCode.failure
        }
        var parameters = FSRSParameters(desiredRetention: retention, enableFuzzing: false)
        if noSteps { parameters = parameters.withoutSteps }
        if let problem = parameters.problems.first { throw ValidationError("\(problem)") }
        let rows = FSRSScheduler(parameters: parameters).replay(entries)
        if json {
            try Output.json(rows.map(ReplayRowJSON.init))
        } else {
            Output.lines(Self.table(rows))
        }
    }

    /// The log's text; an unreadable or non-UTF-8 file is a user error.
    static func read(_ path: String) throws -> String {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw UserError("no review log at \(path)")
            }
            guard !isFolder.boolValue, let contents = FileManager.default.contents(atPath: path) else {
                throw UserError("cannot read the review log \(path)\(isFolder.boolValue ? ": it is a folder" : "")")
            }
            data = contents
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw UserError("the review log \(path == "-" ? "on standard input" : path) is not UTF-8 text")
        }
        return text
    }

    /// The rows as an aligned table, a header first.
    static func table(_ rows: [ReplayRow]) -> [String] {
        let header = ["line", "card", "rating", "review time", "state", "step", "stability", "difficulty", "R before",
                      "due", "interval"]
        let cells = rows.map { row in
            [String(row.entry.line), row.cardID, "\(row.rating.rawValue) \(row.rating)", ISO8601Timestamp.format(row.reviewTime),
             row.phase.rawValue, row.step.map(String.init) ?? "-", fixed(row.stability), fixed(row.difficulty),
             row.retrievabilityBefore.map(fixed) ?? "-", ISO8601Timestamp.format(row.due), interval(row.intervalSeconds)]
        }
        var widths = header.map(\.count)
        for line in cells {
            for (index, cell) in line.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        // Text columns to the left, numbers (the last column too: no trailing blanks) to the right.
        let numeric: Set<Int> = [0, 5, 6, 7, 8, 10]
        let format = { (line: [String]) -> String in
            line.enumerated().map { index, cell in
                let fill = String(repeating: " ", count: max(0, widths[index] - cell.count))
                return numeric.contains(index) ? fill + cell : cell + fill
            }.joined(separator: "  ")
        }
        return [format(header)] + cells.map(format)
    }

    /// Six decimals: enough to compare with another implementation by eye (`--json` has them all).
    static func fixed(_ value: Double) -> String {
        // By hand: `String(format:)` costs more than the replay itself on a large log.
        let scaled = (abs(value) * 1_000_000).rounded()
        guard scaled.isFinite, scaled < 9e15 else { return String(value) }
        let micros = Int(scaled)
        let fraction = String(micros % 1_000_000)
        return (value < 0 && micros > 0 ? "-" : "") + String(micros / 1_000_000) + "."
            + String(repeating: "0", count: 6 - fraction.count) + fraction
    }

    /// `1m`, `5m30s`, `10m`, `2d`.
    static func interval(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        if whole % 86_400 == 0 && whole > 0 { return "\(whole / 86_400)d" }
        if whole % 60 == 0 { return "\(whole / 60)m" }
        if whole > 60 { return "\(whole / 60)m\(whole % 60)s" }
        return "\(whole)s"
    }
}

/// One row of `srs replay --json`: the fields cli.md lists, with the log line they came from.
struct ReplayRowJSON: Encodable {
    var row: ReplayRow

    init(_ row: ReplayRow) {
        self.row = row
    }

    private enum Keys: String, CodingKey {
        case line, cardID, rating, reviewTime, state, step, stability, difficulty, retrievabilityBefore, due, intervalSeconds
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(row.entry.line, forKey: .line)
        try container.encode(row.cardID, forKey: .cardID)
        try container.encode(row.rating.rawValue, forKey: .rating)
        try container.encode(ISO8601Timestamp.format(row.reviewTime), forKey: .reviewTime)
        try container.encode(row.phase.rawValue, forKey: .state)
        try container.encode(row.step, forKey: .step)
        try container.encode(row.stability, forKey: .stability)
        try container.encode(row.difficulty, forKey: .difficulty)
        try container.encode(row.retrievabilityBefore, forKey: .retrievabilityBefore)
        try container.encode(ISO8601Timestamp.format(row.due), forKey: .due)
        try container.encode(row.intervalSeconds, forKey: .intervalSeconds)
    }
}
