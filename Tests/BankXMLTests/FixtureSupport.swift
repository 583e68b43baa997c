import Foundation

/// Paths of the fixture files that sit beside these tests.
enum Fixtures {
    static let root: String = {
        Bundle.module.resourceURL?.appendingPathComponent("Fixtures").path
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path
    }()

    static func path(_ relative: String) -> String {
        root + "/" + relative
    }

    /// A temporary folder, removed when `body` returns.
    static func withTemporaryFolder<T>(_ body: (String) throws -> T) rethrows -> T {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("proctor-bankxml-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        return try body(folder)
    }

    /// Writes `text` to `folder/name`, creating subfolders.
    static func write(_ text: String, to name: String, in folder: String) {
        let path = folder + "/" + name
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                 withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    }
}
