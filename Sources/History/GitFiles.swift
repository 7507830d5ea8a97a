import Foundation

/// Where the source folder stands in git, read from the repository's files with no git
/// process: enough to find the cache of the commit at HEAD (a build with no new commit then
/// runs no git at all). Nil whenever the files leave any doubt, and git is asked instead: a
/// `.git` file (a linked work tree, a submodule), a bare or relocated repository
/// (`core.bare`, `core.worktree`, reftable refs), a repository another user owns (git
/// refuses it), `GIT_DIR` and the like in the environment, a symbolic ref it cannot follow,
/// a branch with no commit yet.
enum GitFiles {
    static func place(_ source: URL, environment: [String: String] = ProcessInfo.processInfo.environment) -> GitPlace? {
        let variables = ["GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR", "GIT_CEILING_DIRECTORIES", "GIT_DISCOVERY_ACROSS_FILESYSTEM"]
        guard !variables.contains(where: { environment[$0] != nil }) else { return nil }
        guard let gitDirectory = repository(above: source.standardizedFileURL.path) else { return nil }
        var info = stat()
        guard stat(gitDirectory, &info) == 0, info.st_uid == geteuid() else { return nil }
        guard let config = read("\(gitDirectory)/config"), plainConfig(config) else { return nil }
        guard let headFile = read("\(gitDirectory)/HEAD")?.trimmingCharacters(in: .newlines) else { return nil }
        let shallow = FileManager.default.fileExists(atPath: "\(gitDirectory)/shallow")
        if isObjectId(headFile) { return GitPlace(shallow: shallow, head: headFile, detached: true) }
        guard headFile.hasPrefix("ref: refs/heads/") else { return nil }
        let ref = String(headFile.dropFirst("ref: ".count))
        guard !ref.split(separator: "/").contains(where: { $0 == ".." || $0 == "." }),
              let id = resolve(ref, in: gitDirectory) else { return nil }
        return GitPlace(shallow: shallow, head: id, detached: false)
    }

    /// The `.git` folder of the nearest work tree holding `path`; nil for a `.git` file or none.
    static func repository(above path: String) -> String? {
        var folder = path
        while true {
            let candidate = folder == "/" ? "/.git" : "\(folder)/.git"
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isFolder) {
                return isFolder.boolValue ? candidate : nil
            }
            guard folder != "/", let slash = folder.lastIndex(of: "/") else { return nil }
            folder = slash == folder.startIndex ? "/" : String(folder[..<slash])
        }
    }

    /// No setting that moves the work tree or changes how refs are stored.
    static func plainConfig(_ config: String) -> Bool {
        for line in config.split(whereSeparator: \.isNewline) {
            let setting = line.lowercased().filter { !$0.isWhitespace }
            if setting.hasPrefix("bare=") && setting != "bare=false" { return false }
            if setting.hasPrefix("worktree=") || setting.contains("refstorage") { return false }
        }
        return true
    }

    /// The commit a branch ref names: its loose file, else its line in `packed-refs`.
    static func resolve(_ ref: String, in gitDirectory: String) -> String? {
        if let loose = read("\(gitDirectory)/\(ref)") {
            let id = loose.trimmingCharacters(in: .newlines)
            return isObjectId(id) ? id : nil
        }
        guard let packed = read("\(gitDirectory)/packed-refs") else { return nil }
        for line in packed.split(separator: "\n") where !line.hasPrefix("#") && !line.hasPrefix("^") {
            let parts = line.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[1] == ref, isObjectId(String(parts[0])) { return String(parts[0]) }
        }
        return nil
    }

    /// 40 (SHA-1) or 64 (SHA-256) lowercase hexadecimal digits.
    static func isObjectId(_ text: String) -> Bool {
        (text.utf8.count == 40 || text.utf8.count == 64) && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    private static func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }
}
