extension ExamSession {
    /// Performs `action` at `now` and returns what happened, in order; the session has already
    /// recorded every returned event.
    ///
    /// Time is counted up to `now` first, so an action that arrives after the time limit finds
    /// the exam timed out and is refused. `open` starts counting from `now` without counting the
    /// gap since the session was last seen (a suspension or a crash). A refused action comes back
    /// as a `.rejected` event and changes nothing else.
    public mutating func apply(_ action: SessionAction, at now: Timestamp) -> [SessionEvent] {
        var events: [SessionEvent] = []
        switch action {
        case .open:
            guard !isSubmitted else { return [.rejected(.examOver)] }
            emit(.opened(at: now), into: &events)
        case .close:
            advanceClock(to: now, into: &events)
            if isOpen { emit(.closed(at: now), into: &events) }
        case .tick:
            advanceClock(to: now, into: &events)
        case .answer, .toggleFlag, .toggleStrike, .next, .previous, .goTo, .takeBreak, .skipBreak,
             .endBreak, .submit:
            guard !isSubmitted else { return [.rejected(.examOver)] }
            guard isOpen else { return [.rejected(.notOpen)] }
            advanceClock(to: now, into: &events)
            guard !isSubmitted else { return events + [.rejected(.examOver)] }
            let outcome = perform(action, at: now)
            switch outcome {
            case .success(let event): emit(event, into: &events)
            case .failure(let error): events.append(.rejected(error))
            }
        }
        return events
    }

    /// The session after `action` at `now`, and the events it produced.
    public func applying(_ action: SessionAction, at now: Timestamp) -> (ExamSession, [SessionEvent]) {
        var copy = self
        let events = copy.apply(action, at: now)
        return (copy, events)
    }

    /// Starts or resumes counting time at `now`.
    public mutating func open(at now: Timestamp) -> [SessionEvent] { apply(.open, at: now) }

    /// Counts time up to `now` and suspends.
    public mutating func close(at now: Timestamp) -> [SessionEvent] { apply(.close, at: now) }

    /// Counts time up to `now`; may end a break or time the exam out.
    public mutating func tick(at now: Timestamp) -> [SessionEvent] { apply(.tick, at: now) }

    private mutating func emit(_ event: SessionEvent, into events: inout [SessionEvent]) {
        record(event)
        events.append(event)
    }

    /// Counts the time from `countedUntil` to `now` on the exam or break clock.
    ///
    /// A break that runs past its limit ends at the limit and the exam clock takes over from
    /// there, as at a test centre; an exam clock that reaches the limit submits at that moment.
    private mutating func advanceClock(to now: Timestamp, into events: inout [SessionEvent]) {
        guard let since = countedUntil, now > since else { return }
        switch phase {
        case .submitted:
            return
        case .inProgress:
            advanceExamClock(from: since, to: now, into: &events)
        case .onBreak(let index):
            guard breaks.indices.contains(index) else { return }
            let limit = Double(breaks[index].limitSeconds)
            let used = breakSeconds + now.seconds(since: since)
            if used < limit {
                emit(.breakClock(at: now, breakSeconds: used), into: &events)
                return
            }
            let endsAt = since.adding(seconds: max(0, limit - breakSeconds))
            emit(.breakClock(at: endsAt, breakSeconds: limit), into: &events)
            emit(.breakEnded(index: index), into: &events)
            if now > endsAt { advanceExamClock(from: endsAt, to: now, into: &events) }
        }
    }

    private mutating func advanceExamClock(from since: Timestamp, to now: Timestamp, into events: inout [SessionEvent]) {
        let total = elapsedSeconds + now.seconds(since: since)
        let limit = Double(form.timeLimitSeconds)
        guard form.isTimed, total >= limit else {
            emit(.clock(at: now, elapsedSeconds: total), into: &events)
            return
        }
        let runsOutAt = since.adding(seconds: max(0, limit - elapsedSeconds))
        emit(.clock(at: runsOutAt, elapsedSeconds: limit), into: &events)
        emit(.submitted(reason: .timeout, at: runsOutAt), into: &events)
    }

