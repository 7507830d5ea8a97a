import Foundation
@testable import Inventory
import Testing

/// The repository, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

let exampleToday = Day("2026-11-27")!

/// A temporary folder removed at the end of the test.
final class TemporaryFolder {
    let url: URL

    init() {
        url = FileManager.default.temporaryDirectory.appending(path: "shortpath-test-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func write(_ path: String, _ text: String) {
        write(path, Data(text.utf8))
    }

    func write(_ path: String, _ data: Data) {
        let file = url.appending(path: path)
        try! FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! data.write(to: file)
    }

    func read(_ path: String) -> String? {
        (try? Data(contentsOf: url.appending(path: path))).map { String(decoding: $0, as: UTF8.self) }
    }

    /// A minimal valid site: settings, standards and one service.
    func writeMinimalSite() {
        write("content/_index.md", "---\ntitle: Test inventory\n---\nHello.\n")
        write("content/standards.md", "---\nreview: 2027-01-15\ncomponents: { node: \"22\" }\nimages:\n  web: registry.example.com/base/web:2026.11\n---\n")
        write("content/services/api.md", """
            ---
            name: API <b>&
            description: The "public" API
            owner: dana
            base_image: registry.example.com/base/web:2026.11
            rebuilt: 2026-11-20
            components: { node: "20.1.0" }
            environments:
              production:
                version: "1.2.0"
            ---

            # Runbook

            <script>alert(1)</script>

            Restart with `kubectl rollout restart`.
            """)
    }
}

/// Every file under a folder with its bytes, for byte-for-byte comparisons.
func snapshot(_ folder: URL) -> [String: Data] {
    var files: [String: Data] = [:]
    guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return files }
    while let path = walker.nextObject() as? String {
        var isDirectory: ObjCBool = false
        let url = folder.appending(path: path)
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            files[path] = try? Data(contentsOf: url)
        }
    }
    return files
}
