/// One review of a replayed log and the card's state right after it: a row of `srs replay`.
public struct ReplayRow: Sendable, Hashable {
    /// The review as the log gave it.
    public var entry: ReviewLogEntry
    /// The card after the review.
    public var card: CardState
    /// The probability of recall at the review time, before it; `nil` for a card's first review.
    public var retrievabilityBefore: Double?
    /// Seconds from the review to the card's new due time.
    public var intervalSeconds: Double

    /// The card reviewed.
    public var cardID: String { entry.cardID }
    /// The rating given.
    public var rating: Rating { entry.rating }
    /// When the review happened.
    public var reviewTime: Timestamp { entry.reviewTime }
    /// Learning, review or relearning after the review.
    public var phase: CardPhase { card.phase }
    /// The learning or relearning step after the review; `nil` in review.
    public var step: Int? { card.step }
    /// Stability after the review, in days.
    public var stability: Double { card.stability }
    /// Difficulty after the review.
    public var difficulty: Double { card.difficulty }
    /// When the card is due next.
    public var due: Timestamp { card.due }
}

extension FSRSScheduler {
    /// Run a review log through the scheduler, without fuzz, each card from new.
    ///
    /// Each card's reviews are taken in time order (reviews at the same instant in the order written);
    /// the rows come back in the log's own order, so row i describes `log.entries[i]`.
    public func replay(_ log: ReviewLog) -> [ReplayRow] {
        var indicesByCard: [String: [Int]] = [:]
        for (index, entry) in log.entries.enumerated() {
            indicesByCard[entry.cardID, default: []].append(index)
        }
        var rows: [ReplayRow?] = Array(repeating: nil, count: log.entries.count)
        for indices in indicesByCard.values {
            let ordered = indices.sorted { left, right in
                let (a, b) = (log.entries[left].reviewTime, log.entries[right].reviewTime)
                return a != b ? a < b : left < right
            }
            var card: CardState?
            for index in ordered {
                let entry = log.entries[index]
                let outcome = review(card, rating: entry.rating, at: entry.reviewTime)
                card = outcome.card
                rows[index] = ReplayRow(entry: entry, card: outcome.card,
                                        retrievabilityBefore: outcome.retrievabilityBefore,
                                        intervalSeconds: outcome.intervalSeconds)
            }
        }
        return rows.compactMap { $0 }
    }
}
