import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

@Suite struct EOLUpdateTests {
    /// Starts the fixture API (endoflife.date's v1, see Tests/fixtures/eol_server.py) on a free
    /// loopback port; stopped when the test ends. Spawned with posix_spawn rather than
    /// Foundation's Process: while a Process child runs, Foundation on Linux notices no other
    /// child's exit, and every other command in the tests would hang.
    final class FixtureAPI {
        let pid: pid_t
        let port: Int

        init(_ options: [String] = []) throws {
            var fds: [Int32] = [0, 0]
            guard pipe(&fds) == 0 else { throw CocoaError(.fileWriteUnknown) }
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
            posix_spawn_file_actions_addclose(&actions, fds[0])
            let script = repositoryRoot.appending(path: "Tests/fixtures/eol_server.py").path
            let argv: [UnsafeMutablePointer<CChar>?] = (["/usr/bin/env", "python3", script] + options).map { strdup($0) } + [nil]
            var child: pid_t = 0
            let status = posix_spawn(&child, "/usr/bin/env", &actions, nil, argv, environ)
            posix_spawn_file_actions_destroy(&actions)
            argv.forEach { free($0) }
            close(fds[1])
            guard status == 0 else { close(fds[0]); throw CocoaError(.fileWriteUnknown) }
            pid = child
            var line = [UInt8]()
            var byte: UInt8 = 0
            while read(fds[0], &byte, 1) == 1, byte != 0x0A { line.append(byte) }
            close(fds[0])
            port = Int(String(decoding: line, as: UTF8.self)) ?? 0
        }

        deinit {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }

        var url: String { "http://127.0.0.1:\(port)/api" }

        /// The paths asked so far, in order.
        func requests() throws -> [String] {
            let data = try Data(contentsOf: URL(string: "http://127.0.0.1:\(port)/_requests")!)
            return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        }
    }

    func site(components: String, eolProducts: Bool = true, service: String? = nil) -> Scratch {
        let scratch = Scratch()
        let mapping = eolProducts ? "eol_products: { node: nodejs, postgres: postgresql }\n" : ""
        scratch.write("content/standards.md", "---\nreview: 2027-01-15\ncomponents: { \(components) }\n\(mapping)---\n")
        if let service {
            scratch.write("content/services/api.md", cleanService.replacingOccurrences(of: "components: { node: \"22.1.0\" }", with: "components: { \(service) }"))
        }
        return scratch
    }

    func update(_ api: FixtureAPI, _ scratch: Scratch, today: String = "2026-11-27", _ more: [String] = []) throws -> Run {
        try shortpath(["eol", "update", "--api", api.url, "--source", scratch.url.path, "--today", today] + more)
    }

    func file(_ scratch: Scratch, _ product: String) -> String {
        (try? String(contentsOf: scratch.url.appending(path: "content/eol/\(product).json"), encoding: .utf8)) ?? ""
    }

    let skipped = "; skipped (name it under eol_products in standards.md if it has another name)"

    @Test func fetchesV1ChecksAndWritesAtomically() throws {
        let api = try FixtureAPI()
        #expect(api.port > 0)
        let scratch = site(components: "node: \"22\", postgres: \"16\", custom: \"1\"")
        let first = try update(api, scratch)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == """
            custom: the API has no such product\(skipped)
            nodejs: new, content/eol/nodejs.json (3 cycles)
            postgresql: new, content/eol/postgresql.json (2 cycles)

            """)
        #expect(try api.requests() == ["/api/v1/products/custom/", "/api/v1/products/", "/api/v1/products/nodejs/", "/api/v1/products/postgresql/"])
        let node = file(scratch, "nodejs")
        #expect(node.hasPrefix("{\n  \"schema\": 1,\n  \"product\": \"nodejs\",\n  \"label\": \"Node.js\",\n  \"aliases\": [\n    \"node\"\n  ],\n"))
        #expect(node.contains("\"source\": \"\(api.url)/v1/products/nodejs/\",\n  \"fetched\": \"2026-11-27\",\n"))
        #expect(node.contains("\"cycle\": \"22\",\n      \"release_date\": \"2024-04-24\",\n      \"lts\": true,\n      \"support_ends\": \"2025-10-21\",\n      \"eol\": \"2027-04-30\",\n      \"latest\": \"22.12.0\",\n      \"latest_date\": \"2024-12-03\"\n"))
        // PostgreSQL has no active-support phase of its own.
        #expect(!file(scratch, "postgresql").contains("support_ends"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.appending(path: "content/eol").path).sorted() == ["nodejs.json", "postgresql.json"])

