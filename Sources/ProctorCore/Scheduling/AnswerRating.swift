/// How an answered question becomes the rating the scheduler is given: the one place this rule lives.
///
/// A wrong answer is Again. A right answer is Good, lowered to Hard when the learner said they were
/// unsure or took more than twice their usual time, and raised to Easy when they said they were sure
/// and answered faster than usual. The learner may override the suggestion by hand.
public enum AnswerRating {
    /// Taking more than this many times the usual time counts as "far longer than usual".
    public static let slowFactor = 2.0

    /// The suggested rating for an answer.
    ///
    /// - Parameters:
    ///   - correct: whether the answer was right.
    ///   - confident: `true` if the learner said they were sure, `false` if unsure, `nil` if not asked.
    ///   - seconds: the time spent on the question.
    ///   - typicalSeconds: the usual time for this question, if known; without it speed is ignored.
    public static func rating(correct: Bool, confident: Bool?, seconds: Double, typicalSeconds: Double?) -> Rating {
        guard correct else { return .again }
        let usual = typicalSeconds.flatMap { $0 > 0 && $0.isFinite ? $0 : nil }
        let timed = seconds >= 0 && seconds.isFinite
        let slow = usual.map { timed && seconds > slowFactor * $0 } ?? false
        let quick = usual.map { timed && seconds < $0 } ?? false
        if confident == false || slow { return .hard }
        if confident == true && quick { return .easy }
        return .good
    }

    /// The rule in words, for help text and the rating prompt.
    public static let explanation = """
        How an answer becomes a rating (Enter accepts it, or type 1-4 to choose):
          1 Again  the answer was wrong
          2 Hard   right, but you were unsure or took over twice your usual time
          3 Good   right
          4 Easy   right, you were sure, and faster than your usual time
        """
}
