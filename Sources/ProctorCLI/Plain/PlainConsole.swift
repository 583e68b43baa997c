import Foundation
import ProctorCore

/// Where plain mode reads the learner's lines and writes its text: standard input and output, or
/// a script in tests.
protocol PlainConsole: Sendable {
    /// The next line typed, without its newline; `nil` when input has ended.
    func readLine() -> String?
    /// Writes `text` as is (no newline added).
    func write(_ text: String)
}

extension PlainConsole {
    /// Writes one line.
    func line(_ text: String = "") {
        write(text + "\n")
    }

    /// Writes lines, each followed by a newline.
    func lines(_ lines: [String]) {
        guard !lines.isEmpty else { return }
        write(lines.joined(separator: "\n") + "\n")
    }

    /// Writes `prompt` and reads the answer.
    func ask(_ prompt: String) -> String? {
        write(prompt)
        return readLine()
    }
}

/// Standard input and output, unbuffered so that prompts appear before the program waits.
///
/// When input does not come from a terminal (a script, a pipe), each line read is echoed after its
/// prompt, so the output reads as a transcript.
struct StandardConsole: PlainConsole {
    private let echoesInput = isatty(STDIN_FILENO) == 0

    func readLine() -> String? {
        let line = Swift.readLine(strippingNewline: true)
        if echoesInput { write((line ?? "") + "\n") }
        return line
    }

    func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

/// What tells the time; only the CLI reads the real clock, and passes the time on.
protocol ExamClock: Sendable {
    /// The time now.
    func now() -> Timestamp
}

/// The machine's clock.
struct SystemClock: ExamClock {
    func now() -> Timestamp {
        Timestamp(secondsSince1970: Date().timeIntervalSince1970)
    }
}
