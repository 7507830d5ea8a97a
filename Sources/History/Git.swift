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
        try start(arguments, input: input).output()
    }

    /// Starts `git arguments…`; several run side by side until their output is asked for.
    func start(_ arguments: [String], input: [UInt8]? = nil) throws(GitFailure) -> GitProcess {
        // No pager, no prompt, no colours, plain messages, no optional lock of the index.
        try GitProcess(executable: executable,
                       options: ["-C", directory.path, "-c", "core.quotePath=false", "-c", "color.ui=never", "--no-pager"],
                       arguments: arguments, environment: Self.environment, input: input)
    }

    /// The environment git runs in: this process's, with no prompt, no optional locks and the C locale.
    static let environment: [String] = {
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["GIT_OPTIONAL_LOCKS"] = "0"
        environment["LC_ALL"] = "C"
        return environment.map { "\($0.key)=\($0.value)" }
    }()

    /// The output as text without the final newline.
    func text(_ arguments: [String]) throws(GitFailure) -> String {
        GitProcess.text(try run(arguments))
    }

    /// Reads the blobs `ids` through one `git cat-file --batch` process, handed all the ids at
    /// once, in the order given: in the order of the history, each blob is a small delta from
    /// one git has just undone (a year's blobs: 0.15 s in that order, 0.25 s sorted by id, 0.30 s
    /// shared out over two processes). Ids git does not have are left out.
    func blobs(_ ids: [String]) throws(GitFailure) -> GitBlobs {
        guard !ids.isEmpty else { return GitBlobs() }
        // `--buffer`: written in large blocks, not flushed after each blob.
        return GitBlobs(try run(["cat-file", "--batch", "--buffer"], input: Array(ids.map { $0 + "\n" }.joined().utf8)))
    }
}

/// The output of `git cat-file --batch`: each blob's bytes found by its id, left where they are
/// in the one output (not copied out blob by blob).
struct GitBlobs: Sendable {
    let output: [UInt8]
    /// Id → the blob's range in `output`.
    private(set) var ranges: [String: Range<Int>] = [:]

    init(_ output: [UInt8] = []) {
        self.output = output
        ranges.reserveCapacity(output.count / 1024)
        output.withUnsafeBufferPointer { bytes in
            var index = 0
            while index < bytes.count {
                // `<id> <type> <size>`, or `<id> missing`.
                var end = index
                while end < bytes.count, bytes[end] != 0x0A { end += 1 }
                guard end < bytes.count else { break }
                let header = bytes[index..<end].split(separator: 0x20)
                index = end + 1
                guard header.count == 3, let size = Self.number(header[2]), index + size <= bytes.count else { continue }
                ranges[String(decoding: UnsafeBufferPointer(rebasing: header[0]), as: UTF8.self)] = index..<index + size
                index += size + 1
            }
        }
    }

    var count: Int { ranges.count }

    subscript(id: String) -> ArraySlice<UInt8>? { ranges[id].map { output[$0] } }

    private static func number(_ digits: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        guard !digits.isEmpty, digits.count < 19 else { return nil }
        var value = 0
        for digit in digits {
            guard digit >= 0x30, digit <= 0x39 else { return nil }
            value = value * 10 + Int(digit - 0x30)
        }
        return value
    }
}
