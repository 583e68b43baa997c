import ProctorCore
import ProctorStore
import Testing
@testable import ProctorCLI

/// `StudyAnswer`: the one place plain and full-screen reviews, drills and practice sets turn an
/// answer into a verdict, a suggested rating, a review to save and a leech message.
@Suite("A study answer")
struct StudyAnswerTests {
    static let bank = PlainRunnerTests.bank
    static let question = PlainRunnerTests.bank.questions[0]
    static let right = Response.options(["x"])
    static let wrong = Response.options(["y"])
    static let start = Timestamp(secondsSince1970: 1_780_000_000)

    @Test("the suggestion follows AnswerRating: wrong is Again, right is Good, right and slow is Hard",
          arguments: [(right, 10.0, Rating.good), (wrong, 10.0, .again), (right, 25.0, .hard), (wrong, 25.0, .again)])
    func suggestion(response: Response, seconds: Double, expected: Rating) {
        let answer = StudyAnswer(question: Self.question, in: Self.bank, response: response, seconds: seconds,
                                 typicalSeconds: 10)
        #expect(answer.isCorrect == (response == Self.right))
        #expect(answer.suggestedRating == expected)
    }

    @Test("a wrong answer rated Hard is saved as wrong, and counts as wrong in the answer record")
    func wrongRatedHard() throws {
        let store = try ProgressStore.inMemory()
        let answer = StudyAnswer(question: Self.question, in: Self.bank, response: Self.wrong, seconds: 12,
                                 typicalSeconds: nil)
        var generator = SeededGenerator(seed: 1)
        let rated = try answer.save(.hard, to: store, at: Self.start, scheduler: FSRSScheduler(), source: .review,
                                    attempt: nil, using: &generator)
        #expect(rated.rating == .hard)
        #expect(rated.review.correct == false)
        #expect(rated.review.durationSeconds == 12)
        #expect(try store.reviewLog(bank: Self.bank.id).map(\.correct) == [false])
        #expect(try store.answerRecord(bank: Self.bank.id).map(\.isCorrect) == [false])
    }

    /// What a review log row says of an answer, leaving out when it was given.
    struct Logged: Hashable {
        var rating: Rating
        var correct: Bool?
        var source: ReviewSource
        var attempt: Int?
    }

    static func logged(_ store: ProgressStore) throws -> [Logged] {
        try store.reviewLog(bank: bank.id).map { Logged(rating: $0.rating, correct: $0.correct, source: $0.source,
                                                          attempt: $0.attempt) }
    }

    /// What the full-screen drivers' `check` and `rate` callbacks do with an answer.
    static func fullScreen(_ response: Response, rated rating: Rating, store: ProgressStore, source: ReviewSource,
                           attempt: Int?) throws {
        let answer = try StudyAnswer.judged(question, in: bank, response: response, seconds: 5, store: store)
        var generator = SeededGenerator(seed: 3)
        _ = try answer.save(rating, to: store, at: start, scheduler: FSRSScheduler(), source: source, attempt: attempt,
                        using: &generator)
    }

    @Test("plain and full-screen review save the same verdict, wrong answer re-rated Hard or not",
          arguments: [(wrong, "2", Rating.hard), (wrong, "", .again), (right, "", .good), (right, "1", .again)])
    func reviewParity(response: Response, typed: String, rating: Rating) throws {
        let plainStore = try ProgressStore.inMemory()
        let clock = ManualClock()
        let console = ScriptedConsole([.type(response == Self.right ? "a" : "b"), .type(typed)], clock: clock)
        var session = StudySession(store: plainStore, console: console, clock: clock, scheduler: FSRSScheduler(),
                                   source: .review, generator: SeededGenerator(seed: 3))
        let entry = StudyEntry(bank: Self.bank, questionID: Self.question.id, card: nil,
                               item: ExamForm.Item(unshuffled: Self.question))
        let summary = try session.run([entry], learnAhead: false)
        #expect(summary.ratings == [rating: 1])

        let screenStore = try ProgressStore.inMemory()
        try Self.fullScreen(response, rated: rating, store: screenStore, source: .review, attempt: nil)

        let expected = [Logged(rating: rating, correct: response == Self.right, source: .review, attempt: nil)]
        #expect(try Self.logged(plainStore) == expected)
        #expect(try Self.logged(screenStore) == expected)
    }

