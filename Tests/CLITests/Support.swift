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

/// The `shortpath` binary built beside the tests (or the debug build of the repository).
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
    environments:
      production:
        version: "1.1.0"
        image: registry.example.com/api:1.1.0
        digest: sha256:1111111111111111111111111111111111111111111111111111111111111111
    rollback:
      previous_image: registry.example.com/api:1.0.0@sha256:0000000000000000000000000000000000000000000000000000000000000000
      command: kubectl rollout undo deployment/api
      health_check: curl -fsS https://api/healthz
      stop_point: 5 minutes of failures
      decides: dana
      tested: 2026-11-01
    ---
    """

extension String {
    func replacingOccurrences(of old: String, with new: String) -> String {
        components(separatedBy: old).joined(separator: new)
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

    /// Waits up to `seconds` until `text` has appeared `count` times; returns the output so far.
    func wait(for text: String, count: Int, seconds: Double = 10) -> String? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if output.components(separatedBy: text).count - 1 >= count { return output }
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

func shortpathBinary() -> String { shortpathExecutable().path }

/// GET with a real HTTP client (URLSession): status and body.
func get(_ url: String) async throws -> (Int, String, String) {
    let (data, response) = try await URLSession.shared.data(from: URL(string: url)!)
    let http = response as! HTTPURLResponse
    return (http.statusCode, String(decoding: data, as: UTF8.self), http.value(forHTTPHeaderField: "Content-Type") ?? "")
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
