import ProctorCore
import Testing

/// Step rules, edge cases and fuzz of the scheduler.
@Suite("FSRS scheduler")
struct FSRSSchedulerTests {
    let start = Timestamp(secondsSince1970: 1_700_000_000)
    let steps = FSRSScheduler(parameters: FSRSParameters(enableFuzzing: false))
    let noSteps = FSRSScheduler(parameters: FSRSParameters(enableFuzzing: false).withoutSteps)

    @Test("new card: Again 1 min, Hard 5.5 min (mean of the steps), Good 10 min, Easy graduates")
    func firstAnswerWithSteps() {
        let again = steps.review(nil, rating: .again, at: start)
        #expect(again.card.phase == .learning && again.card.step == 0 && again.intervalSeconds == 60)
        let hard = steps.review(nil, rating: .hard, at: start)
        #expect(hard.card.phase == .learning && hard.card.step == 0 && hard.intervalSeconds == 330)
        let good = steps.review(nil, rating: .good, at: start)
        #expect(good.card.phase == .learning && good.card.step == 1 && good.intervalSeconds == 600)
        let easy = steps.review(nil, rating: .easy, at: start)
        #expect(easy.card.phase == .review && easy.card.step == nil && easy.intervalDays == 8)
        #expect(easy.card.due == start.adding(seconds: 8 * 86_400))
        #expect(again.retrievabilityBefore == nil && again.elapsedDays == nil)
    }

    @Test("Hard on a single step waits 1.5 × it; on a later step, that step")
    func hardOnSteps() {
        let lapsed = steps.review(steps.review(nil, rating: .easy, at: start).card, rating: .again,
                                  at: start.adding(seconds: 8 * 86_400))
        #expect(lapsed.card.phase == .relearning && lapsed.card.step == 0 && lapsed.intervalSeconds == 600)
        let hard = steps.review(lapsed.card, rating: .hard, at: lapsed.card.due)
        #expect(hard.card.phase == .relearning && hard.intervalSeconds == 900)

        let onSecond = steps.review(nil, rating: .good, at: start).card
        let hardSecond = steps.review(onSecond, rating: .hard, at: onSecond.due)
        #expect(hardSecond.card.step == 1 && hardSecond.intervalSeconds == 600)
    }

    @Test("without steps every answer graduates, even Again; a lapse stays in review")
    func withoutSteps() {
        for rating in Rating.allCases {
            let outcome = noSteps.review(nil, rating: rating, at: start)
            #expect(outcome.card.phase == .review && outcome.card.step == nil)
        }
        #expect(noSteps.review(nil, rating: .again, at: start).intervalDays == 1)
        let card = noSteps.review(nil, rating: .good, at: start).card
        let lapse = noSteps.review(card, rating: .again, at: card.due)
        #expect(lapse.card.phase == .review && lapse.intervalDays == 1)
    }

    @Test("a step past the end (steps were shortened) graduates on a pass, restarts on Again")
    func stepPastEnd() {
        let card = CardState(phase: .learning, step: 5, stability: 3, difficulty: 5,
                             due: start, lastReview: start.adding(seconds: -600))
        #expect(steps.review(card, rating: .hard, at: start).card.phase == .review)
        let again = steps.review(card, rating: .again, at: start)
        #expect(again.card.phase == .learning && again.card.step == 0 && again.intervalSeconds == 60)
        let damaged = CardState(phase: .relearning, step: -3, stability: 3, difficulty: 5,
                                due: start, lastReview: start.adding(seconds: -600))
        #expect(steps.review(damaged, rating: .good, at: start).card.phase == .review)
    }

