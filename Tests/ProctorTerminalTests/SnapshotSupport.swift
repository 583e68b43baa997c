import Foundation
import ProctorTerminal
import Testing

/// Plain-text snapshots of rendered frames, stored beside the tests in `Snapshots/`.
///
/// A missing or different snapshot fails the test; with `RECORD_SNAPSHOTS=1` in the environment it
/// is written instead (review the change with `git diff` before committing it).
enum Snapshot {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    static var isRecording: Bool { ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" }

    /// Checks `frame` against `Snapshots/<name>.<columns>x<rows>.txt`.
    static func check(_ frame: Frame, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        check(text: frame.text, named: "\(name).\(frame.size.columns)x\(frame.size.rows)", sourceLocation: sourceLocation)
    }

    /// Checks `text` against `Snapshots/<name>.txt`.
    static func check(text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = folder.appendingPathComponent(name + ".txt")
        let stored = try? String(contentsOf: url, encoding: .utf8)
        if stored == text { return }
        if isRecording {
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                try text.write(to: url, atomically: true, encoding: .utf8)
            } catch {
                Issue.record("cannot write snapshot \(url.path): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let stored else {
            Issue.record("no snapshot \(name).txt; run with RECORD_SNAPSHOTS=1 to record it:\n\(text)",
                         sourceLocation: sourceLocation)
            return
        }
        let old = stored.split(separator: "\n", omittingEmptySubsequences: false)
        let new = text.split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(old, new).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(old.count, new.count)
        let was = line < old.count ? String(old[line]) : "(end)"
        let now = line < new.count ? String(new[line]) : "(end)"
        Issue.record("""
            snapshot \(name).txt differs at line \(line + 1):
              stored: \(was)
              now:    \(now)
            whole frame now:
            \(text)
            """, sourceLocation: sourceLocation)
    }
}

/// The two sizes every screen is checked at: the minimum and a roomy window.
let snapshotSizes = [TerminalSize(columns: 80, rows: 24), TerminalSize(columns: 120, rows: 40)]
