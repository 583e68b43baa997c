import Foundation

/// Where Proctor keeps things on this machine, per cli.md: banks, the progress database.
enum Locations {
    /// `$XDG_DATA_HOME/proctor`, or `~/.local/share/proctor`.
    static var dataHome: String {
        let environment = ProcessInfo.processInfo.environment
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") { return xdg + "/proctor" }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.local/share/proctor"
    }

    /// The `QuestionBanks` folder shipped with Proctor: next to an installed binary
    /// (`bin/../share/proctor/QuestionBanks`), else the source checkout this binary was built from.
    static var shippedBanks: String? {
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        let installed = executable.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("share/proctor/QuestionBanks").path
        if FileManager.default.fileExists(atPath: installed) { return installed }
        // Sources/ProctorCLI/Support/Locations.swift → the package root.
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("QuestionBanks").path
        if FileManager.default.fileExists(atPath: checkout) { return checkout }
        return nil
    }

    /// The bank folders to search: `--banks`, else `PROCTOR_BANKS`, else the shipped banks then the
    /// user's own folder.
    static func bankFolders(explicit: [String]) -> [String] {
        if !explicit.isEmpty { return explicit }
        if let variable = ProcessInfo.processInfo.environment["PROCTOR_BANKS"], !variable.isEmpty {
            return variable.split(separator: ":").map(String.init)
        }
        var folders: [String] = []
        if let shipped = shippedBanks { folders.append(shipped) }
        let user = dataHome + "/banks"
        if FileManager.default.fileExists(atPath: user) { folders.append(user) }
        return folders
    }

    /// The progress database: `--db`, else `PROCTOR_DB`, else `$XDG_DATA_HOME/proctor/proctor.sqlite`.
    static func database(explicit: String?) -> String {
        if let explicit { return explicit }
        if let variable = ProcessInfo.processInfo.environment["PROCTOR_DB"], !variable.isEmpty { return variable }
        return dataHome + "/proctor.sqlite"
    }
}
