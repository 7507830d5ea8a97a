import Foundation
@testable import History

/// A temporary git repository with scripted commits, each at a date of the test's choosing.
final class GitRepository {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appending(path: "shortpath-history-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try git("init", "-q", "-b", "main")
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    static var executable: String { Git.locate() ?? "/usr/bin/git" }

    /// Runs git in the repository; its output.
    @discardableResult
    func git(_ arguments: String..., date: String = "2026-01-01", in folder: URL? = nil) throws -> String {
        try Self.run(arguments, in: folder ?? url, date: date)
    }

    @discardableResult
    static func run(_ arguments: [String], in folder: URL, date: String = "2026-01-01") throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"] + arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_AUTHOR_DATE"] = "\(date)T12:00:00+00:00"
        environment["GIT_COMMITTER_DATE"] = "\(date)T12:00:00+00:00"
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["HOME"] = folder.path
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw GitError(arguments: arguments, status: process.terminationStatus) }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    struct GitError: Error {
        var arguments: [String]
        var status: Int32
    }

    func write(_ path: String, _ text: String) throws {
        let file = url.appending(path: path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }

    func remove(_ path: String) throws { try FileManager.default.removeItem(at: url.appending(path: path)) }

    /// Commits every change in the work tree on `date`; the commit's id.
    @discardableResult
    func commit(_ subject: String, on date: String) throws -> String {
        try git("add", "-A", date: date)
        try git("commit", "-q", "--allow-empty", "-m", subject, date: date)
        return try git("rev-parse", "HEAD")
    }

    /// The content of `commit` written out to a fresh folder, for a build from scratch.
    func export(_ commit: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appending(path: "shortpath-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try git("worktree", "add", "-q", "--detach", folder.path, commit)
        return folder
    }
}
