import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// The repository, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// The `shortpath` binary built beside the tests.
func shortpathExecutable() -> URL {
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appending(path: "shortpath")
    return FileManager.default.isExecutableFile(atPath: binary.path) ? binary : repositoryRoot.appending(path: ".build/debug/shortpath")
}

/// Runs the `shortpath` binary built beside the tests.
func shortpath(_ arguments: [String], environment: [String: String] = [:]) throws -> Run {
    let process = Process()
    process.executableURL = shortpathExecutable()
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "SOURCE_DATE_EPOCH")
    env.merge(environment) { _, new in new }
    process.environment = env
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
}

final class Scratch {
    let url = FileManager.default.temporaryDirectory.appending(path: "shortpath-cli-\(UUID().uuidString)")
    init() { try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
    deinit { try? FileManager.default.removeItem(at: url) }

    func write(_ path: String, _ text: String) {
        let file = url.appending(path: path)
        try! FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! Data(text.utf8).write(to: file)
    }

    func site(service: String) {
        write("content/standards.md", "---\nreview: 2027-01-15\ncomponents: { node: \"22\" }\n---\n")
        write("content/services/api.md", service)
    }
}

let cleanService = """
    ---
    name: API
    owner: dana
    components: { node: "22.1.0" }
    rollback:
      previous_image: registry.example.com/api:1.0.0
      command: kubectl rollout undo deployment/api
      health_check: curl -fsS https://api/healthz
      stop_point: 5 minutes of failures
      decides: dana
      tested: 2026-11-01
    ---
    """

@Suite struct CLITests {
    let example = ["--source", repositoryRoot.path, "--today", "2026-11-27"]

    @Test func checkTextExitsOneOnErrors() throws {
        let run = try shortpath(["check"] + example)
        #expect(run.status == 1)
        #expect(run.stdout.contains("content/services/order-worker.md:2:1: error: Order worker has no rollback facts [rollback-missing]\n  hint: "))
        #expect(run.stdout.hasSuffix("7 errors, 19 warnings, 11 info; 1 of 5 active services on the standard path\n"))
    }

    /// The example with every service copied 40 times (200 services, 400 service pages), built
    /// on every core and then with SHORTPATH_JOBS=1 on one thread: the same bytes.
    @Test func parallelBuildEqualsTheSingleThreadedOne() throws {
        let scratch = Scratch()
        let fm = FileManager.default
        try fm.copyItem(at: repositoryRoot.appending(path: "content"), to: scratch.url.appending(path: "content"))
        let services = scratch.url.appending(path: "content/services")
        for file in try fm.contentsOfDirectory(atPath: services.path) where file.hasSuffix(".md") {
            let text = try String(contentsOf: services.appending(path: file), encoding: .utf8)
            for copy in 1...40 { scratch.write("content/services/\(file.dropLast(3))-\(copy).md", text) }
        }
        let site = ["--source", scratch.url.path, "--today", "2026-11-27"]
        let parallel = try shortpath(["build", "--output", scratch.url.appending(path: "parallel").path] + site)
        let sequential = try shortpath(["build", "--output", scratch.url.appending(path: "sequential").path] + site,
                                       environment: ["SHORTPATH_JOBS": "1"])
        #expect(parallel.status == 0 && sequential.status == 0, "\(parallel.stderr)\(sequential.stderr)")
        #expect(parallel.stdout.contains("for 205 active services"))
        let a = tree(scratch.url.appending(path: "parallel")), b = tree(scratch.url.appending(path: "sequential"))
        #expect(a.count > 420)
        #expect(a.keys.sorted() == b.keys.sorted())
        #expect(a.keys.filter { a[$0] != b[$0] }.sorted() == [])
    }

    @Test func checkPassesACleanSiteAndStrictFailsWarnings() throws {
        let scratch = Scratch()
        scratch.site(service: cleanService)
        let clean = try shortpath(["check", "--source", scratch.url.path, "--today", "2026-11-27"])
        #expect(clean.status == 0, "\(clean.stdout)")
        scratch.site(service: cleanService.replacingOccurrences(of: "22.1.0", with: "20.1.0"))
        let warned = try shortpath(["check", "--source", scratch.url.path, "--today", "2026-11-27"])
        #expect(warned.status == 0)
        let strict = try shortpath(["check", "--strict", "--source", scratch.url.path, "--today", "2026-11-27"])
        #expect(strict.status == 1)
    }

