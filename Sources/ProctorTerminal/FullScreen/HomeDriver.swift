/// The home screen's key loop: arrows select, Enter chooses, `r` and `d` jump to reviews and the
/// weakest-topic drill, `q` quits. Returns the choice; the caller runs it and may come back.
public struct HomeScreenDriver {
    public let state: HomeState
    public private(set) var selection: Int

    /// - Parameter selection: the row selected at first (say, the one chosen last time).
    public init(state: HomeState, selection: Int = 0) {
        self.state = state
        self.selection = selection
    }

    /// Shows home until a choice is made (`.quit` for q, Esc, Ctrl-C or a signal).
    public mutating func run(on screen: FullScreen) throws -> HomeChoice {
        while true {
            let (state, selection) = (state, selection)
            screen.draw { size in HomeScreen.render(state: state, selection: selection, size: size, theme: screen.theme) }
            guard let key = screen.nextKey(timeout: nil), key != .resize else { continue }
            if let choice = handle(key, pageHeight: ScreenLayout.bodyHeight(screen.size)) { return choice }
        }
    }

    /// Handles one key; the choice when one is made.
    mutating func handle(_ key: Key, pageHeight: Int) -> HomeChoice? {
        let entries = HomeScreen.entries(state)
        let last = max(0, entries.count - 1)
        if key.isInterruption { return .quit }
        switch key {
        case .up, .character("k"): selection = max(0, selection - 1)
        case .down, .character("j"), .tab: selection = min(last, selection + 1)
        case .pageUp: selection = max(0, selection - pageHeight / 2)
        case .pageDown: selection = min(last, selection + pageHeight / 2)
        case .home: selection = 0
        case .end: selection = last
        case .enter, .right:
            return entries.indices.contains(selection) ? entries[selection].choice : nil
        case .character("r"):
            return entries.first { if case .review = $0.choice { true } else { false } }?.choice
        case .character("d"):
            return entries.first { if case .drillWeak = $0.choice { true } else { false } }?.choice
        case .character("q"), .escape:
            return .quit
        default:
            break
        }
        return nil
    }
}
