import Dispatch
import Foundation

/// A git command that failed, with what git said.
struct GitFailure: Error {
    var message: String
}

/// The `git` program, run in the site's source folder. Git is on every machine that holds the
/// inventory's repository; reading it through its plumbing commands needs no C library.
public struct Git: Sendable {
    let executable: String
    let directory: URL

    /// `SHORTPATH_GIT` when set (empty: no git), else the first `git` on the PATH.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let chosen = environment["SHORTPATH_GIT"] {
            return chosen.isEmpty || !FileManager.default.isExecutableFile(atPath: chosen) ? nil : chosen
        }
        for folder in (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(folder)/git"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs `git arguments…`, feeding it `input`; its standard output, or what it wrote to
    /// standard error when it exits with a failure.
    func run(_ arguments: [String], input: [UInt8]? = nil) throws(GitFailure) -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        // No pager, no prompt, no colours, plain messages, no optional lock of the index.
        process.arguments = ["-c", "core.quotePath=false", "-c", "color.ui=never", "--no-pager"] + arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["GIT_OPTIONAL_LOCKS"] = "0"
        environment["LC_ALL"] = "C"
        process.environment = environment
        let output = Pipe(), errors = Pipe(), feed = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input == nil ? FileHandle.nullDevice : feed
        do {
            try process.run()
        } catch {
            throw GitFailure(message: "cannot run \(executable): \(error.localizedDescription)")
        }
        let group = DispatchGroup()
        // Standard error and the input on their own threads, so no pipe fills up and blocks git.
        let messages = Collected()
        DispatchQueue.global().async(group: group) {
            messages.bytes = readAll(errors.fileHandleForReading)
        }
        if let input {
            let writer = feed.fileHandleForWriting
            DispatchQueue.global().async(group: group) {
                writer.write(Data(input))
                try? writer.close()
            }
        }
        let bytes = readAll(output.fileHandleForReading)
        process.waitUntilExit()
        group.wait()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let text = String(decoding: messages.bytes, as: UTF8.self).split(separator: "\n").first.map(String.init)
            throw GitFailure(message: text ?? "git \(arguments.first ?? "") exited with status \(process.terminationStatus)")
        }
        return bytes
    }

    /// The output as text without the final newline.
    func text(_ arguments: [String]) throws(GitFailure) -> String {
        var text = String(decoding: try run(arguments), as: UTF8.self)
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    /// Reads the blobs `ids` through one `git cat-file --batch` process, handed all the ids at
    /// once, in the order given: in the order of the history, each blob is a small delta from
    /// one git has just undone (a year's blobs: 0.15 s in that order, 0.25 s sorted by id, 0.30 s
    /// shared out over two processes). Ids git does not have are left out.
    func blobs(_ ids: [String]) throws(GitFailure) -> [String: [UInt8]] {
        try batch(ids)
    }

    /// One `git cat-file --batch` process for `ids`.
    func batch(_ ids: [String]) throws(GitFailure) -> [String: [UInt8]] {
        guard !ids.isEmpty else { return [:] }
        // `--buffer`: written in large blocks, not flushed after each blob.
        let output = try run(["cat-file", "--batch", "--buffer"], input: Array(ids.map { $0 + "\n" }.joined().utf8))
        var result: [String: [UInt8]] = [:]
        result.reserveCapacity(ids.count)
        var index = 0
        while index < output.count {
            guard let end = output[index...].firstIndex(of: 0x0A) else { break }
            let header = output[index..<end].split(separator: 0x20)
            index = end + 1
            // `<id> <type> <size>`, or `<id> missing`.
            guard header.count == 3, let size = Int(String(decoding: header[2], as: UTF8.self)), index + size <= output.count else {
                continue
            }
            result[String(decoding: header[0], as: UTF8.self)] = Array(output[index..<index + size])
            index += size + 1
        }
        return result
    }
}

/// Everything `handle` gives until its end, read in large blocks straight into the array's
/// spare room (`readDataToEndOfFile` took three times as long as git itself for the blobs of a
/// year; reading into a block and appending it copied each byte once more). The pipe is made
/// 1 MiB where the system allows: git then waits for the reader, and the reader for git, 16
/// times less often than with the default 64 KiB.
private func readAll(_ handle: FileHandle) -> [UInt8] {
    let descriptor = handle.fileDescriptor
    #if os(Linux)
    _ = fcntl(descriptor, 1031 /* F_SETPIPE_SZ, which Glibc's module leaves out */, 1 << 20)
    #endif
    var bytes: [UInt8] = []
    var used = 0
    while true {
        if bytes.count - used < 1 << 16 { bytes.append(contentsOf: repeatElement(0, count: max(1 << 18, bytes.count))) }
        let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + used, $0.count - used) }
        if count > 0 {
            used += count
        } else if count == 0 || errno != EINTR {
            bytes.removeLast(bytes.count - used)
            return bytes
        }
    }
}

/// Bytes one thread collects for another, read after the group is waited for.
private final class Collected: @unchecked Sendable {
    var bytes: [UInt8] = []
}
