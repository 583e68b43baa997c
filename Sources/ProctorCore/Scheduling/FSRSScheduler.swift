/// The FSRS-6 scheduler: given a card's state, a rating and the time, the card's next state.
///
/// It follows `fsrs` 6.3.2's `Scheduler.review_card` exactly:
/// - Elapsed time is whole 24-hour periods, rounded down. Under one day (including a review dated
///   before the last one) the same-day formula updates stability; otherwise recall or lapse does,
///   at the retrievability of that moment. This holds in every phase, so a learning card reviewed a
///   day late gets the long-term formula while staying on its steps.
/// - Difficulty is updated on every review except a new card's first.
/// - Learning and relearning: Again goes back to step 0; Hard stays on the step (on step 0 it waits
///   the mean of the first two steps, or 1.5 × a single step); Good moves on a step or graduates
///   from the last; Easy graduates. Without steps every answer graduates (even Again), and a card
///   whose step is past the end of the steps (the steps were shortened) graduates on a pass.
/// - Review: Again goes to relearning step 0, or stays in review when there are no relearning steps.
/// - A graduating or review card is scheduled `FSRSModel.intervalDays` whole days after the review.
public struct FSRSScheduler: Sendable, Hashable {
    /// The settings in use.
    public let parameters: FSRSParameters
    /// The memory model built from the settings' weights.
    public let model: FSRSModel

    /// A scheduler with the given settings (the reference's defaults if none).
    public init(parameters: FSRSParameters = FSRSParameters()) {
        self.parameters = parameters
        model = FSRSModel(weights: parameters.weights)
    }

    /// The probability that the card is recalled at `time`, from whole days since its last review.
    public func retrievability(of card: CardState, at time: Timestamp) -> Double {
        model.retrievability(elapsedDays: SchedulingTime.elapsedDays(from: card.lastReview, to: time),
                             stability: card.stability)
    }

    /// Review a card (`nil` when new) without fuzz: the deterministic schedule, whatever
    /// `parameters.enableFuzzing` says. Replay and tests use this.
    public func review(_ card: CardState?, rating: Rating, at time: Timestamp) -> ReviewOutcome {
        schedule(card, rating: rating, at: time)
    }

    /// Review a card (`nil` when new), fuzzing a review interval with `generator` when
    /// `parameters.enableFuzzing` is on.
    public func review<Generator: RandomNumberGenerator>(
        _ card: CardState?, rating: Rating, at time: Timestamp, using generator: inout Generator
    ) -> ReviewOutcome {
        var outcome = schedule(card, rating: rating, at: time)
        guard parameters.enableFuzzing, outcome.card.phase == .review,
              let days = outcome.intervalDays, let range = fuzzRange(forDays: days)
        else { return outcome }
        let fuzzed = Swift.min(Int.random(in: range, using: &generator), parameters.maximumInterval)
        setInterval(days: fuzzed, of: &outcome)
        return outcome
    }

    /// The days a review interval may be fuzzed to, or `nil` when it is not fuzzed (under 2.5 days).
    ///
    /// delta = 1 + 0.15·(min(I, 7) − 2.5)⁺ + 0.10·(min(I, 20) − 7)⁺ + 0.05·(I − 20)⁺, and the range is
    /// [max(2, round(I − delta)), min(round(I + delta), maximum interval)], rounding half to even.
    public func fuzzRange(forDays days: Int) -> ClosedRange<Int>? {
        let interval = Double(days)
        guard interval >= 2.5 else { return nil }
        var delta = 1.0
        for (start, end, factor) in [(2.5, 7.0, 0.15), (7.0, 20.0, 0.1), (20.0, Double.infinity, 0.05)] {
            delta += factor * Swift.max(Swift.min(interval, end) - start, 0.0)
        }
        let upper = Swift.min(FSRSModel.saturatingInt((interval + delta).rounded(.toNearestOrEven)),
                              parameters.maximumInterval)
        let lower = Swift.min(Swift.max(2, FSRSModel.saturatingInt((interval - delta).rounded(.toNearestOrEven))),
                              upper)
        return lower...upper
    }

    // MARK: - The state machine

    /// Where the card goes after a learning or relearning answer.
    private enum StepMove {
        case stay(step: Int, wait: Int64)
        case graduate
    }

