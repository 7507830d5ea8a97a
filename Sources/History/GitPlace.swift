/// Where the source folder stands in git: in a work tree or not, a shallow clone or not,
/// the commit at HEAD (nil: no commit yet) and whether HEAD is on a branch.
struct GitPlace: Equatable {
    var shallow: Bool
    var head: String?
    var detached: Bool

    /// One `git rev-parse` in the usual case; a second when the first fails, to tell a folder
    /// outside any work tree from a repository with no commit. Nil outside a work tree.
    static func read(_ git: Git) -> GitPlace? {
        // `true|false` twice, `<commit>`, `refs/heads/<branch>` (or `HEAD` when detached), `--`.
        if let lines = try? git.text(["rev-parse", "--is-inside-work-tree", "--is-shallow-repository",
                                      "HEAD^{commit}", "--symbolic-full-name", "HEAD", "--"]).split(separator: "\n"),
           lines.count == 5 {
            guard lines[0] == "true" else { return nil }
            return GitPlace(shallow: lines[1] == "true", head: String(lines[2]), detached: !lines[3].hasPrefix("refs/heads/"))
        }
        let lines = (try? git.text(["rev-parse", "--is-inside-work-tree", "--is-shallow-repository"]))?.split(separator: "\n")
        guard let lines, lines.count == 2, lines[0] == "true" else { return nil }
        return GitPlace(shallow: lines[1] == "true", head: nil, detached: false)
    }
}
