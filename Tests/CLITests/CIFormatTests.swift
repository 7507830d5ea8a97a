import Foundation
import Testing

/// What CI sees: `check --format github|sarif` on the example inventory, and `--version`.
@Suite struct CIFormatTests {
    let example = ["--source", repositoryRoot.path, "--today", "2026-11-27"]

    @Test func githubAnnotationsExitAsText() throws {
        let run = try shortpath(["check", "--format", "github"] + example)
        #expect(run.status == 1)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 43)
        #expect(lines.count { $0.hasPrefix("::error file=") } == 7)
        #expect(lines.count { $0.hasPrefix("::warning file=") } == 23)
        #expect(lines.count { $0.hasPrefix("::notice file=") } == 12)
        #expect(lines.contains { $0.hasPrefix("::error file=content/services/order-worker.md,line=2,col=1,title=rollback-missing::"
            + "Order worker has no rollback facts%0Ahint: add a 'rollback' section") })
        #expect(lines.last == "7 errors, 23 warnings, 12 info; 1 of 5 active services on the standard path")
    }

    @Test func sarifHasAResultPerFindingOfTheJSONReport() throws {
        let sarif = try shortpath(["check", "--format", "sarif"] + example)
        #expect(sarif.status == 1)
        let json = try shortpath(["check", "--format", "json"] + example)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
        let results = try #require((log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        let findings = try #require((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["findings"] as? [[String: Any]])
        #expect(results.count == findings.count)
        for (result, finding) in zip(results, findings) {
            let location = (result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]
            let region = location?["region"] as? [String: Int]
            #expect(result["ruleId"] as? String == finding["rule"] as? String)
            #expect((location?["artifactLocation"] as? [String: Any])?["uri"] as? String == finding["file"] as? String)
            #expect(region == ["startLine": finding["line"] as! Int, "startColumn": finding["column"] as! Int])
        }
        // The same inputs give the same bytes.
        #expect(try shortpath(["check", "--format", "sarif"] + example).stdout == sarif.stdout)
    }

    @Test func versionNamesTheLibrariesItRunsWith() throws {
        let run = try shortpath(["--version"])
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines.first?.hasPrefix("shortpath ") == true)
        // pkg-config knows the versions of the libraries the binary was linked against.
        #expect(lines.dropFirst().first == "libcmark-gfm \(try pkgConfigVersion("libcmark-gfm"))")
        #expect(lines.last == "libyaml \(try pkgConfigVersion("yaml-0.1"))")
    }

    func pkgConfigVersion(_ module: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["pkg-config", "--modversion", module]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
