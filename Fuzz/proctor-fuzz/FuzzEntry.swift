#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BankXML

/// One fuzz input through the loader, exactly as libFuzzer and the corpus replay both run it.
///
/// The bytes are loaded as `bank.xml` in a private temporary folder that also holds two include
/// files (a valid `questions` file and one that includes itself), so inputs that grow an
/// `xi:include` reach the include code without ever reading anything outside that folder.
enum FuzzHarness {
    /// The folder inputs are loaded in; made once per process.
    nonisolated(unsafe) static var folder: String?

    /// The temporary folder, made on first use; nil when it cannot be made.
    static func prepareFolder() -> String? {
        if let folder { return folder }
        var template = Array("/tmp/proctor-fuzz-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> String? in
            guard let base = buffer.baseAddress, let made = mkdtemp(base) else { return nil }
            return String(cString: made)
        }
        guard let path = made else { return nil }
        write(includedQuestions, to: path + "/questions.xml")
        write(selfInclude, to: path + "/loop.xml")
        folder = path
        atexit { FuzzHarness.removeFolder() }
        return path
    }

    /// Removes the folder and what was written to it.
    static func removeFolder() {
        guard let folder else { return }
        for name in ["questions.xml", "loop.xml"] { unlink(folder + "/" + name) }
        rmdir(folder)
    }

    /// Formatted findings' total length, kept so formatting them is not optimised away.
    nonisolated(unsafe) static var formattedBytes = 0

    /// Loads `bytes` as a bank and formats every finding (as `lint` would print it); the count of
    /// findings.
    static func run(_ bytes: [UInt8]) -> Int {
        guard let folder = prepareFolder() else { return 0 }
        let result = BankLoader().load(bytes: bytes, path: folder + "/bank.xml")
        for diagnostic in result.diagnostics { formattedBytes &+= diagnostic.formatted.utf8.count }
        return result.diagnostics.count
    }

    private static func write(_ text: String, to path: String) {
        guard let file = fopen(path, "wb") else { return }
        defer { fclose(file) }
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
    }

    private static let includedQuestions = """
        <?xml version="1.0" encoding="UTF-8"?>
        <questions xmlns="urn:proctor:bank:1">
          <question id="inc-1" type="single" domain="d" difficulty="2">
            <stem>Which one?</stem>
            <option id="a">One</option>
            <option id="b" correct="true">Two</option>
            <option id="c">Three</option>
            <explanation>Two.</explanation>
          </question>
        </questions>
        """

    private static let selfInclude = """
        <?xml version="1.0" encoding="UTF-8"?>
        <questions xmlns="urn:proctor:bank:1" xmlns:xi="http://www.w3.org/2001/XInclude">
          <xi:include href="loop.xml"/>
        </questions>
        """
}

/// Reads a whole file; nil when it cannot be read.
func readFile(_ path: String) -> [UInt8]? {
    guard let file = fopen(path, "rb") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65_536)
    while true {
        let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
        if count == 0 { break }
        bytes += chunk.prefix(count)
    }
    return bytes
}

#if FUZZING
/// libFuzzer's driver: parses its flags from `argv` and calls `callback` with each input.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

/// The libFuzzer build: hands control to libFuzzer's driver, which feeds inputs to the loader.
///
/// SwiftPM links an executable with `main` aliased to the module's entry point, so the entry is an
/// ordinary `@main` that starts the driver (libFuzzer's own `main` is never linked in).
@main
enum FuzzDriver {
    static func main() {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        let status = LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
            _ = FuzzHarness.run(bytes)
            return 0
        }
        exit(status)
    }
}
#else
/// Runs every file named on the command line through the loader as the fuzzer does (the corpus
/// replay: a crash artifact or a whole corpus folder's files, one per argument).
@main
enum CorpusReplay {
    static func main() {
        var failed = false
        for path in CommandLine.arguments.dropFirst() {
            guard let bytes = readFile(path) else {
                print("\(path): cannot read")
                failed = true
                continue
            }
            print("\(path): \(FuzzHarness.run(bytes)) findings")
        }
        exit(failed ? 1 : 0)
    }
}
#endif