        let again = try update(api, scratch)
        #expect(again.stdout.contains("nodejs: unchanged (3 cycles)\n"))
        let later = try update(api, scratch, today: "2026-12-20")
        #expect(later.stdout.contains("nodejs: same data, fetch date updated in content/eol/nodejs.json (3 cycles)\n"))
        #expect(file(scratch, "nodejs").contains("\"fetched\": \"2026-12-20\""))
        let check = try shortpath(["check", "--source", scratch.url.path, "--today", "2026-12-27"])
        #expect(check.status == 0)
        #expect(!check.stdout.contains("eol-data-stale"))
        let stale = try shortpath(["check", "--source", scratch.url.path, "--today", "2027-01-20"])
        #expect(stale.stdout.contains("content/eol/nodejs.json:9:3: info: the end-of-life data for nodejs was fetched on 2026-12-20, 31 days ago (over the 30 days the policy allows) [eol-data-stale]\n  hint: run shortpath eol update\n"))
    }

    @Test func aliasesAndWrittenNamesFindOneProduct() throws {
        let api = try FixtureAPI()
        let scratch = site(components: "node: \"22\", postgres: \"16\"", eolProducts: false, service: "\"node.js\": \"20.11.1\", redis: \"6.2.14\"")
        let run = try update(api, scratch)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == """
            nodejs (for node, node.js): new, content/eol/nodejs.json (3 cycles)
            postgresql (for postgres): new, content/eol/postgresql.json (2 cycles)
            redis: new, content/eol/redis.json (2 cycles)

            """)
        let asked = try api.requests()
        #expect(asked.filter { $0 == "/api/v1/products/" }.count == 1)
        #expect(asked.filter { $0 == "/api/v1/products/nodejs/" }.count == 1)
        let check = try shortpath(["check", "--source", scratch.url.path, "--today", "2026-11-27"])
        #expect(check.stdout.contains("error: node.js 20.11.1 reached its end of life on 2026-04-30 (nodejs 20), 211 days ago [eol-reached]"))
        #expect(check.stdout.contains("error: redis 6.2.14 is past its end of life (redis 6.2) [eol-reached]"))
        // Next time the stored aliases name the products: no 404, no list.
        let again = try update(api, scratch)
        #expect(again.stdout.hasPrefix("nodejs: unchanged (3 cycles)\npostgresql: unchanged (2 cycles)\n"))
        #expect(Array(try api.requests().dropFirst(asked.count)) == ["/api/v1/products/nodejs/", "/api/v1/products/postgresql/", "/api/v1/products/redis/"])
    }

    @Test func anOlderFileUnderAnAliasIsPointedOut() throws {
        let api = try FixtureAPI()
        let scratch = site(components: "node: \"22\"", eolProducts: false)
        scratch.write("content/eol/node.json", Self.v0)
        let run = try update(api, scratch)
        #expect(run.stdout == """
            nodejs (for node): new, content/eol/nodejs.json (3 cycles)
              note: content/eol/node.json still answers for node; delete it so that nodejs.json is used

            """)
        #expect(file(scratch, "node") == Self.v0)
    }

    @Test func anUnknownProductGetsTheNearestNames() throws {
        let api = try FixtureAPI()
        let scratch = site(components: "node: \"22\", nodej: \"1\", postgress: \"1\", custom: \"1\"")
        let run = try update(api, scratch)
        #expect(run.status == 0)
        #expect(run.stdout == """
            custom: the API has no such product\(skipped)
            nodej: the API has no such product (did you mean nodejs?)\(skipped)
            nodejs: new, content/eol/nodejs.json (3 cycles)
            postgress: the API has no such product (did you mean postgresql?)\(skipped)

            """)
        #expect(try api.requests().filter { $0 == "/api/v1/products/" }.count == 1)
    }

    @Test func whenTheProductListFailsTheUnknownNameIsStillReported() throws {
        let api = try FixtureAPI(["--no-list"])
        let scratch = site(components: "node: \"22\", custom: \"1\"")
        let run = try update(api, scratch)
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("custom: the API has no such product (its list of products could not be read: \(api.url)/v1/products/: HTTP 500)\(skipped)\n"))
        #expect(run.stdout.contains("nodejs: new"))
    }

    @Test func booleansWithoutDatesAndNoLatest() throws {
        let api = try FixtureAPI()
        let scratch = site(components: "redis: \"7.4\", amazon-eks: \"1.31\"", service: "redis: \"6.2.14\", amazon-eks: \"1.30\"")
        let run = try update(api, scratch)
        #expect(run.status == 0, "\(run.stderr)")
        let redis = file(scratch, "redis")
        #expect(redis.contains("\"cycle\": \"6.2\",\n      \"lts\": false,\n      \"support_ends\": true,\n      \"eol\": true,\n      \"latest\": \"6.2.16\"\n    }"))
        #expect(!redis.contains("release_date"))
        #expect(!file(scratch, "amazon-eks").contains("\"latest"))
        let check = try shortpath(["check", "--source", scratch.url.path, "--today", "2026-11-27"])
        #expect(check.stdout.contains("redis 6.2.14 is past its end of life (redis 6.2) [eol-reached]"))
        #expect(check.stdout.contains("amazon-eks 1.30 reached its end of life on 2026-07-23 (amazon-eks 1.30), 127 days ago [eol-reached]"))
        #expect(check.stdout.contains("redis 6.2.14: 6.2.16 is the latest of the 6.2 cycle [patch-available]"))
        #expect(!check.stdout.contains("amazon-eks 1.30:"))
    }

    @Test func unusableAnswersWriteNothing() throws {
        let api = try FixtureAPI()
        let scratch = site(components: "node: \"22\", broken: \"1\", flaky: \"1\", future: \"1\"")
        scratch.write("content/eol/nodejs.json", Self.v0)
        let run = try update(api, scratch)
        #expect(run.status == 2)
        #expect(run.stderr.contains("error: broken: \(api.url)/v1/products/broken/: invalid JSON"))
        #expect(run.stderr.contains("error: flaky: \(api.url)/v1/products/flaky/: HTTP 500\n"))
        #expect(run.stderr.contains("error: future: \(api.url)/v1/products/future/: the answer has schema_version 2.0.0; this shortpath reads endoflife.date's API v1 (1.x)\n"))
        #expect(run.stderr.contains("nothing was written"))
        #expect(file(scratch, "nodejs") == Self.v0)

        let slow = site(components: "node: \"22\", slow: \"1\"")
        let timedOut = try update(api, slow, ["--timeout", "1"])
        #expect(timedOut.status == 2)
        #expect(timedOut.stderr.contains("error: slow: \(api.url)/v1/products/slow/: "))
        #expect(!FileManager.default.fileExists(atPath: slow.url.appending(path: "content/eol").path))
    }

    /// Exactly what `eol update` wrote before API v1: endoflife.date's v0 answer, unchanged.
    static let v0 = """
        [
          {
            "cycle": "22",
            "releaseDate": "2024-04-24",
            "eol": "2027-04-30",
            "latest": "22.12.0",
            "lts": "2024-10-29",
            "support": "2025-10-21"
          },
          {
            "cycle": "20",
            "releaseDate": "2023-04-18",
            "eol": "2026-04-30",
            "latest": "20.18.1",
            "lts": "2023-10-24",
            "support": "2024-10-22"
          }
        ]

        """

    @Test func aV0FileIsReadThenRewrittenInShortpathsFormat() throws {
        let api = try FixtureAPI()
        let scratch = site(components: "node: \"22\"", service: "node: \"20.11.1\"")
        scratch.write("content/eol/nodejs.json", Self.v0)
        let check = try shortpath(["check", "--source", scratch.url.path, "--today", "2026-11-27"])
        #expect(check.stdout.contains("content/services/api.md:4:15: error: node 20.11.1 reached its end of life on 2026-04-30 (nodejs 20), 211 days ago [eol-reached]"))
        #expect(check.stdout.contains("content/eol/nodejs.json:1:1: info: the end-of-life data for nodejs has no fetch date (endoflife.date's v0 format), so its age is unknown [eol-data-stale]\n  hint: run shortpath eol update to fetch it again in Shortpath's format, with its date\n"))
        let build = try shortpath(["build", "--source", scratch.url.path, "--today", "2026-11-27", "--output", scratch.url.appending(path: "public").path])
        #expect(build.status == 0, "\(build.stderr)")

        let run = try update(api, scratch)
        #expect(run.stdout == "nodejs: updated content/eol/nodejs.json (3 cycles)\n")
        #expect(file(scratch, "nodejs").hasPrefix("{\n  \"schema\": 1,\n"))
        let after = try shortpath(["check", "--source", scratch.url.path, "--today", "2026-11-27"])
        #expect(after.stdout.contains("node 20.11.1 reached its end of life on 2026-04-30 (nodejs 20), 211 days ago [eol-reached]"))
        #expect(!after.stdout.contains("eol-data-stale"))
    }
}
