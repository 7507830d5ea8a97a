import Foundation
import Testing

/// What the binary does with files that are not files, output folders inside the sources, and
/// signals that arrive while it waits on a pipe or a socket.
@Suite struct HostileInputCLITests {
    /// Starts `shortpath`; the caller reads (or does not read) its pipes.
    func start(_ arguments: [String], stdout: Pipe = Pipe(), stderr: Pipe = Pipe()) throws -> Process {
        let process = Process()
        process.executableURL = shortpathExecutable()
        process.arguments = arguments
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        return process
    }

    /// Waits for the process to end, killing it after `seconds`; false if it had to be killed.
    func ends(_ process: Process, within seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        guard process.isRunning else { return true }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return false
    }

    /// Sends `signal` and returns the seconds until the process ended (nil: it did not within 5 s).
    func secondsToEnd(_ process: Process, after signal: Int32) -> Double? {
        let sent = Date()
        kill(process.processIdentifier, signal)
        return ends(process, within: 5) ? Date().timeIntervalSince(sent) : nil
    }

    /// A UNIX socket bound at `path`, as a server leaves it behind.
    func makeSocket(at path: String) -> Int32 {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.utf8.enumerated() where index < raw.count - 1 { raw[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        #expect(bound == 0)
        return descriptor
    }

    /// A site built once: its folder, its output and the output's files.
    func builtSite() throws -> (Scratch, URL, [String: Data]) {
        let scratch = Scratch()
        scratch.site(service: cleanService)
        let first = try shortpath(["build", "--source", scratch.url.path, "--today", "2026-11-27"])
        #expect(first.status == 0)
        let output = scratch.url.appending(path: "public")
        return (scratch, output, tree(output))
    }

    /// A FIFO, a socket and a link to a FIFO among the service files, and a FIFO as an
    /// observed file: each an error naming its kind, at once, and no hang.
    @Test func filesThatAreNotRegularAreErrorsNotHangs() throws {
        let (scratch, output, before) = try builtSite()
        let services = scratch.url.appending(path: "content/services")
        #expect(mkfifo(services.appending(path: "pipe.md").path, 0o644) == 0)
        let socketPath = services.appending(path: "socket.md").path
        let server = makeSocket(at: socketPath)
        defer { close(server) }
        try FileManager.default.createDirectory(at: scratch.url.appending(path: "content/observed/production"), withIntermediateDirectories: true)
        #expect(mkfifo(scratch.url.appending(path: "content/observed/production/pods.json").path, 0o644) == 0)
        try FileManager.default.createSymbolicLink(atPath: services.appending(path: "linked.md").path,
                                                   withDestinationPath: "../observed/production/pods.json")

        let process = try start(["build", "--source", scratch.url.path, "--today", "2026-11-27"])
        let stderr = (process.standardError as! Pipe).fileHandleForReading.readDataToEndOfFile()
        #expect(ends(process, within: 10))
        #expect(process.terminationStatus == 2)
        let lines = String(decoding: stderr, as: UTF8.self).split(separator: "\n").filter { !$0.hasPrefix("  ") }
        #expect(lines == [
            "content/observed/production/pods.json:1:1: error: the file is a FIFO (named pipe), not a regular file",
            "content/services/linked.md:1:1: error: the file is a symbolic link to a FIFO (named pipe), not a regular file",
            "content/services/pipe.md:1:1: error: the file is a FIFO (named pipe), not a regular file",
            "content/services/socket.md:1:1: error: the file is a socket, not a regular file",
            "4 errors in the content; nothing was written.",
        ])
        #expect(tree(output) == before)
    }

    @Test(arguments: ["content/services/x", "content", "themes/mine/out", "content/../content/observed"])
    func anOutputFolderInsideTheSourcesIsRefused(_ relative: String) throws {
        let scratch = Scratch()
        scratch.site(service: cleanService)
        scratch.write("themes/mine/templates/.keep", "")
        let run = try shortpath(["build", "--source", scratch.url.path, "--output", scratch.url.path + "/" + relative, "--today", "2026-11-27"])
        #expect(run.status == 2)
        let folder = relative.hasPrefix("themes") ? "themes" : "content"
        #expect(run.stderr.contains("is inside \(folder)/, where the site's sources live; refusing to write there"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.url.appending(path: "content/services/x").path))
        #expect(!FileManager.default.fileExists(atPath: scratch.url.appending(path: "themes/mine/out").path))
    }

    @Test func anOutputFolderLinkedIntoTheContentIsRefused() throws {
        let scratch = Scratch()
        scratch.site(service: cleanService)
        try FileManager.default.createSymbolicLink(atPath: scratch.url.appending(path: "site").path, withDestinationPath: "content/services")
        let run = try shortpath(["build", "--source", scratch.url.path, "--output", scratch.url.appending(path: "site/public").path, "--today", "2026-11-27"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("is inside content/"))
    }

    /// Thousands of errors fill the pipe of a caller that does not read: the build blocks in
    /// a write. SIGTERM still ends it within a second, exit 143, the previous site intact.
    @Test func aBuildBlockedOnAFullPipeEndsOnSIGTERM() throws {
        let (scratch, output, before) = try builtSite()
        for index in 0..<2000 { scratch.write("content/services/broken-\(index).md", "---\nownr: someone\nnme: Broken \(index)\n---\n") }

        let unread = Pipe()
        let process = try start(["build", "--source", scratch.url.path, "--today", "2026-11-27"], stderr: unread)
        Thread.sleep(forTimeInterval: 2)
        #expect(process.isRunning, "the report did not fill the pipe")
        let seconds = secondsToEnd(process, after: SIGTERM)
        #expect(seconds != nil && seconds! < 1, "ended after \(seconds.map { "\($0) s" } ?? "more than 5 s")")
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 143)
        #expect(tree(output) == before)
        try? unread.fileHandleForReading.close()
    }

    /// `eol update` waits on an API that accepted the connection and never answers: Ctrl-C
    /// ends it within a second, exit 130, and nothing under content/eol changes.
    @Test func eolUpdateBlockedReadingAnAnswerEndsOnSIGINT() throws {
        let scratch = Scratch()
        scratch.site(service: cleanService)
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(listener, pointer, length) == 0 && listen(listener, 8) == 0 && getsockname(listener, pointer, &length) == 0
            }
        }
        #expect(bound)
        let port = UInt16(bigEndian: address.sin_port)

        let process = try start(["eol", "update", "--source", scratch.url.path, "--today", "2026-11-27",
                                 "--api", "http://127.0.0.1:\(port)/", "--timeout", "60"])
        Thread.sleep(forTimeInterval: 1.5)
        #expect(process.isRunning)
        let seconds = secondsToEnd(process, after: SIGINT)
        #expect(seconds != nil && seconds! < 1, "ended after \(seconds.map { "\($0) s" } ?? "more than 5 s")")
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 130)
        #expect(!FileManager.default.fileExists(atPath: scratch.url.appending(path: "content/eol").path))
    }
}
