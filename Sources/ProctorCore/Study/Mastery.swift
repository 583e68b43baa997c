/// One answer to a question, right or wrong, and when it was given: the answer record that mastery
/// and accuracy over time are built from.
public struct DatedAnswer: Sendable, Hashable {
    public var questionID: String
    public var isCorrect: Bool
    public var answeredAt: Timestamp

    /// An answer to `questionID`.
    public init(questionID: String, isCorrect: Bool, answeredAt: Timestamp) {
        self.questionID = questionID
        self.isCorrect = isCorrect
        self.answeredAt = answeredAt
    }
}

/// How often a question (or a set of questions) was answered, and how often rightly.
public struct AnswerTally: Sendable, Hashable, Codable {
    public var answered: Int
    public var correct: Int

    /// A tally of `correct` right answers out of `answered`.
    public init(answered: Int = 0, correct: Int = 0) {
        self.answered = answered
        self.correct = correct
    }

    /// Adds one answer.
    public mutating func add(correct isCorrect: Bool) {
        answered += 1
        if isCorrect { correct += 1 }
    }

    /// The tally of each question in `answers`.
    public static func byQuestion(_ answers: [DatedAnswer]) -> [String: AnswerTally] {
        var tallies: [String: AnswerTally] = [:]
        for answer in answers { tallies[answer.questionID, default: AnswerTally()].add(correct: answer.isCorrect) }
        return tallies
    }
}

/// How well a set of questions is known, from the answer record and the memory model, smoothed so
/// that a little evidence cannot read as mastery.
///
///     accuracy = (correct + 2) / (answered + 4)
///     recall   = (ΣR + 1) / (reviewed + 2)
///     mastery  = accuracy                      when no card has been reviewed
///              = (accuracy + recall) / 2       otherwise
///
/// - `accuracy` is the mean of a Beta(2, 2) posterior: a prior of one half worth four answers, so
///   two lucky answers give 4/6 ≈ 0.67 and twenty right answers of twenty give 22/24 ≈ 0.92.
/// - `recall` is the mean retrievability R of the reviewed cards now (FSRS, whole days since each
///   card's last review, at least one: see `BankMastery.recall(of:at:scheduler:)`), shrunk towards
///   one half as if by two more cards each half remembered.
/// - With neither answers nor cards the mastery is the prior, 0.5, and `hasEvidence` is false.
public struct Mastery: Sendable, Hashable {
    /// Pseudo-answers of the accuracy prior (half of them right).
    public static let priorAnswers = 4.0
    /// Pseudo-cards of the recall prior (each at R = 0.5).
    public static let priorCards = 2.0

    /// Questions in the set.
    public var questions: Int
    /// Answers on record and how many were right.
    public var tally: AnswerTally
    /// Questions of the set with a review card.
    public var reviewedCards: Int
    /// The sum of those cards' retrievability now.
    public var retrievabilitySum: Double

    /// Mastery from its evidence.
    public init(questions: Int = 0, tally: AnswerTally = AnswerTally(), reviewedCards: Int = 0,
                retrievabilitySum: Double = 0) {
        self.questions = questions
        self.tally = tally
        self.reviewedCards = reviewedCards
        self.retrievabilitySum = retrievabilitySum
    }

    /// The mastery of one question from its answers and its card's retrievability now, if it has one.
    public init(tally: AnswerTally, retrievability: Double?) {
        self.init(questions: 1, tally: tally, reviewedCards: retrievability == nil ? 0 : 1,
                  retrievabilitySum: retrievability ?? 0)
    }

    /// The evidence of both sets together.
    public static func + (left: Mastery, right: Mastery) -> Mastery {
        Mastery(questions: left.questions + right.questions,
                tally: AnswerTally(answered: left.tally.answered + right.tally.answered,
                                   correct: left.tally.correct + right.tally.correct),
                reviewedCards: left.reviewedCards + right.reviewedCards,
                retrievabilitySum: left.retrievabilitySum + right.retrievabilitySum)
    }

    /// Whether there is any evidence at all (answers or reviewed cards).
    public var hasEvidence: Bool { tally.answered > 0 || reviewedCards > 0 }

    /// The smoothed share of right answers.
    public var accuracy: Double {
        (Double(tally.correct) + Self.priorAnswers / 2) / (Double(tally.answered) + Self.priorAnswers)
    }

    /// The smoothed mean retrievability of the reviewed cards; `nil` when none was reviewed.
    public var recall: Double? {
        guard reviewedCards > 0 else { return nil }
        return (retrievabilitySum + Self.priorCards / 2) / (Double(reviewedCards) + Self.priorCards)
    }

    /// The mastery figure, in [0, 1].
    public var value: Double {
        guard let recall else { return accuracy }
        return (accuracy + recall) / 2
    }

    /// 1 − mastery: how much is still to learn.
    public var weakness: Double { 1 - value }
}
