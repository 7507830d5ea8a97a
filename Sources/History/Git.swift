import Dispatch
import Foundation
import Parallel

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
            messages.bytes = Array(errors.fileHandleForReading.readDataToEndOfFile())
        }
        if let input {
            let writer = feed.fileHandleForWriting
            DispatchQueue.global().async(group: group) {
                writer.write(Data(input))
                try? writer.close()
            }
        }
        let bytes = Array(output.fileHandleForReading.readDataToEndOfFile())
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

    /// Reads the blobs `ids` through long-lived `git cat-file --batch` processes, one per core
    /// (git spends its time undoing the pack's deltas): each is handed its share of the ids at
    /// once and its blobs are read back in order. Ids git does not have are left out.
    func blobs(_ ids: [String]) throws(GitFailure) -> [String: [UInt8]] {
        let shares = min(ProcessInfo.processInfo.activeProcessorCount, max(1, ids.count / 256))
        guard shares > 1 else { return try batch(ids) }
        let parts = ConcurrentSlots<Result<[String: [UInt8]], GitFailure>>(count: shares)
        Workers.forEach(shares) { share in
            let slice = Array(ids[(ids.count * share / shares)..<(ids.count * (share + 1) / shares)])
            do throws(GitFailure) { parts[share] = .success(try batch(slice)) } catch { parts[share] = .failure(error) }
        }
        var result: [String: [UInt8]] = [:]
        for part in parts.all {
            switch part {
            case .success(let blobs)?: result.merge(blobs) { first, _ in first }
            case .failure(let error)?: throw error
            case nil: break
            }
        }
        return result
    }

    /// One `git cat-file --batch` process for `ids`.
    func batch(_ ids: [String]) throws(GitFailure) -> [String: [UInt8]] {
        guard !ids.isEmpty else { return [:] }
        let output = try run(["cat-file", "--batch"], input: Array(ids.map { $0 + "\n" }.joined().utf8))
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

/// Bytes one thread collects for another, read after the group is waited for.
private final class Collected: @unchecked Sendable {
    var bytes: [UInt8] = []
}
