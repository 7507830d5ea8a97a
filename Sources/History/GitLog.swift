import Inventory

/// A commit that changed `content/`, with the content files it changed.
struct LoggedCommit: Sendable, Equatable {
    var id: String
    /// The commit's date, as `git log` shows it (the committer's own time zone).
    var day: Day
    var subject: String
    var changes: [FileChange]
}

/// One file a commit changed: its blob before and after (nil: not there, or not a regular file).
struct FileChange: Sendable, Equatable {
    var path: String
    var old: String?
    var new: String?
}

enum GitLog {
    /// `git log` of the first-parent line from HEAD, newest first, each commit with the raw
    /// changes to files under `content/` (paths relative to the source folder).
    static let arguments = ["log", "--first-parent", "--no-renames", "--raw", "--no-abbrev", "-z", "--relative",
                            "--format=%x1e%H%x1f%cs%x1f%s", "HEAD", "--", "content"]

    /// Parses the output of `arguments`.
    static func parse(_ output: [UInt8]) -> [LoggedCommit] {
        var commits: [LoggedCommit] = []
        for record in output.split(separator: 0x1E) {
            // The header runs to the first NUL; then come `:modes ids status NUL path NUL` pairs.
            let fields = record.split(separator: 0, omittingEmptySubsequences: false)
            guard let header = fields.first else { continue }
            let parts = header.split(separator: 0x1F, maxSplits: 2, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            guard parts.count >= 2, let day = Day(parts[1]) else { continue }
            var commit = LoggedCommit(id: parts[0], day: day, subject: parts.count > 2 ? parts[2] : "", changes: [])
            var index = 1
            while index + 1 < fields.count {
                var meta = String(decoding: fields[index], as: UTF8.self)
                while meta.first == "\n" { meta.removeFirst() }
                guard meta.hasPrefix(":") else { index += 1; continue }
                let path = String(decoding: fields[index + 1], as: UTF8.self)
                index += 2
                // `:100644 100644 <old> <new> M`
                let words = meta.dropFirst().split(separator: " ")
                guard words.count >= 5 else { continue }
                commit.changes.append(FileChange(path: path, old: blob(mode: words[0], id: words[2]), new: blob(mode: words[1], id: words[3])))
            }
            commits.append(commit)
        }
        return commits
    }

    /// `git ls-tree -r -z <commit> -- content`: path → blob of every regular file.
    static func parseTree(_ output: [UInt8]) -> [String: String] {
        var tree: [String: String] = [:]
        for entry in output.split(separator: 0) {
            // `<mode> <type> <id>\t<path>`
            guard let tab = entry.firstIndex(of: 0x09) else { continue }
            let words = entry[..<tab].split(separator: 0x20)
            guard words.count == 3 else { continue }
            let path = String(decoding: entry[(tab + 1)...], as: UTF8.self)
            if let id = blob(mode: Substring(String(decoding: words[0], as: UTF8.self)), id: Substring(String(decoding: words[2], as: UTF8.self))) {
                tree[path] = id
            }
        }
        return tree
    }

    /// The id of a regular file's blob; nil for no file (all zeros), links and submodules.
    static func blob(mode: Substring, id: Substring) -> String? {
        guard mode == "100644" || mode == "100755", id.contains(where: { $0 != "0" }) else { return nil }
        return String(id)
    }
}
