import ProctorCore

/// Shows a score report and walks through the answers with their explanations, until closed.
public struct FullScreenResultsDriver {
    public let report: ScoreReport
    public let form: ExamForm
    public let content: ExamContent
    public private(set) var view = ResultsView()

    /// - Parameters:
    ///   - form: the attempt's form, for the options in the order the candidate saw them.
    public init(report: ScoreReport, form: ExamForm, content: ExamContent) {
        self.report = report
        self.form = form
        self.content = content
    }

    /// Shows the report and the walk-through until closed (q, Esc on the report, Ctrl-C, a signal).
    public mutating func run(on screen: FullScreen) throws {
        while true {
            let (report, form, content, view) = (report, form, content, view)
            screen.draw { size in
                switch view.mode {
                case .report:
                    ScoreReportScreen.render(report: report, content: content, size: size, theme: screen.theme)
                case .walkthrough(let position):
                    WalkthroughScreen.render(report: report, form: form, content: content, view: view,
                                             position: position, size: size, theme: screen.theme)
                }
            }
            guard let key = screen.nextKey(timeout: nil), key != .resize else { continue }
            if handle(key, pageHeight: ScreenLayout.bodyHeight(screen.size)) { return }
            if case .walkthrough(let position) = self.view.mode {
                let maximum = WalkthroughScreen.maximumScroll(report: report, form: form, content: content,
                                                              view: self.view, position: position, size: screen.size)
                self.view.scroll = min(self.view.scroll, maximum)
            }
        }
    }

    /// Handles one key; `true` when the report is closed.
    mutating func handle(_ key: Key, pageHeight: Int) -> Bool {
        if key.isInterruption || key == .character("q") { return true }
        switch view.mode {
        case .report:
            switch key {
            case .character("w"), .enter, .right: view = ResultsView(mode: .walkthrough(position: 0))
            case .character("e"): view = ResultsView(mode: .walkthrough(position: 0), wrongOnly: true)
            case .escape: return true
            default: break
            }
        case .walkthrough(let position):
            let count = view.walkthroughIndices(report).count
            switch key {
            case .right, .character("n"), .enter:
                if position + 1 < count {
                    view.mode = .walkthrough(position: position + 1)
                    view.scroll = 0
                } else {
                    view = ResultsView()
                }
            case .left, .character("p"):
                view.mode = .walkthrough(position: max(0, position - 1))
                view.scroll = 0
            case .up: view.scroll = max(0, view.scroll - 1)
            case .down: view.scroll += 1
            case .pageUp: view.scroll = max(0, view.scroll - max(1, pageHeight - 1))
            case .pageDown: view.scroll += max(1, pageHeight - 1)
            case .character("e"): view = ResultsView(mode: .walkthrough(position: 0), wrongOnly: !view.wrongOnly)
            case .escape, .character("r"), .backspace: view = ResultsView()
            default: break
            }
        }
        return false
    }
}
