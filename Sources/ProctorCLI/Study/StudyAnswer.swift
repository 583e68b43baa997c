import ProctorCore
import ProctorStore

/// One answer given in a review, drill or practice set, and what rating it does to the schedule.
///
/// The one place the rules for a study answer live, for plain and full-screen modes alike: the
/// verdict, the rating `AnswerRating` suggests (fsrs.md, "How answers become ratings"), the review
/// to save (with the verdict, since a wrong answer rated Hard is still wrong), and the leech message
/// when the rating's lapse sets the card aside (`ReviewQueue.isLeechLapse`).
struct StudyAnswer: Sendable {
    let bank: QuestionBank
    let question: Question
    let response: Response
    /// Time spent answering.
    let seconds: Double
    let isCorrect: Bool
    /// The rating to offer; the learner may accept it or choose another.
    let suggestedRating: Rating

    /// Judges `response` to `question`, taking `seconds` where the learner usually takes `typicalSeconds`.
    init(question: Question, in bank: QuestionBank, response: Response, seconds: Double, typicalSeconds: Double?) {
        self.bank = bank
        self.question = question
        self.response = response
        self.seconds = seconds
        isCorrect = question.isCorrect(response)
        suggestedRating = AnswerRating.rating(correct: isCorrect, confident: nil, seconds: seconds,
                                              typicalSeconds: typicalSeconds)
    }

    /// What rating the answer does to the card.
    struct Rated: Sendable, Hashable {
        /// The review to save, with whether the answer was right.
        var review: ScheduledReview
        /// The card once the review is saved: its lapses, and whether it is now set aside.
        var card: StudyCard
        /// What to tell the learner when this review made the card a leech.
        var leechMessage: String?

        var rating: Rating { review.outcome.rating }
        var outcome: ReviewOutcome { review.outcome }
    }

    /// The review of the answer rated `rating` at `time`, from the card as it stood before (`nil`
    /// for a question never reviewed), for `source` (and the attempt it was given in, if any).
    func rated<Generator: RandomNumberGenerator>(
        _ rating: Rating, cardBefore: StudyCard?, at time: Timestamp, scheduler: FSRSScheduler,
        source: ReviewSource, attempt: Int?, using generator: inout Generator
    ) -> Rated {
        let outcome = scheduler.review(cardBefore?.state, rating: rating, at: time, using: &generator)
        let review = ScheduledReview(bankID: bank.id, questionID: question.id, outcome: outcome,
                                     durationSeconds: seconds, source: source, attempt: attempt, correct: isCorrect)
        let lapsed = ReviewQueue.isLapse(phaseBefore: cardBefore?.state.phase, rating: rating)
        let lapses = (cardBefore?.lapses ?? 0) + (lapsed ? 1 : 0)
        let wasSuspended = cardBefore?.isSuspended ?? false
        // The store sets the card aside on this same rule; a card already set aside (drilled) does
        // not become a leech again.
        let becameLeech = lapsed && ReviewQueue.isLeechLapse(lapses) && !wasSuspended
        let card = StudyCard(bankID: bank.id, questionID: question.id, state: outcome.card, lapses: lapses,
                             isSuspended: wasSuspended || becameLeech)
        return Rated(review: review, card: card,
                     leechMessage: becameLeech ? Self.leechMessage(question, in: bank, lapses: lapses) : nil)
    }

    /// `Leech: [q] has now been forgotten 8 times. …`: why the card is set aside and how to bring it back.
    static func leechMessage(_ question: Question, in bank: QuestionBank, lapses: Int) -> String {
        "Leech: [\(question.id)] has now been forgotten \(lapses) times. It is set aside from review; "
            + "work on it with \(practiceHint(for: question, in: bank)) or rewrite your notes on it, "
            + "then \(unsuspendHint(question.id, in: bank.id)) brings it back."
    }

    /// `proctor practice BANK --topic T` (or `--domain D`) for the question's topic.
    static func practiceHint(for question: Question, in bank: QuestionBank) -> String {
        let topic = question.topicID ?? question.caseID.flatMap { bank.caseSet(id: $0)?.topicID }
        if let topic { return "'proctor practice \(bank.id) --topic \(topic)'" }
        return "'proctor practice \(bank.id) --domain \(question.domainID)'"
    }

    /// `'proctor review BANK --unsuspend QUESTION'`: how to bring a leech back into review.
    static func unsuspendHint(_ question: String, in bank: String) -> String {
        "'proctor review \(bank) --unsuspend \(question)'"
    }
}

extension StudyAnswer {
    /// Judges `response` against the learner's typical time for the question, as `store` has it
    /// (without a store, as where no rating is asked, speed is not weighed).
    static func judged(_ question: Question, in bank: QuestionBank, response: Response, seconds: Double,
                       store: ProgressStore?) throws(StoreError) -> StudyAnswer {
        let typical = try store?.typicalSeconds(bank: bank.id, question: question.id)
        return StudyAnswer(question: question, in: bank, response: response, seconds: seconds, typicalSeconds: typical)
    }

    /// Rates the answer against the card as `store` has it, and saves the review; the card returned
    /// is the one the store saved.
    func save<Generator: RandomNumberGenerator>(
        _ rating: Rating, to store: ProgressStore, at time: Timestamp, scheduler: FSRSScheduler,
        source: ReviewSource, attempt: Int?, using generator: inout Generator
    ) throws(StoreError) -> Rated {
        let before = try store.studyCard(bank: bank.id, question: question.id)
        var rated = rated(rating, cardBefore: before, at: time, scheduler: scheduler, source: source,
                          attempt: attempt, using: &generator)
        rated.card = try store.saveReview(rated.review)
        return rated
    }
}
