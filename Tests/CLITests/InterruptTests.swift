import Foundation
import Testing

@Suite struct InterruptTests {
    /// A build stopped by SIGINT or SIGTERM leaves the previous site byte for byte; its pages
    /// stay in the marked spare folder, which the next build reuses.
    @Test(arguments: [SIGINT, SIGTERM])
    func interruptingABuildChangesNothing(_ signal: Int32) throws {
        let scratch = Scratch()
        scratch.write("content/standards.md", "---\nreview: 2027-01-15\ncomponents: { node: \"22\" }\n---\n")
        let runbook = String(repeating: "1. Step with `code`, **bold** and a [link](https://wiki.example.com/ops).\n", count: 40)
        // Enough services that the build is still running when the signal comes (rendering is fast).
        for index in 0..<5000 {
            scratch.write("content/services/service-\(index).md", cleanService.replacingOccurrences(of: "name: API", with: "name: Service \(index)") + "\n" + runbook)
        }
        let output = scratch.url.appending(path: "public")
        let first = try shortpath(["build", "--source", scratch.url.path, "--output", output.path, "--today", "2026-11-27"])
        #expect(first.status == 0)
        let before = tree(output)
        #expect(before.count > 10000)

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
        #expect(tree(output) == before)
        // Interrupted while loading there is no spare yet; later, it carries the mark.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).filter { $0.hasPrefix(".public") }
        #expect(leftovers.isEmpty || leftovers == [".public.shortpath-spare"])
        if !leftovers.isEmpty {
            #expect(FileManager.default.fileExists(atPath: scratch.url.appending(path: ".public.shortpath-spare/.shortpath-output").path))
        }
        let next = try shortpath(["build", "--source", scratch.url.path, "--output", output.path, "--today", "2026-12-01"])
        #expect(next.status == 0, "\(next.stderr)")
        #expect(tree(output) != before)
    }
}
