import Foundation
import Synchronization
import Testing

/// The built `proctor` executable, driven over pipes as a script or a screen reader would.
final class ProctorProcess: Sendable {
    enum Failure: Error, CustomStringConvertible {
        case noBinary(searched: [String])
        case timedOut(waitingFor: String, output: String)

        var description: String {
            switch self {
            case .noBinary(let searched): "no proctor executable next to the tests; looked in: \(searched.joined(separator: ", "))"
            case .timedOut(let text, let output): "timed out waiting for \(text.debugDescription); output so far:\n\(output)"
            }
        }
    }

    /// The `proctor` executable built beside the test bundle (`.build/debug/proctor`).
    static func binary() throws -> URL {
        var searched: [String] = []
        var folder = URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent()
        for _ in 0..<5 {
            let candidate = folder.appendingPathComponent("proctor")
            searched.append(candidate.path)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for build in [".build-store", ".build"] {
            let candidate = root.appendingPathComponent("\(build)/debug/proctor")
            searched.append(candidate.path)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw Failure.noBinary(searched: searched)
    }

    private let process: Process
    private let input: Pipe
    /// Bytes read from a pipe so far.
    private final class Buffer: Sendable {
        let data = Mutex(Data())
    }

    private let output = Buffer()
    private let errors = Buffer()
    /// How much of the output earlier waits have consumed.
    private let mark = Mutex(0)
    private let finished = DispatchSemaphore(value: 0)

    /// Starts `proctor arguments...` with pipes for standard input, output and error.
    init(_ arguments: [String], environment: [String: String] = [:]) throws {
        process = Process()
        process.executableURL = try Self.binary()
        process.arguments = arguments
        var variables = ProcessInfo.processInfo.environment
        variables["NO_COLOR"] = "1"
        for (key, value) in environment { variables[key] = value }
        process.environment = variables
        input = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = input
        process.standardOutput = stdout
        process.standardError = stderr
        let finished = finished
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        Self.collect(stdout.fileHandleForReading, into: output)
        Self.collect(stderr.fileHandleForReading, into: errors)
    }

    private static func collect(_ handle: FileHandle, into buffer: Buffer) {
        let thread = Thread {
            while true {
                let data = handle.availableData
                if data.isEmpty { return }
                buffer.data.withLock { $0.append(data) }
            }
        }
        thread.start()
    }

    /// Everything written to standard output so far.
    var text: String { String(decoding: output.data.withLock { $0 }, as: UTF8.self) }

    /// Everything written to standard error so far.
    var errorText: String { String(decoding: errors.data.withLock { $0 }, as: UTF8.self) }

    /// Waits until the output after what earlier waits consumed contains `expected`, and returns that
    /// stretch of output (up to and including `expected`).
    @discardableResult
    func waitFor(_ expected: String, timeout: Double = 20) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let all = Array(text.unicodeScalars)
            let start = mark.withLock { $0 }
            let rest = String(String.UnicodeScalarView(all[min(start, all.count)...]))
            if let range = rest.range(of: expected) {
                let consumed = rest[..<range.upperBound]
                mark.withLock { $0 = start + consumed.unicodeScalars.count }
                return String(consumed)
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
        throw Failure.timedOut(waitingFor: expected, output: text)
    }

    /// Waits for whichever of `prompts` comes first after what earlier waits consumed; returns it
    /// and the output up to it.
    func waitForAny(_ prompts: [String], timeout: Double = 20) throws -> (prompt: String, text: String) {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let all = Array(text.unicodeScalars)
            let start = mark.withLock { $0 }
            let rest = String(String.UnicodeScalarView(all[min(start, all.count)...]))
            let found = prompts.compactMap { prompt in rest.range(of: prompt).map { (prompt, $0) } }
                .min { $0.1.lowerBound < $1.1.lowerBound }
            if let (prompt, range) = found {
                let consumed = rest[..<range.upperBound]
                mark.withLock { $0 = start + consumed.unicodeScalars.count }
                return (prompt, String(consumed))
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
        throw Failure.timedOut(waitingFor: prompts.joined(separator: " | "), output: text)
    }

    /// Types a line.
    func send(_ line: String) {
        input.fileHandleForWriting.write(Data((line + "\n").utf8))
    }

    /// Ends standard input, as a script that runs out does.
    func closeInput() {
        try? input.fileHandleForWriting.close()
    }

    /// Kills the process with SIGKILL: no handler, no clean-up.
    func killHard() {
        kill(process.processIdentifier, SIGKILL)
    }

    /// Waits for the process to end and returns its exit status.
    @discardableResult
    func waitForExit(timeout: Double = 20) throws -> Int32 {
        guard finished.wait(timeout: .now() + timeout) == .success else {
            process.terminate()
            throw Failure.timedOut(waitingFor: "exit", output: text)
        }
        // Let the readers drain what was written just before the end.
        Thread.sleep(forTimeInterval: 0.05)
        return process.terminationStatus
    }

    /// Runs `proctor arguments...` to the end with `input` on standard input.
    static func run(_ arguments: [String], input: String = "") throws -> (status: Int32, output: String, errors: String) {
        let process = try ProctorProcess(arguments)
        if !input.isEmpty { process.input.fileHandleForWriting.write(Data(input.utf8)) }
        process.closeInput()
        let status = try process.waitForExit()
        return (status, process.text, process.errorText)
    }
}
