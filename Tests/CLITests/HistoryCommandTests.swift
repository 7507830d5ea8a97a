import Foundation
import Testing

/// `shortpath history`: the series as CSV and JSON from a repository of three commits; the
/// line a build prints when git is missing.
@Suite struct HistoryCommandTests {
    static func git(_ arguments: [String], in folder: URL, date: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-c", "user.name=T", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"] + arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_AUTHOR_DATE"] = "\(date)T10:00:00+00:00"
        environment["GIT_COMMITTER_DATE"] = "\(date)T10:00:00+00:00"
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "git \(arguments)")
    }

    /// Node 20 and 22 on 2026-10-01; both on 22 on 2026-11-01; a broken file on 2026-11-10.
    static func repository() throws -> Scratch {
        let scratch = Scratch()
        try git(["init", "-q"], in: scratch.url, date: "2026-10-01")
        scratch.site(service: cleanService.replacingOccurrences(of: "22.1.0", with: "20.1.0"))
        scratch.write("content/services/web.md", cleanService.replacingOccurrences(of: "name: API", with: "name: Web"))
        try git(["add", "-A"], in: scratch.url, date: "2026-10-01")
        try git(["commit", "-qm", "Two services"], in: scratch.url, date: "2026-10-01")
        scratch.site(service: cleanService)
        try git(["commit", "-qam", "API on node 22, \"at last\""], in: scratch.url, date: "2026-11-01")
        scratch.write("content/services/web.md", "---\nname: [\n---\n")
        try git(["commit", "-qam", "Broken web"], in: scratch.url, date: "2026-11-10")
        scratch.write("content/services/web.md", cleanService.replacingOccurrences(of: "name: API", with: "name: Web"))
        return scratch
    }

    @Test func csvHasOneRowPerDay() throws {
        let scratch = try Self.repository()
        let run = try shortpath(["history", "--source", scratch.url.path, "--today", "2026-11-20"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.components(separatedBy: "\r\n")
        #expect(lines[0] == "day,commit,subject,gap,active_services,on_standard_path,errors,warnings,open_exceptions,base_images,versions_node")
        #expect(lines.count == 5 && lines[4] == "")
        #expect(lines[1].hasPrefix("2026-10-01,") && lines[1].hasSuffix(",Two services,,2,1,0,1,0,0,2"), "\(lines[1])")
        #expect(lines[2].contains(",\"API on node 22, \"\"at last\"\"\",,2,2,0,0,0,0,1"), "\(lines[2])")
        #expect(lines[3].contains(",Broken web,content/services/web.md:3:1: invalid YAML"), "\(lines[3])")
        #expect(lines[3].hasSuffix(",,,,,,,"))
    }

    @Test func jsonHasThePointsAndTheSeries() throws {
        let scratch = try Self.repository()
        let run = try shortpath(["history", "--source", scratch.url.path, "--today", "2026-11-20", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["schema"] as? Int == 1)
        let points = try #require(object["points"] as? [[String: Any]])
        #expect(points.map { $0["day"] as? String } == ["2026-10-01", "2026-11-01", "2026-11-10"])
        #expect((points[1]["versions"] as? [String: Int]) == ["node": 1])
        #expect(points[2]["gap"] is String && points[2]["errors"] == nil)
        let series = try #require(object["series"] as? [[String: Any]])
        let node = try #require(series.first { $0["name"] as? String == "node" })
        #expect(node["current"] as? Int == 1)
        let month = try #require(node["change_30_days"] as? [String: Any])
        #expect(month["from"] as? Int == 2 && month["to"] as? Int == 1 && month["better"] as? String == "better")
    }

    @Test func aBuildWithoutGitSaysSoInOneLine() throws {
        let scratch = try Self.repository()
        let run = try shortpath(["build", "--source", scratch.url.path, "--today", "2026-11-20"], environment: ["SHORTPATH_GIT": ""])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr == "history: off: git is not installed, so the history of content/ cannot be read\n")
        let progress = try String(contentsOf: scratch.url.appending(path: "public/progress/index.html"), encoding: .utf8)
        #expect(progress.contains("history: off: git is not installed"))
    }
}
