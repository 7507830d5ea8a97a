import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing


/// `shortpath serve` run as a user runs it: served pages, live reload, errors in the browser.
@Suite(.serialized) struct ServeCommandTests {
    func exampleCopy() throws -> Scratch {
        let scratch = Scratch()
        try FileManager.default.removeItem(at: scratch.url)
        try FileManager.default.copyItem(at: repositoryRoot.appending(path: "content"), to: scratch.url.appending(path: "content"))
        return scratch
    }

    func start(_ scratch: Scratch) throws -> (Background, String) {
        let server = try Background([shortpathBinary(), "serve", "--port", "0", "--source", scratch.url.path, "--today", "2026-11-27"])
        let output = try #require(server.wait(for: "serving http://"))
        let port = output.split(separator: "\n").first { $0.hasPrefix("serving") }!.split(separator: ":")[2].prefix { $0.isNumber }
        return (server, "http://127.0.0.1:\(port)")
    }

    /// Polls until `condition` holds for the page, up to five seconds.
    func eventually(_ url: String, _ condition: (Int, String) -> Bool) async throws -> Bool {
        for _ in 0..<250 {
            let (status, body, _) = try await get(url)
            if condition(status, body) { return true }
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        return false
    }

    @Test func servesRebuildsAndReloads() async throws {
        let scratch = try exampleCopy()
        let (server, base) = try start(scratch)
        let (status, body, type) = try await get(base + "/")
        #expect(status == 200)
        #expect(type == "text/html; charset=utf-8")
        #expect(body.contains("<script src=\"/__shortpath/reload.js\" defer></script></head>"))
        #expect(body.contains("connect-src 'self'"))
        let (missing, notFound, _) = try await get(base + "/services/nothing/")
        #expect(missing == 404)
        #expect(notFound.contains("Page not found"))
        // Shown at any path, the 404 page carries its stylesheet, allowed by its hash.
        #expect(notFound.contains("<style>/* Shortpath default theme."))
        #expect(notFound.contains("style-src 'self' &#39;sha256-"))
        let (_, css, cssType) = try await get(base + "/__shortpath/overlay.css")
        #expect(cssType == "text/css")
        #expect(css.contains("#shortpath-errors"))

        // The browser's event stream, read by curl.
        let events = try Background(["/usr/bin/curl", "-sN", "--max-time", "8", base + "/__shortpath/events"])
        #expect(events.wait(for: ": connected") != nil)
        let file = scratch.url.appending(path: "content/services/edge-proxy.md")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: "TLS termination and routing", with: "TLS termination, edited").write(to: file, atomically: true, encoding: .utf8)
        #expect(try await eventually(base + "/services/edge-proxy/") { $1.contains("TLS termination, edited") })
        #expect(events.wait(for: "\"services/edge-proxy/index.html\"") != nil, "\(events.output)")
        #expect(server.wait(for: "rebuilt 48 pages in") != nil)

        // A content error: shown in the browser and the terminal, the last good page stays.
        let broken = scratch.url.appending(path: "content/services/broken.md")
        try "---\nownr: x\n---\n".write(to: broken, atomically: true, encoding: .utf8)
        #expect(try await eventually(base + "/__shortpath/errors") { $1.contains("broken.md:2:1: error: unknown key 'ownr'") })
        let (stillThere, page, _) = try await get(base + "/services/edge-proxy/")
        #expect(stillThere == 200 && page.contains("TLS termination, edited"))
        #expect(server.wait(for: "content/services/broken.md:2:1: error: unknown key 'ownr' in a service (did you mean 'owner'?)") != nil)
        try FileManager.default.removeItem(at: broken)
        #expect(try await eventually(base + "/__shortpath/errors") { $1 == "[]" })

        // A change to the standard rebuilds everything that depends on it.
        let standards = scratch.url.appending(path: "content/standards.md")
        let rule = try String(contentsOf: standards, encoding: .utf8)
        try rule.replacingOccurrences(of: "review: 2027-01-15", with: "review: 2027-02-01").write(to: standards, atomically: true, encoding: .utf8)
        #expect(try await eventually(base + "/standards/") { $1.contains("2027-02-01") })
        #expect(try await eventually(base + "/progress/") { $1.contains("2027-02-01") })
        #expect(server.wait(for: "rebuilt the whole site") != nil)
        // One more service edit after it, so the comparison below covers an incremental rebuild last.
        let rebuildsBefore = server.output.components(separatedBy: "rebuilt ").count - 1
        try text.replacingOccurrences(of: "TLS termination and routing", with: "TLS termination, edited again").write(to: file, atomically: true, encoding: .utf8)
        #expect(try await eventually(base + "/services/edge-proxy/") { $1.contains("edited again") })
        #expect(try await eventually(base + "/index.html") { $1.contains("edited again") })
        // The index is written before the data files: compare only once serve says the update is done.
        #expect(server.wait(for: "rebuilt ", count: rebuildsBefore + 1) != nil)
        #expect(try await eventually(base + "/inventory.json") { $1.contains("edited again") })

        // What serve wrote equals a full build of the same content.
        let served = FileManager.default.temporaryDirectory.appending(path: "shortpath-serve-\(server.pid)")
        let fresh = scratch.url.appending(path: "fresh")
        #expect(try shortpath(["build", "--source", scratch.url.path, "--output", fresh.path, "--today", "2026-11-27"]).status == 0)
        let a = tree(served).filter { !$0.key.hasPrefix(".") && !$0.key.contains("/.") }
        let b = tree(fresh).filter { !$0.key.hasPrefix(".") && !$0.key.contains("/.") }
        #expect(a.count == b.count && a.count > 10)
        #expect(a == b)
        _ = events
        // Ctrl-C stops cleanly: exit status 0, and the folder it served from is gone.
        #expect(server.stop(SIGINT) == 0)
        #expect(!FileManager.default.fileExists(atPath: served.path))
    }

    @Test func refusesToLeaveTheFolder() async throws {
        let scratch = try exampleCopy()
        let (server, base) = try start(scratch)
        for path in ["/../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", "/services/..%2f..%2f..%2fetc/passwd"] {
            let run = try Background(["/usr/bin/curl", "-s", "--path-as-is", "-o", "/dev/null", "-w", "%{http_code}", base + path])
            #expect(run.wait(for: "404", seconds: 5) != nil, "\(path): \(run.output)")
        }
        #expect(server.stop(SIGTERM) == 0)
    }
}