    @Test func checkJSONIsFindingsJSON() throws {
        let run = try shortpath(["check", "--format", "json"] + example)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["schema"] as? Int == 1)
        #expect(object["today"] as? String == "2026-11-27")
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.count == 37)
        #expect(Set(findings[0].keys) == ["rule", "severity", "service", "file", "line", "column", "message", "hint"])
        #expect(run.stdout.contains("{\n      \"rule\": \"observed-unlisted\",\n      \"severity\": \"warning\",\n      \"service\": null,\n      \"file\""))
    }

    @Test func checkJUnitIsWellFormedXML() throws {
        let run = try shortpath(["check", "--format", "junit"] + example)
        let delegate = JUnitCounter()
        let parser = XMLParser(data: Data(run.stdout.utf8))
        parser.delegate = delegate
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(delegate.testcases == 29)
        #expect(delegate.failures == 22)
        #expect(delegate.classnames.contains("edge-proxy"))
    }

    @Test func checkGitLabCodeQuality() throws {
        let run = try shortpath(["check", "--format", "gitlab"] + example)
        let issues = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        #expect(issues.count == 37)
        let first = issues[1]
        #expect(first["check_name"] as? String == "image-mutable-tag")
        #expect(first["severity"] as? String == "minor")
        #expect((first["fingerprint"] as? String)?.count == 32)
        let location = try #require(first["location"] as? [String: Any])
        #expect(location["path"] as? String == "content/services/admin-tool.md")
        #expect((location["lines"] as? [String: Any])?["begin"] as? Int == 8)
        #expect(Set(issues.compactMap { $0["fingerprint"] as? String }).count == issues.count)
    }

    @Test func badContentExitsTwoWithEveryError() throws {
        let scratch = Scratch()
        scratch.site(service: "---\nownr: dana\nrebuilt: 2026-13-01\n---\n")
        scratch.write("content/services/Web.md", "---\nname: Web\n---\n")
        scratch.write("content/services/web.md", "---\nname: web again\n---\n")
        for command in ["check", "build"] {
            let run = try shortpath([command, "--source", scratch.url.path, "--today", "2026-11-27"])
            #expect(run.status == 2)
            #expect(run.stdout == "")
            #expect(run.stderr == """
                content/services/api.md:2:1: error: unknown key 'ownr' in a service (did you mean 'owner'?)
                content/services/api.md:3:10: error: '2026-13-01' is not a real date
                  hint: write dates as YYYY-MM-DD, for example 2026-10-02
                content/services/web.md:1:1: error: duplicate service 'web': content/services/Web.md has the same name (letter case is ignored)
                  hint: rename or merge one of the two files
                3 errors in the content; nothing was written.

                """)
        }
        #expect(!FileManager.default.fileExists(atPath: scratch.url.appending(path: "public").path))
    }

    @Test func buildWritesTheSiteAndRefusesForeignFolders() throws {
        let scratch = Scratch()
        scratch.site(service: cleanService)
        let run = try shortpath(["build", "--source", scratch.url.path, "--today", "2026-11-27"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("built 8 pages for 1 active service into"))
        #expect(FileManager.default.fileExists(atPath: scratch.url.appending(path: "public/services/api/rollback/index.html").path))
        scratch.write("notes/todo.txt", "mine\n")
        let refused = try shortpath(["build", "--source", scratch.url.path, "--output", scratch.url.appending(path: "notes").path, "--today", "2026-11-27"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("was not written by shortpath"))
        #expect(FileManager.default.fileExists(atPath: scratch.url.appending(path: "notes/todo.txt").path))
    }

    @Test func todayComesFromTheFlagThenSourceDateEpoch() throws {
        let bad = try shortpath(["check", "--today", "2026-02-30"] + ["--source", repositoryRoot.path])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--today must be a real date"))
        let epoch = try shortpath(["check", "--format", "json", "--source", repositoryRoot.path], environment: ["SOURCE_DATE_EPOCH": "1798329600"])
        #expect(epoch.stdout.contains("\"today\": \"2026-12-27\""))
    }

    @Test func everyCommandHasHelp() throws {
        for command in [["--help"], ["build", "--help"], ["check", "--help"]] {
            let run = try shortpath(command)
            #expect(run.status == 0)
            #expect(run.stdout.contains("USAGE: shortpath"))
        }
    }
}

final class JUnitCounter: NSObject, XMLParserDelegate {
    var testcases = 0
    var failures = 0
    var classnames: Set<String> = []

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if name == "testcase" {
            testcases += 1
            if let classname = attributes["classname"] { classnames.insert(classname) }
        }
        if name == "failure" { failures += 1 }
    }
}

extension String {
    func replacingOccurrences(of old: String, with new: String) -> String {
        components(separatedBy: old).joined(separator: new)
    }
}

@Suite struct InterruptTests {
    /// A build stopped by SIGINT or SIGTERM leaves the previous site byte for byte; its pages
    /// stay in the marked spare folder, which the next build reuses.
    @Test(arguments: [SIGINT, SIGTERM])
    func interruptingABuildChangesNothing(_ signal: Int32) throws {
        let scratch = Scratch()
        scratch.write("content/standards.md", "---\nreview: 2027-01-15\ncomponents: { node: \"22\" }\n---\n")
        let runbook = String(repeating: "1. Step with `code`, **bold** and a [link](https://wiki.example.com/ops).\n", count: 40)
        for index in 0..<1500 {
            scratch.write("content/services/service-\(index).md", cleanService.replacingOccurrences(of: "name: API", with: "name: Service \(index)") + "\n" + runbook)
        }
        let output = scratch.url.appending(path: "public")
        let first = try shortpath(["build", "--source", scratch.url.path, "--output", output.path, "--today", "2026-11-27"])
        #expect(first.status == 0)
        let before = files(in: output)
        #expect(before.count > 3000)

        let process = Process()
        process.executableURL = shortpathExecutable()
        process.arguments = ["build", "--source", scratch.url.path, "--output", output.path, "--today", "2026-12-01"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 0.4)
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(process.terminationStatus == 128 + signal)
        #expect(files(in: output) == before)
        // Interrupted while loading there is no spare yet; later, it carries the mark.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).filter { $0.hasPrefix(".public") }
        #expect(leftovers.isEmpty || leftovers == [".public.shortpath-spare"])
        if !leftovers.isEmpty {
            #expect(FileManager.default.fileExists(atPath: scratch.url.appending(path: ".public.shortpath-spare/.shortpath-output").path))
        }
        let next = try shortpath(["build", "--source", scratch.url.path, "--output", output.path, "--today", "2026-12-01"])
        #expect(next.status == 0, "\(next.stderr)")
        #expect(files(in: output) != before)
    }

    func files(in folder: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        let walker = FileManager.default.enumerator(atPath: folder.path)
        while let path = walker?.nextObject() as? String {
            if let data = FileManager.default.contents(atPath: folder.appending(path: path).path) { files[path] = data }
        }
        return files
    }
}

@Suite struct MaintenanceCommandTests {
    /// A copy of the bundled example to change.
    func exampleCopy() throws -> Scratch {
        let scratch = Scratch()
        try FileManager.default.removeItem(at: scratch.url)
        try FileManager.default.copyItem(at: repositoryRoot.appending(path: "content"), to: scratch.url.appending(path: "content"))
        return scratch
    }

    @Test func newServiceWritesAValidFileOnceOnly() throws {
        let scratch = try exampleCopy()
        let first = try shortpath(["new", "service", "Payments Gateway (EU)", "--source", scratch.url.path, "--today", "2026-11-27"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("wrote content/services/payments-gateway-eu.md from themes/default/archetypes/service.md (built in)"))
        let text = try String(contentsOf: scratch.url.appending(path: "content/services/payments-gateway-eu.md"), encoding: .utf8)
        #expect(text.contains("name: \"Payments Gateway (EU)\"\n"))
        #expect(text.contains("rebuilt: 2026-11-27"))
        let again = try shortpath(["new", "service", "payments gateway eu", "--source", scratch.url.path, "--today", "2026-11-27"])
        #expect(again.status == 2)
        #expect(again.stderr == "error: content/services/payments-gateway-eu.md already exists; edit it, or choose another name\n")
        #expect(try String(contentsOf: scratch.url.appending(path: "content/services/payments-gateway-eu.md"), encoding: .utf8) == text)
        let check = try shortpath(["check", "--source", scratch.url.path, "--today", "2026-11-27"])
        #expect(check.stdout.contains("content/services/payments-gateway-eu.md:5:1: error: Payments Gateway (EU) has no owner [owner-missing]"))
        let nothing = try shortpath(["new", "service", "!!!", "--source", scratch.url.path])
        #expect(nothing.status == 2)
    }

    @Test func aSiteArchetypeWins() throws {
        let scratch = try exampleCopy()
        scratch.write("archetypes/service.md", "---\nname: {{name_yaml}}\nowner: platform\nrebuilt: {{today}}\n---\nOur own template for {{slug}}.\n")
        let run = try shortpath(["new", "service", "Search", "--source", scratch.url.path, "--today", "2026-11-27"])
        #expect(run.status == 0)
        #expect(try String(contentsOf: scratch.url.appending(path: "content/services/search.md"), encoding: .utf8)
                == "---\nname: \"Search\"\nowner: platform\nrebuilt: 2026-11-27\n---\nOur own template for search.\n")
    }

    @Test func planAndReviewPrintMarkdown() throws {
        let plan = try shortpath(["plan", "storefront-web", "--source", repositoryRoot.path, "--today", "2026-11-27"])
        #expect(plan.status == 0)
        #expect(plan.stdout.hasPrefix("# Change plan: Storefront web (`storefront-web`)"))
        let unknown = try shortpath(["plan", "storefront", "--source", repositoryRoot.path, "--today", "2026-11-27"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr == "error: no service 'storefront' (did you mean 'storefront-web'?)\n")
        let review = try shortpath(["review", "--source", repositoryRoot.path, "--today", "2026-11-27", "--until", "2027-02-01"])
        #expect(review.status == 0)
        #expect(review.stdout.contains("exceptions ending by 2027-02-01"))
        #expect(!review.stdout.contains("Order worker: postgres"))
    }

    @Test func recordEditsTheFileAndReports() throws {
        let scratch = try exampleCopy()
        let file = scratch.url.appending(path: "content/services/edge-proxy.md")
        let before = try String(contentsOf: file, encoding: .utf8)
        let run = try shortpath(["record", "edge-proxy", "--started", "2026-11-27T10:00", "--stable", "2026-11-27T10:12",
                                 "--to", "3.2.2", "--changes", "version", "--source", scratch.url.path, "--today", "2026-11-27"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "recorded in content/services/edge-proxy.md: started 2026-11-27 10:00, stable at 2026-11-27 10:12, took 12 min; the median of the 2 before is 10 min: 2 min slower\n")
        let after = try String(contentsOf: file, encoding: .utf8)
        #expect(after == before.replacingOccurrences(of: "    changes: [image]\n---", with: "    changes: [image]\n  - started: 2026-11-27T10:00\n    stable: 2026-11-27T10:12\n    to: \"3.2.2\"\n    changes: [version]\n---"))
        let both = try shortpath(["record", "edge-proxy", "--started", "2026-11-27T10:00", "--source", scratch.url.path])
        #expect(both.status == 2)
        #expect(both.stderr.contains("give either --stable or --rolled-back"))
        let backwards = try shortpath(["record", "edge-proxy", "--started", "2026-11-27T10:00", "--stable", "2026-11-27T09:00", "--source", scratch.url.path, "--today", "2026-11-27"])
        #expect(backwards.status == 2)
        #expect(backwards.stderr.contains("the rollout ends (2026-11-27 09:00) before it started (2026-11-27 10:00)"))
        #expect(try String(contentsOf: file, encoding: .utf8) == after)
        #expect(try FileManager.default.contentsOfDirectory(atPath: file.deletingLastPathComponent().path).filter { $0.hasPrefix(".") }.isEmpty)
    }
}

@Suite struct EOLUpdateTests {
    /// Starts the fixture API on a free loopback port; stopped when the test ends. Spawned with
    /// posix_spawn rather than Foundation's Process: while a Process child runs, Foundation on
    /// Linux notices no other child's exit, and every other command in the tests would hang.
    final class FixtureAPI {
        let pid: pid_t
        let port: Int

        init() throws {
            var fds: [Int32] = [0, 0]
            guard pipe(&fds) == 0 else { throw CocoaError(.fileWriteUnknown) }
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
            posix_spawn_file_actions_addclose(&actions, fds[0])
            let script = repositoryRoot.appending(path: "Tests/fixtures/eol_server.py").path
            let argv: [UnsafeMutablePointer<CChar>?] = [strdup("/usr/bin/env"), strdup("python3"), strdup(script), nil]
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

        var url: String { "http://127.0.0.1:\(port)/api/" }
    }

    func site(components: String) -> Scratch {
        let scratch = Scratch()
        scratch.write("content/standards.md", "---\ncomponents: { \(components) }\neol_products: { node: nodejs, postgres: postgresql }\n---\n")
        return scratch
    }

    @Test func fetchesChecksAndWritesAtomically() throws {
        let api = try FixtureAPI()
        #expect(api.port > 0)
        let scratch = site(components: "node: \"22\", postgres: \"16\", custom: \"1\"")
        let first = try shortpath(["eol", "update", "--api", api.url, "--source", scratch.url.path])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == """
            custom: the API has no such product; skipped (name it under eol_products in standards.md if it has another name)
            nodejs: new, content/eol/nodejs.json (2 cycles)
            postgresql: new, content/eol/postgresql.json (1 cycles)

            """)
        let again = try shortpath(["eol", "update", "--api", api.url, "--source", scratch.url.path])
        #expect(again.stdout.contains("nodejs: unchanged (2 cycles)"))
        let check = try shortpath(["check", "--source", scratch.url.path, "--today", "2026-11-27"])
        #expect(check.status == 0)
    }

    @Test func aMalformedAnswerOrATimeoutWritesNothing() throws {
        let api = try FixtureAPI()
        let scratch = site(components: "node: \"22\", broken: \"1\"")
        let broken = try shortpath(["eol", "update", "--api", api.url, "--source", scratch.url.path])
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("error: \(api.url)broken.json: invalid JSON"))
        #expect(broken.stderr.contains("nothing was written"))
        #expect(!FileManager.default.fileExists(atPath: scratch.url.appending(path: "content/eol/nodejs.json").path))

        let slow = site(components: "node: \"22\", slow: \"1\"")
        let timedOut = try shortpath(["eol", "update", "--api", api.url, "--timeout", "1", "--source", slow.url.path])
        #expect(timedOut.status == 2)
        #expect(timedOut.stderr.contains("\(api.url)slow.json"))
        #expect(!FileManager.default.fileExists(atPath: slow.url.appending(path: "content/eol").path))
    }
}

/// A long-running command (server) started with posix_spawn, its output in a file; killed when
/// the test ends. (Foundation's Process would stop noticing other children's exits.)
final class Background {
    let pid: pid_t
    let log: URL

    init(_ arguments: [String]) throws {
        log = FileManager.default.temporaryDirectory.appending(path: "shortpath-bg-\(UUID().uuidString).log")
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_addopen(&actions, 1, log.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        var child: pid_t = 0
        let status = posix_spawn(&child, arguments[0], &actions, nil, argv, environ)
        posix_spawn_file_actions_destroy(&actions)
        argv.forEach { free($0) }
        guard status == 0 else { throw CocoaError(.executableLoad) }
        pid = child
    }

    var output: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    /// Waits up to `seconds` for a line containing `text`; returns the output so far.
    func wait(for text: String, seconds: Double = 10) -> String? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if output.contains(text) { return output }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return nil
    }

    func stop(_ signal: Int32 = SIGKILL) -> Int32 {
        kill(pid, signal)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        return status
    }

    deinit {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, WNOHANG)
        try? FileManager.default.removeItem(at: log)
    }
}

func shortpathBinary() -> String {
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appending(path: "shortpath").path
    return FileManager.default.isExecutableFile(atPath: beside) ? beside : repositoryRoot.appending(path: ".build/debug/shortpath").path
}

/// GET with a real HTTP client (URLSession): status and body.
func get(_ url: String) async throws -> (Int, String, String) {
    let (data, response) = try await URLSession.shared.data(from: URL(string: url)!)
    let http = response as! HTTPURLResponse
    return (http.statusCode, String(decoding: data, as: UTF8.self), http.value(forHTTPHeaderField: "Content-Type") ?? "")
}

@Suite(.serialized) struct ServeTests {
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
        #expect(server.wait(for: "rebuilt 11 pages in") != nil)

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
        try text.replacingOccurrences(of: "TLS termination and routing", with: "TLS termination, edited again").write(to: file, atomically: true, encoding: .utf8)
        #expect(try await eventually(base + "/services/edge-proxy/") { $1.contains("edited again") })
        #expect(try await eventually(base + "/index.html") { $1.contains("edited again") })

        // What serve wrote equals a full build of the same content.
        let served = FileManager.default.temporaryDirectory.appending(path: "shortpath-serve-\(server.pid)")
        let fresh = scratch.url.appending(path: "fresh")
        #expect(try shortpath(["build", "--source", scratch.url.path, "--output", fresh.path, "--today", "2026-11-27"]).status == 0)
        let a = InterruptTests().files(in: served).filter { !$0.key.hasPrefix(".") && !$0.key.contains("/.") }
        let b = InterruptTests().files(in: fresh).filter { !$0.key.hasPrefix(".") && !$0.key.contains("/.") }
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

/// Every file under a folder with its bytes.
func tree(_ folder: URL) -> [String: Data] {
    var files: [String: Data] = [:]
    let walker = FileManager.default.enumerator(atPath: folder.path)
    while let path = walker?.nextObject() as? String {
        var isDirectory: ObjCBool = false
        let url = folder.appending(path: path)
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            files[path] = try? Data(contentsOf: url)
        }
    }
    return files
}
