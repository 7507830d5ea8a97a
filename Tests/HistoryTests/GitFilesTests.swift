import Foundation
import Testing
@testable import Analysis
@testable import History
@testable import Inventory

/// HEAD read from the repository's files (the cached build runs no git) says what git says,
/// or nothing when in doubt; and the cache is read only for the commit at HEAD.
@Suite(.serialized) struct GitFilesTests {
    static let today = HistoryReaderTests.today

    func gitSays(_ repo: URL) -> GitPlace? { GitPlace.read(Git(executable: GitRepository.executable, directory: repo)) }

    @Test func headFromTheFilesIsGits() throws {
        let (repo, ids) = try HistoryReaderTests.story()
        let onBranch = try #require(GitFiles.place(repo.url))
        #expect(onBranch == gitSays(repo.url))
        #expect(onBranch.head == (try repo.git("rev-parse", "HEAD")) && !onBranch.detached && !onBranch.shallow)
        // From a folder inside the work tree too.
        #expect(GitFiles.place(repo.url.appending(path: "content")) == gitSays(repo.url.appending(path: "content")))
        // The branch's ref packed away (as `git gc` does).
        try repo.git("pack-refs", "--all")
        #expect(!FileManager.default.fileExists(atPath: repo.url.appending(path: ".git/refs/heads/main").path))
        #expect(GitFiles.place(repo.url) == onBranch)
        // Detached, and on another branch.
        try repo.git("checkout", "-q", "--detach", ids["fixed"]!)
        #expect(GitFiles.place(repo.url) == GitPlace(shallow: false, head: ids["fixed"]!, detached: true))
        #expect(GitFiles.place(repo.url) == gitSays(repo.url))
        try repo.git("checkout", "-q", "-b", "older", ids["start"]!)
        #expect(GitFiles.place(repo.url) == GitPlace(shallow: false, head: ids["start"]!, detached: false))
    }

    @Test func aShallowCloneFromTheFiles() throws {
        let (repo, _) = try HistoryReaderTests.story()
        let clone = FileManager.default.temporaryDirectory.appending(path: "shortpath-shallow-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: clone) }
        try GitRepository.run(["clone", "-q", "--depth", "3", "file://\(repo.url.path)", clone.path], in: repo.url)
        let place = try #require(GitFiles.place(clone))
        #expect(place.shallow && place == gitSays(clone))
    }

    @Test func inDoubtGitIsAsked() throws {
        let (repo, ids) = try HistoryReaderTests.story()
        // A linked work tree has a `.git` file.
        let linked = try repo.export(ids["fixed"]!)
        defer { try? FileManager.default.removeItem(at: linked) }
        #expect(GitFiles.place(linked) == nil)
        #expect(gitSays(linked)?.head == ids["fixed"])
        // The environment moves the repository.
        #expect(GitFiles.place(repo.url, environment: ["GIT_DIR": "/elsewhere"]) == nil)
        // A branch with no commit yet.
        try repo.git("checkout", "-q", "--orphan", "empty")
        #expect(GitFiles.place(repo.url) == nil)
        try repo.git("checkout", "-q", "-f", "main")
        // A setting that moves the work tree.
        try repo.git("config", "core.worktree", repo.url.path)
        #expect(GitFiles.place(repo.url) == nil)
        // Outside any repository.
        #expect(GitFiles.repository(above: "/") == nil || FileManager.default.fileExists(atPath: "/.git"))
        #expect(GitFiles.plainConfig("[core]\n\tbare = false\n") && !GitFiles.plainConfig("[core]\n\tbare = true\n"))
    }

    @Test func theCacheIsForTheCommitAtHeadOnly() throws {
        let (repo, ids) = try HistoryReaderTests.story()
        let latest = HistoryReader.read(source: repo.url, today: Self.today, days: 365)
        #expect(latest.points.last?.commit == (try repo.git("rev-parse", "HEAD")))
        // Another branch at an older commit: its own history, not the cached one.
        try repo.git("checkout", "-q", "-b", "older", ids["broken"]!)
        let older = HistoryReader.read(source: repo.url, today: Self.today, days: 365)
        #expect(older.points.last?.commit == ids["broken"])
        #expect(older == HistoryReader.read(source: repo.url, today: Self.today, days: 365, cache: false))
        // Back on main with its refs packed: the history of main again, whether cached or not.
        try repo.git("checkout", "-q", "main")
        try repo.git("pack-refs", "--all")
        #expect(HistoryReader.read(source: repo.url, today: Self.today, days: 365) == latest)
        // A commit amended on the same day: a new HEAD, read again.
        try repo.write("content/services/c.md", HistoryReaderTests.service("C", node: "22.12.0", base: "2026.01"))
        try repo.git("commit", "-q", "-a", "--amend", "-m", "Amended", date: "2026-03-10")
        let after = HistoryReader.read(source: repo.url, today: Self.today, days: 365)
        #expect(after.points.last?.subject == "Amended")
        #expect(after == HistoryReader.read(source: repo.url, today: Self.today, days: 365, cache: false))
    }
}
