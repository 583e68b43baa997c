// The spaced-repetition benchmarks: replaying a million reviews, and fetching the review queue
// from a store of 100,000 cards.
//
//   swift run -c release proctor-bench replay-1m [--cards N] [--reviews N] [--runs N]
//   swift run -c release proctor-bench due-queue-100k [--cards N] [--runs N] [--dir DIR]
import Foundation
import GRDB
import ProctorCore
import ProctorStore

/// A rating drawn like a real learner's: 10 % Again, 15 % Hard, 60 % Good, 15 % Easy.
func benchmarkRating(_ generator: inout SeededGenerator) -> Rating {
    switch generator.nextInt(below: 100) {
    case ..<10: .again
    case ..<25: .hard
    case ..<85: .good
    default: .easy
    }
}

// MARK: - replay-1m

/// A review log of `cards` cards with `reviews` reviews each, every review at the card's due time
/// plus up to a day's delay, the rows interleaved across cards as a real log's would be.
func benchmarkLog(cards: Int, reviews: Int, seed: UInt64) -> ReviewLog {
    var generator = SeededGenerator(seed: seed)
    let scheduler = FSRSScheduler(parameters: FSRSParameters(enableFuzzing: false))
    let start = Timestamp(secondsSince1970: 1_700_000_000)
    var entries: [ReviewLogEntry] = []
    entries.reserveCapacity(cards * reviews)
    for card in 0..<cards {
        var state: CardState?
        var time = start.adding(seconds: Double(card))
        for _ in 0..<reviews {
            let rating = benchmarkRating(&generator)
            entries.append(ReviewLogEntry(line: 0, cardID: "card-\(card)", rating: rating, reviewTime: time))
            let outcome = scheduler.review(state, rating: rating, at: time)
            state = outcome.card
            time = outcome.card.due.adding(seconds: Double(generator.nextInt(below: 86_400)))
        }
    }
    // Interleave the cards: sort by time (replay must regroup them per card).
    entries.sort { $0.reviewTime < $1.reviewTime }
    for index in entries.indices { entries[index].line = index + 2 }
    return ReviewLog(entries: entries)
}

/// The log as CSV text, as `srs replay` would read it.
func benchmarkCSV(_ log: ReviewLog) -> String {
    var text = "card_id,rating,review_time\n"
    text.reserveCapacity(log.entries.count * 40)
    for entry in log.entries {
        text += entry.cardID + "," + String(entry.rating.rawValue) + "," + ISO8601Timestamp.format(entry.reviewTime) + "\n"
    }
    return text
}

/// Replaying a million reviews (`FSRSScheduler.replay`: regroup by card, sort by time, review,
/// rows in log order) next to the same number of bare `review` calls, card after card; and
/// parsing the CSV text.
func replayMillion(arguments: [String]) throws {
    let cards = option("--cards", in: arguments).flatMap(Int.init) ?? 50_000
    let reviews = option("--reviews", in: arguments).flatMap(Int.init) ?? 20
    let runs = option("--runs", in: arguments).flatMap(Int.init) ?? 5
    let log = benchmarkLog(cards: cards, reviews: reviews, seed: 42)
    let csv = benchmarkCSV(log)
    let scheduler = FSRSScheduler(parameters: FSRSParameters(enableFuzzing: false))

    var parses: [Double] = []
    for _ in 0..<max(1, min(runs, 3)) {
        var parsed: ReviewLog?
        parses.append(try measure { parsed = try ReviewLog.parse(csv: csv) })
        guard parsed?.entries.count == log.entries.count else { throw BenchmarkError("the CSV did not parse back whole") }
    }
    var replays: [Double] = []
    var rows: [ReplayRow] = []
    for _ in 0..<runs {
        replays.append(measure { rows = scheduler.replay(log) })
    }
    guard rows.count == log.entries.count else { throw BenchmarkError("replay lost rows") }

    // The baseline: the same reviews as bare scheduler calls, already grouped and in order.
    var byCard: [String: [ReviewLogEntry]] = [:]
    for entry in log.entries { byCard[entry.cardID, default: []].append(entry) }
    let grouped = Array(byCard.values)
    var bare: [Double] = []
    var check = 0.0
    for _ in 0..<runs {
        bare.append(measure {
            for entries in grouped {
                var state: CardState?
                for entry in entries {
                    state = scheduler.review(state, rating: entry.rating, at: entry.reviewTime).card
                }
                check += state?.stability ?? 0
            }
        })
    }

    print("replay-1m: \(log.entries.count) reviews of \(cards) cards (\(reviews) each), \(csv.utf8.count / 1_000_000) MB of CSV; "
          + "\(runs) runs (parse: \(parses.count)); check \(Int(check) % 1000)")
    print()
    let baseline = Sample(name: "bare review calls, card by card", seconds: bare)
    printTable([
        Sample(name: "FSRSScheduler.replay, whole log", seconds: replays),
        Sample(name: "ReviewLog.parse, whole CSV", seconds: parses),
        baseline,
    ], baseline: baseline)
}

