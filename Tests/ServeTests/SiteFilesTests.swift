import Foundation
@testable import Serve
import Testing

@Suite struct SiteFilesTests {
    @Test func servesOnlyFilesInsideTheFolder() throws {
        let base = FileManager.default.temporaryDirectory.appending(path: "shortpath-files-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        let root = base.appending(path: "site")
        try FileManager.default.createDirectory(at: root.appending(path: "services/api"), withIntermediateDirectories: true)
        try Data("<html><head></head><body>api</body></html>".utf8).write(to: root.appending(path: "services/api/index.html"))
        try Data("secret".utf8).write(to: base.appending(path: "secret.txt"))
        try FileManager.default.createSymbolicLink(atPath: root.appending(path: "leak.txt").path, withDestinationPath: "../secret.txt")
        let files = SiteFiles(root: root)
        #expect(files.file(for: "/services/api/")?.lastPathComponent == "index.html")
        #expect(files.file(for: "/services/api/index.html") != nil)
        for path in ["/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt", "/services/../../secret.txt", "/leak.txt",
                     "/services", "/nope", "/.hidden", "/services/api/index.html%00.png"] where path != "/services" {
            #expect(files.file(for: path) == nil, "\(path)")
        }
        #expect(files.file(for: "/services") == nil)
    }

    @Test func injectsTheReloadScriptAndOpensTheEventStream() {
        let page = LiveReload.inject(into: "<head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'self'\"></head><body></body>")
        #expect(page.contains("content=\"default-src 'none'; connect-src 'self'; script-src 'self'\""))
        #expect(page.contains("<script src=\"/__shortpath/reload.js\" defer></script></head>"))
    }
}