    @Test("plain and full-screen practice save the same verdict with the attempt")
    func practiceParity() throws {
        let plainStore = try ProgressStore.inMemory()
        let clock = ManualClock()
        let id = try plainStore.startAttempt(form: PlainRunnerTests.form, kind: .practice, feedsSchedule: true,
                                             at: clock.now())
        let live = LiveAttempt(id: id, session: ExamSession(form: PlainRunnerTests.form), store: plainStore, clock: clock)
        let console = ScriptedConsole([.type("b"), .type("2"), .type("quit")], clock: clock)
        var practice = PlainPractice(live: live, bank: Self.bank, console: console, scheduler: FSRSScheduler(),
                                     feedsSchedule: true, generator: SeededGenerator(seed: 3))
        #expect(try practice.run() == .abandoned)
        #expect(console.output.contains("Incorrect. The answer is A."))

        let screenStore = try ProgressStore.inMemory()
        let screenID = try screenStore.startAttempt(form: PlainRunnerTests.form, kind: .practice, feedsSchedule: true,
                                                    at: clock.now())
        #expect(screenID == id)
        try Self.fullScreen(Self.wrong, rated: .hard, store: screenStore, source: .practice, attempt: screenID)

        let expected = [Logged(rating: .hard, correct: false, source: .practice, attempt: id)]
        #expect(try Self.logged(plainStore) == expected)
        #expect(try Self.logged(screenStore) == expected)
    }

    /// A card in long-term review with `lapses` lapses.
    static func reviewCard(lapses: Int, suspended: Bool = false) -> StudyCard {
        let state = FSRSScheduler().review(nil, rating: .easy, at: start).card
        return StudyCard(bankID: bank.id, questionID: question.id, state: state, lapses: lapses, isSuspended: suspended)
    }

    static func rate(_ card: StudyCard, _ rating: Rating = .again) -> StudyAnswer.Rated {
        var generator = SeededGenerator(seed: 1)
        let answer = StudyAnswer(question: question, in: bank, response: rating == .again ? wrong : right, seconds: 5,
                                 typicalSeconds: nil)
        return answer.rated(rating, cardBefore: card, at: card.state.due, scheduler: FSRSScheduler(), source: .review,
                            attempt: nil, using: &generator)
    }

    @Test("the 8th and 12th lapses make a leech, and the message says how to bring it back", arguments: [8, 12])
    func leech(lapses: Int) throws {
        let rated = Self.rate(Self.reviewCard(lapses: lapses - 1))
        #expect(rated.card.lapses == lapses && rated.card.isSuspended)
        let message = try #require(rated.leechMessage)
        #expect(message.contains("forgotten \(lapses) times"))
        #expect(message.contains("'proctor review unit --unsuspend u1'"))
        #expect(message.contains("'proctor practice unit --domain d'"))
    }

    @Test("other lapses, a lapse of a card already set aside, and a right answer make no leech",
          arguments: [(6, false, Rating.again), (8, false, .again), (10, false, .again), (12, false, .again),
                      (11, true, .again), (7, false, .good), (7, false, .hard)])
    func noLeech(lapsesBefore: Int, suspended: Bool, rating: Rating) {
        let rated = Self.rate(Self.reviewCard(lapses: lapsesBefore, suspended: suspended), rating)
        #expect(rated.leechMessage == nil)
        #expect(rated.card.lapses == lapsesBefore + (rating == .again ? 1 : 0))
        #expect(rated.card.isSuspended == suspended)
    }

    @Test("the leech the answer reports is the one the store sets aside, at the 8th lapse and again at the 12th")
    func leechAgreesWithTheStore() throws {
        let store = try ProgressStore.inMemory()
        var generator = SeededGenerator(seed: 5)
        var messages: [String?] = []
        /// Saves `ratings` in turn, each at the card's due time.
        func rate(_ ratings: [Rating]) throws {
            for rating in ratings {
                let due = try store.card(bank: Self.bank.id, question: Self.question.id)?.due ?? Self.start
                let answer = StudyAnswer(question: Self.question, in: Self.bank,
                                         response: rating == .again ? Self.wrong : Self.right, seconds: 5,
                                         typicalSeconds: nil)
                let rated = try answer.save(rating, to: store, at: due, scheduler: FSRSScheduler(), source: .drill,
                                            attempt: nil, using: &generator)
                #expect(rated.card.isSuspended == (try store.studyCard(bank: Self.bank.id, question: Self.question.id)?.isSuspended))
                messages.append(rated.leechMessage)
            }
        }
        let lapseAndBack = [Rating.again, .good]
        try rate([.easy] + Array(repeating: lapseAndBack, count: 7).flatMap { $0 } + [.again])
        #expect(messages.compactMap { $0 }.count == 1)
        #expect(messages.last??.contains("forgotten 8 times") == true)
        #expect(try store.studyCard(bank: Self.bank.id, question: Self.question.id)?.isSuspended == true)

        try store.setSuspended(false, bank: Self.bank.id, question: Self.question.id)
        messages = []
        try rate([.good] + Array(repeating: lapseAndBack, count: 3).flatMap { $0 } + [.again])
        #expect(messages.compactMap { $0 }.count == 1)
        #expect(messages.last??.contains("forgotten 12 times") == true)
        #expect(messages.last??.contains("--unsuspend u1") == true)
    }
}
