import ProctorCLI

/// The `proctor` executable: everything lives in ProctorCLI so tests can call it without a process.
@main
enum Entrypoint {
    static func main() {
        ProctorCommand.main()
    }
}