    private func schedule(_ card: CardState?, rating: Rating, at time: Timestamp) -> ReviewOutcome {
        guard let card else {
            let fresh = CardState(phase: .learning, step: 0,
                                  stability: model.initialStability(rating),
                                  difficulty: model.initialDifficulty(rating),
                                  due: time, lastReview: time)
            return finish(fresh, move: stepMove(steps: parameters.learningSteps, step: 0, rating: rating),
                          rating: rating, at: time, elapsedDays: nil, retrievability: nil)
        }
        let elapsed = SchedulingTime.elapsedDays(from: card.lastReview, to: time)
        let before = retrievability(of: card, at: time)
        var next = card
        next.stability = elapsed < 1
            ? model.shortTermStability(card.stability, rating: rating)
            : model.nextStability(difficulty: card.difficulty, stability: card.stability,
                                  retrievability: before, rating: rating)
        next.difficulty = model.nextDifficulty(card.difficulty, rating: rating)

        let move: StepMove
        switch card.phase {
        case .learning:
            move = stepMove(steps: parameters.learningSteps, step: card.step ?? 0, rating: rating)
        case .relearning:
            move = stepMove(steps: parameters.relearningSteps, step: card.step ?? 0, rating: rating)
        case .review:
            switch rating {
            case .again:
                if let first = parameters.relearningSteps.first {
                    next.phase = .relearning
                    move = .stay(step: 0, wait: SchedulingTime.microseconds(seconds: first))
                } else {
                    move = .graduate
                }
            case .hard, .good, .easy:
                move = .graduate
            }
        }
        return finish(next, move: move, rating: rating, at: time, elapsedDays: elapsed, retrievability: before)
    }

    /// The reference's step rules, shared by learning and relearning.
    private func stepMove(steps: [Double], step rawStep: Int, rating: Rating) -> StepMove {
        // A negative step can only come from damaged storage; treat it as the first step.
        let step = Swift.max(rawStep, 0)
        let waits = steps.map { SchedulingTime.microseconds(seconds: $0) }
        guard let first = waits.first else { return .graduate }
        if step >= waits.count {
            switch rating {
            case .again: return .stay(step: 0, wait: first)
            case .hard, .good, .easy: return .graduate
            }
        }
        switch rating {
        case .again:
            return .stay(step: 0, wait: first)
        case .hard:
            if step == 0 && waits.count == 1 {
                return .stay(step: 0, wait: halfEven(Double(first) * 1.5))
            } else if step == 0 {
                return .stay(step: 0, wait: halfEven(Double(SchedulingTime.add(first, waits[1])) / 2.0))
            }
            return .stay(step: step, wait: waits[step])
        case .good:
            return step + 1 == waits.count ? .graduate : .stay(step: step + 1, wait: waits[step + 1])
        case .easy:
            return .graduate
        }
    }

    /// Microseconds rounded half to even, as `timedelta` arithmetic does.
    private func halfEven(_ microseconds: Double) -> Int64 {
        let rounded = microseconds.rounded(.toNearestOrEven)
        return rounded.isNaN ? 0 : Int64(Swift.min(Swift.max(rounded, -4.0e18), 4.0e18))
    }

    private func finish(_ card: CardState, move: StepMove, rating: Rating, at time: Timestamp,
                        elapsedDays: Int?, retrievability: Double?) -> ReviewOutcome {
        var next = card
        next.lastReview = time
        var outcome = ReviewOutcome(card: next, rating: rating, reviewedAt: time, elapsedDays: elapsedDays,
                                    retrievabilityBefore: retrievability, intervalSeconds: 0, intervalDays: nil)
        switch move {
        case .stay(let step, let wait):
            outcome.card.step = step
            let due = SchedulingTime.add(SchedulingTime.microseconds(time), wait)
            outcome.card.due = SchedulingTime.timestamp(due)
            outcome.intervalSeconds = Double(wait) / 1_000_000
        case .graduate:
            outcome.card.phase = .review
            outcome.card.step = nil
            let days = model.intervalDays(stability: next.stability,
                                          desiredRetention: parameters.desiredRetention,
                                          maximumInterval: parameters.maximumInterval)
            setInterval(days: days, of: &outcome)
        }
        return outcome
    }

    private func setInterval(days: Int, of outcome: inout ReviewOutcome) {
        let wait = SchedulingTime.days(days)
        outcome.card.due = SchedulingTime.timestamp(SchedulingTime.add(SchedulingTime.microseconds(outcome.reviewedAt), wait))
        outcome.intervalDays = days
        outcome.intervalSeconds = Double(wait) / 1_000_000
    }
}