    @Test("a learning card reviewed a day or more later gets the long-term formula but keeps its steps")
    func lateLearningCard() {
        let card = steps.review(nil, rating: .again, at: start).card
        let late = steps.review(card, rating: .good, at: start.adding(seconds: 3 * 86_400))
        #expect(late.card.phase == .learning && late.card.step == 1)
        #expect(late.elapsedDays == 3)
        let model = FSRSModel()
        let r = model.retrievability(elapsedDays: 3, stability: card.stability)
        #expect(late.retrievabilityBefore == r)
        #expect(late.card.stability == model.nextStability(difficulty: card.difficulty, stability: card.stability,
                                                           retrievability: r, rating: .good))
    }

    @Test("elapsed days are whole 24-hour periods, so 23:59:59 later is still the same day")
    func elapsedDays() {
        let card = noSteps.review(nil, rating: .good, at: start).card
        let almost = noSteps.review(card, rating: .good, at: start.adding(seconds: 86_399.999999))
        #expect(almost.elapsedDays == 0)
        #expect(almost.retrievabilityBefore == 1)
        let exactly = noSteps.review(card, rating: .good, at: start.adding(seconds: 86_400))
        #expect(exactly.elapsedDays == 1)
        let before = noSteps.review(card, rating: .good, at: start.adding(seconds: -1))
        #expect(before.elapsedDays == -1 && before.retrievabilityBefore == 1)
        #expect(before.card.stability == FSRSModel().shortTermStability(card.stability, rating: .good))
    }

    @Test("retrievability at a time counts whole days since the last review")
    func retrievabilityNow() {
        let card = noSteps.review(nil, rating: .good, at: start).card
        let model = FSRSModel()
        #expect(noSteps.retrievability(of: card, at: start.adding(seconds: 2.5 * 86_400))
            == model.retrievability(elapsedDays: 2, stability: card.stability))
    }

    @Test("fuzz ranges", arguments: [
        (1, nil), (2, nil), (3, 2...4), (5, 4...6), (10, 8...12), (30, 27...33), (100, 93...107),
        (36500, 34673...36500),
    ] as [(Int, ClosedRange<Int>?)])
    func fuzzRanges(days: Int, expected: ClosedRange<Int>?) {
        #expect(steps.fuzzRange(forDays: days) == expected)
    }

    @Test("fuzz respects a small maximum interval")
    func fuzzMaximum() {
        let scheduler = FSRSScheduler(parameters: FSRSParameters(maximumInterval: 5))
        #expect(scheduler.fuzzRange(forDays: 5) == 4...5)
    }

    @Test("fuzzed intervals stay in range, cover it, and repeat for the same seed")
    func fuzzedReviews() {
        let fuzzy = FSRSScheduler(parameters: FSRSParameters(enableFuzzing: true))
        let card = CardState(phase: .review, step: nil, stability: 30, difficulty: 5,
                             due: start, lastReview: start.adding(seconds: -30 * 86_400))
        let plain = fuzzy.review(card, rating: .good, at: start)
        let unfuzzed = plain.intervalDays ?? 0
        guard let range = fuzzy.fuzzRange(forDays: unfuzzed) else {
            Issue.record("a \(unfuzzed)-day interval should be fuzzed")
            return
        }
        var generator = FSRSTestGenerator(seed: 42)
        var seen: Set<Int> = []
        for _ in 0..<500 {
            let outcome = fuzzy.review(card, rating: .good, at: start, using: &generator)
            let days = outcome.intervalDays ?? -1
            #expect(range.contains(days))
            #expect(outcome.card.due == start.adding(seconds: Double(days) * 86_400))
            #expect(outcome.card.stability == plain.card.stability)
            seen.insert(days)
        }
        #expect(seen == Set(range))

        var first = FSRSTestGenerator(seed: 7)
        var second = FSRSTestGenerator(seed: 7)
        let a = (0..<20).map { _ in fuzzy.review(card, rating: .good, at: start, using: &first).intervalDays }
        let b = (0..<20).map { _ in fuzzy.review(card, rating: .good, at: start, using: &second).intervalDays }
        #expect(a == b)
    }

    @Test("no fuzz on steps, on short intervals, or when fuzzing is off")
    func fuzzNotApplied() {
        var generator = FSRSTestGenerator(seed: 1)
        let fuzzy = FSRSScheduler(parameters: FSRSParameters(enableFuzzing: true))
        #expect(fuzzy.review(nil, rating: .good, at: start, using: &generator).intervalSeconds == 600)
        #expect(fuzzy.review(nil, rating: .hard, at: start, using: &generator).intervalSeconds == 330)
        let card = CardState(phase: .review, step: nil, stability: 30, difficulty: 5,
                             due: start, lastReview: start.adding(seconds: -30 * 86_400))
        let off = steps.review(card, rating: .good, at: start, using: &generator)
        #expect(off == steps.review(card, rating: .good, at: start))
        let shortCard = CardState(phase: .review, step: nil, stability: 0.5, difficulty: 9,
                                  due: start, lastReview: start.adding(seconds: -86_400))
        let short = fuzzy.review(shortCard, rating: .hard, at: start, using: &generator)
        #expect(short == fuzzy.review(shortCard, rating: .hard, at: start))
    }
}

/// The answer-to-rating rule of design/fsrs.md.
@Suite("FSRS answer rating")
struct FSRSAnswerRatingTests {
    @Test("the rule", arguments: [
        (false, true, 5.0, 20.0, Rating.again),
        (false, nil, 500.0, nil, .again),
        (true, nil, 20.0, 20.0, .good),
        (true, nil, 20.0, nil, .good),
        (true, true, 20.0, nil, .good),
        (true, true, 10.0, 20.0, .easy),
        (true, true, 20.0, 20.0, .good),
        (true, false, 10.0, 20.0, .hard),
        (true, nil, 41.0, 20.0, .hard),
        (true, true, 41.0, 20.0, .hard),
        (true, nil, 40.0, 20.0, .good),
        (true, true, 10.0, 0.0, .good),
        (true, true, .nan, 20.0, .good),
    ] as [(Bool, Bool?, Double, Double?, Rating)])
    func rule(correct: Bool, confident: Bool?, seconds: Double, typical: Double?, expected: Rating) {
        #expect(AnswerRating.rating(correct: correct, confident: confident, seconds: seconds,
                                    typicalSeconds: typical) == expected)
    }

    @Test("the explanation names all four ratings")
    func explanation() {
        for rating in Rating.allCases {
            #expect(AnswerRating.explanation.contains("\(rating.rawValue) \(rating)"))
        }
    }
}
