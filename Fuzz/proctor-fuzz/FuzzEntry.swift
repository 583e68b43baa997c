import BankXML

/// Runs every file named on the command line through the loader (the corpus replay; the libFuzzer
/// build, with `-D FUZZING`, takes its entry point from `LLVMFuzzerTestOneInput` instead).
#if !FUZZING
@main
enum CorpusReplay {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            let result = BankLoader().load(path: path)
            print("\(path): \(result.diagnostics.count) findings")
        }
    }
}
#endif