    /// The event an action makes on an open, unfinished session, or why it is refused.
    private func perform(_ action: SessionAction, at now: Timestamp) -> Result<SessionEvent, SessionError> {
        if case .onBreak(let index) = phase {
            switch action {
            case .endBreak: return .success(.breakEnded(index: index))
            case .open, .close, .tick, .answer, .toggleFlag, .toggleStrike, .next, .previous, .goTo,
                 .takeBreak, .skipBreak, .submit:
                return .failure(.onBreak)
            }
        }
        let current = currentIndex
        let section = sectionRange
        switch action {
        case .open, .close, .tick:
            // `apply` handles these itself and never asks here.
            return .failure(.notOpen)
        case .endBreak:
            return .failure(.notOnBreak)
        case .answer(let response):
            guard form.items.indices.contains(current) else { return .failure(.outOfRange(index: current)) }
            if let response, let problem = Self.problem(with: response, for: form.items[current]) {
                return .failure(problem)
            }
            return .success(.answered(index: current, response: response))
        case .toggleFlag:
            guard flags.indices.contains(current) else { return .failure(.outOfRange(index: current)) }
            return .success(.flagged(index: current, isFlagged: !flags[current]))
        case .toggleStrike(let optionID):
            guard form.items.indices.contains(current) else { return .failure(.outOfRange(index: current)) }
            let item = form.items[current]
            guard item.kind.isChoice else { return .failure(.notAChoiceQuestion) }
            guard item.optionOrder.contains(optionID) else { return .failure(.unknownID(optionID)) }
            let isStruck = !struckOptions[current].contains(optionID)
            return .success(.struck(index: current, optionID: optionID, isStruck: isStruck))
        case .next:
            guard current + 1 < form.items.count else { return .failure(.atLastQuestion) }
            return destination(current + 1, in: section)
        case .previous:
            guard current > 0 else { return .failure(.atFirstQuestion) }
            return destination(current - 1, in: section)
        case .goTo(let index):
            guard form.items.indices.contains(index) else { return .failure(.outOfRange(index: index)) }
            return destination(index, in: section)
        case .takeBreak:
            guard let index = nextBreakIndex else { return .failure(.noBreakAhead) }
            return .success(.breakStarted(index: index))
        case .skipBreak:
            guard let index = nextBreakIndex else { return .failure(.noBreakAhead) }
            return .success(.breakSkipped(index: index))
        case .submit:
            return .success(.submitted(reason: .candidate, at: now))
        }
    }

    private func destination(_ index: Int, in section: Range<Int>) -> Result<SessionEvent, SessionError> {
        if index < section.lowerBound { return .failure(.locked(index: index)) }
        if index >= section.upperBound { return .failure(.beyondBreak(index: index)) }
        return .success(.moved(index: index))
    }

    /// What is wrong with `response` as an answer to `item`, or `nil` when it fits.
    static func problem(with response: Response, for item: ExamForm.Item) -> SessionError? {
        switch (item.kind, response) {
        case (.single, .options(let ids)), (.trueFalse, .options(let ids)):
            if let unknown = ids.sorted().first(where: { !item.optionOrder.contains($0) }) { return .unknownID(unknown) }
            return ids.count == 1 ? nil : .wrongOptionCount
        case (.multiple, .options(let ids)):
            if let unknown = ids.sorted().first(where: { !item.optionOrder.contains($0) }) { return .unknownID(unknown) }
            return ids.isEmpty ? .wrongOptionCount : nil
        case (.numeric, .number(let number)):
            return number.isFinite ? nil : .notANumber
        case (.ordering, .order(let ids)):
            if let unknown = ids.first(where: { !item.orderItemOrder.contains($0) }) { return .unknownID(unknown) }
            return ids.count == item.orderItemOrder.count && Set(ids).count == ids.count ? nil : .incompleteOrder
        case (.matching, .pairs(let pairs)):
            let lefts = pairs.keys.sorted()
            if let unknown = lefts.first(where: { !item.leftOrder.contains($0) }) { return .unknownID(unknown) }
            let rights = lefts.compactMap { pairs[$0] }
            if let unknown = rights.first(where: { !item.rightOrder.contains($0) }) { return .unknownID(unknown) }
            return !pairs.isEmpty && Set(rights).count == rights.count ? nil : .invalidPairs
        case (.single, _), (.multiple, _), (.trueFalse, _), (.numeric, _), (.ordering, _), (.matching, _):
            return .wrongResponseKind
        }
    }
}
