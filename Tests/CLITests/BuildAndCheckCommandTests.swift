import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// `build` and `check`: exit codes, output formats, what a user sees.
@Suite struct BuildAndCheckCommandTests {
    let example = ["--source", repositoryRoot.path, "--today", "2026-11-27"]

    @Test func checkTextExitsOneOnErrors() throws {
        let run = try shortpath(["check"] + example)
        #expect(run.status == 1)
        #expect(run.stdout.contains("content/services/order-worker.md:2:1: error: Order worker has no rollback facts [rollback-missing]\n  hint: "))
        #expect(run.stdout.hasSuffix("7 errors, 23 warnings, 12 info; 1 of 5 active services on the standard path\n"))
    }

    /// The example with every service copied 40 times (200 services, 400 service pages), built
    /// on every core and then with SHORTPATH_JOBS=1 on one thread: the same bytes.
    /// A report that cannot be written (`/dev/full` fails every write with "no space left") is an
    /// error naming the reason, exit 2: Foundation's `FileHandle.write(_:)` trapped there.
    @Test(arguments: [["check"], ["check", "--format", "json"], ["review"], ["next"]])
    func aReportThatCannotBeWrittenIsAnErrorNotACrash(_ command: [String]) throws {
        let process = Process()
        process.executableURL = shortpathExecutable()
        process.arguments = command + example
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let err = Pipe()
        process.standardOutput = full
        process.standardError = err
        try process.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 2)
        #expect(stderr.contains("error: cannot write to standard output: "), "\(stderr)")
    }

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
        #expect(findings.count == 42)
        #expect(Set(findings[0].keys) == ["rule", "severity", "service", "file", "line", "column", "message", "hint"])
        #expect(run.stdout.contains("{\n      \"rule\": \"observed-unlisted\",\n      \"severity\": \"warning\",\n      \"service\": null,\n      \"file\""))
    }

    @Test func checkJUnitIsWellFormedXML() throws {
        let run = try shortpath(["check", "--format", "junit"] + example)
        let delegate = JUnitCounter()
        let parser = XMLParser(data: Data(run.stdout.utf8))
        parser.delegate = delegate
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(delegate.testcases == 34)
        #expect(delegate.failures == 26)
        #expect(delegate.classnames.contains("edge-proxy"))
    }

    @Test func checkGitLabCodeQuality() throws {
        let run = try shortpath(["check", "--format", "gitlab"] + example)
        let issues = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        #expect(issues.count == 42)
        let first = issues[2]
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
        #expect(run.stdout.contains("built 44 pages for 1 active service into"))
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