// MARK: - due-queue-100k

/// A store of `cards` cards in bank `bench` on disk, each with a history of one to eight reviews
/// at its due times up to `now`, about half of them due at `now`.
func benchmarkStore(at path: String, cards: Int, now: Timestamp) throws -> ProgressStore {
    let store = try ProgressStore(path: path)
    let scheduler = FSRSScheduler(parameters: FSRSParameters(enableFuzzing: false))
    var generator = SeededGenerator(seed: 7)
    var batch: [ScheduledReview] = []
    for card in 0..<cards {
        var state: CardState?
        var time = now.adding(seconds: -Double(generator.nextInt(below: 60 * 86_400)))
        for _ in 0..<(1 + generator.nextInt(below: 8)) where time <= now {
            let outcome = scheduler.review(state, rating: benchmarkRating(&generator), at: time)
            batch.append(ScheduledReview(bankID: "bench", questionID: "q\(card)", outcome: outcome, durationSeconds: 20,
                                         source: .review, attempt: nil))
            state = outcome.card
            time = outcome.card.due.adding(seconds: Double(generator.nextInt(below: 2 * 86_400)))
        }
        if batch.count >= 20_000 {
            try store.saveReviews(batch)
            batch.removeAll(keepingCapacity: true)
        }
    }
    try store.saveReviews(batch)
    return store
}

/// Fetching the review queue from 100,000 cards: the due cards with their lapses
/// (`dueStudyCards`) ordered by `ReviewQueue`, next to a bare fetch of the due cards (`dueCards`).
func dueQueue(arguments: [String]) throws {
    let cards = option("--cards", in: arguments).flatMap(Int.init) ?? 100_000
    let runs = option("--runs", in: arguments).flatMap(Int.init) ?? 20
    let warmup = 2
    let parent = option("--dir", in: arguments).map { URL(fileURLWithPath: $0) } ?? FileManager.default.temporaryDirectory
    let folder = parent.appendingPathComponent("proctor-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }

    let now = Timestamp(secondsSince1970: 1_780_000_000)
    var store: ProgressStore?
    let building = try measure { store = try benchmarkStore(at: folder.appendingPathComponent("proctor.sqlite").path, cards: cards, now: now) }
    guard let store else { throw BenchmarkError("no store") }
    let logRows = try store.reviewLog(bank: "bench").count

    var queues: [Double] = []
    var queue: ReviewQueue?
    for run in 0..<(runs + warmup) {
        let seconds = try measure {
            let due = try store.dueStudyCards(bank: "bench", at: now)
            queue = ReviewQueue(cards: due, newQuestions: [], at: now, newLimit: 20)
        }
        if run >= warmup { queues.append(seconds) }
    }
    var fetches: [Double] = []
    var plain = 0
    for run in 0..<(runs + warmup) {
        let seconds = try measure { plain = try store.dueCards(bank: "bench", at: now, limit: Int.max).count }
        if run >= warmup { fetches.append(seconds) }
    }
    guard let queue, queue.dueCount + queue.leeches.count == plain else {
        throw BenchmarkError("the queue and the bare fetch disagree on what is due")
    }
    try store.close()

    // The same cards read by position with GRDB alone, without lapses: what counting lapses costs.
    let pool = try DatabasePool(path: folder.appendingPathComponent("proctor.sqlite").path)
    var bare: [Double] = []
    for run in 0..<(runs + warmup) {
        var count = 0
        let seconds = try measure {
            try pool.read { db in
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT bank_id, question_id, phase, step, stability, difficulty, due, last_review
                    FROM card WHERE bank_id = ? AND due <= ?
                    """, arguments: ["bench", now.secondsSince1970])
                while let row = try rows.next() {
                    let stability: Double = row[4]
                    if stability > 0 { count += 1 }
                }
            }
        }
        guard count == plain else { throw BenchmarkError("the GRDB read found \(count) due cards, not \(plain)") }
        if run >= warmup { bare.append(seconds) }
    }
    try pool.close()

    print("due-queue-100k: \(cards) cards, \(logRows) review-log rows, built in \(String(format: "%.1f", building)) s; "
          + "\(queue.dueCount) due, \(queue.leeches.count) leeches; \(runs) runs after \(warmup) warm-up runs")
    print()
    let baseline = Sample(name: "bare due fetch (dueCards, no lapses)", seconds: fetches)
    printTable([
        Sample(name: "due queue (dueStudyCards + ReviewQueue)", seconds: queues),
        baseline,
        Sample(name: "GRDB rows by position, no lapses", seconds: bare),
    ], baseline: baseline)
}
