import Foundation
@testable import Inventory
import Pipeline
import Site
import Testing

/// The acceptance story of an organisation site: two member sites built from generated
/// inventories and served over loopback HTTP, and a third that answers, then fails with 500,
/// then hangs past the timeout, then serves the wrong schema. Each time the organisation site
/// builds, marks what is stale and why, and keeps the last good copy; a member never read is
/// unavailable.
@Suite(.serialized) struct FetchingTests {
    @Test func organisationSiteBuildsThroughEveryKindOfMemberFailure() throws {
        let work = TemporaryFolder()
        for (name, count, seed) in [("alpha", 12, 1), ("beta", 8, 2), ("gamma", 5, 3)] {
            try generateInventory(count, seed: seed, into: work.url.appending(path: name))
            try buildSite(work.url.appending(path: name), work.url.appending(path: "\(name)-public"))
        }
        let server = MemberServer()
        try server.start()
        defer { server.stop() }
        server["alpha"] = .folder(work.url.appending(path: "alpha-public"))
        server["beta"] = .folder(work.url.appending(path: "beta-public"))
        server["gamma"] = .folder(work.url.appending(path: "gamma-public"))
        server["never"] = .status(503)
        let org = work.url.appending(path: "org"), output = work.url.appending(path: "org-public")
        work.write("org/content/_index.md", """
            ---
            title: Example Co.
            members:
              - name: Alpha
                url: \(server.url("alpha"))
                team: storefront
              - name: Beta
                url: \(server.url("beta"))
                team: storefront
              - name: Gamma
                url: \(server.url("gamma"))
              - name: Never
                url: \(server.url("never"))
            ---
            """)

        // 1. Every member answers but one, which never did.
        var result = try buildSite(org, output, timeout: 5)
        var members = try states(output)
        #expect(members["Alpha"]?.state == "fresh")
        #expect(members["Beta"]?.state == "fresh")
        #expect(members["Gamma"]?.state == "fresh")
        #expect(members["Never"]?.state == "unavailable")
        #expect(members["Never"]?.problem == "inventory.json: HTTP status 503")
        let alphaActive = 12 - (try retired(work.url.appending(path: "alpha-public")))
        #expect(members["Alpha"]?.services == alphaActive)
        #expect(result.report.findings.contains { $0.rule == .memberUnavailable && $0.message.contains("Never") })
        let copy = work.url.appending(path: "org/.shortpath/members/gamma/inventory.json")
        let kept = try Data(contentsOf: copy)
        #expect(kept == (try Data(contentsOf: work.url.appending(path: "gamma-public/inventory.json"))))

        // 2. Gamma fails with 500: the build goes on with its last good copy, marked stale.
        server["gamma"] = .status(500)
        result = try buildSite(org, output, timeout: 5)
        members = try states(output)
        #expect(members["Gamma"]?.state == "stale")
        #expect(members["Gamma"]?.problem == "inventory.json: HTTP status 500")
        let gammaActive = 5 - (try retired(work.url.appending(path: "gamma-public")))
        #expect(members["Gamma"]?.services == gammaActive)
        let index = try String(contentsOf: output.appending(path: "organisation/index.html"), encoding: .utf8)
        #expect(index.contains("<strong>Gamma</strong>: last good copy, built 2026-11-27 (today), copy read on 2026-11-27. Now: inventory.json: HTTP status 500"))
        for page in ["organisation/components/index.html", "organisation/search/index.html"] {
            let text = try String(contentsOf: output.appending(path: page), encoding: .utf8)
            #expect(text.contains("Now: inventory.json: HTTP status 500"), "\(page) marks the stale member")
        }
        #expect(result.report.findings.contains { $0.rule == .memberUnreadable && $0.message.contains("Gamma") && $0.message.contains("HTTP status 500") })
        #expect(try Data(contentsOf: copy) == kept)

        // 3. Gamma hangs past the timeout: the build still finishes, soon after the timeout.
        server["gamma"] = .hang(seconds: 5)
        let start = Date()
        result = try buildSite(org, output, timeout: 1)
        #expect(Date().timeIntervalSince(start) < 4.5)
        members = try states(output)
        #expect(members["Gamma"]?.state == "stale")
        #expect(members["Gamma"]?.problem?.contains("within 1 s") == true, "\(members["Gamma"]?.problem ?? "")")

        // 4. Gamma serves another schema: not read, the copy stays.
        server["gamma"] = .body(#"{"schema": 99, "today": "2026-11-27", "services": [], "findings": []}"#)
        result = try buildSite(org, output, timeout: 5)
        members = try states(output)
        #expect(members["Gamma"]?.state == "stale")
        #expect(members["Gamma"]?.problem == "inventory.json has schema 99; this Shortpath reads schema 1")
        #expect(try Data(contentsOf: copy) == kept)

        // 5. Gamma answers again: fresh, and nothing is stale but the member that never answered.
        server["gamma"] = .folder(work.url.appending(path: "gamma-public"))
        result = try buildSite(org, output, timeout: 5)
        members = try states(output)
        #expect(members["Gamma"]?.state == "fresh")
        #expect(!result.report.findings.contains { $0.rule == .memberUnreadable })
    }

    /// Many members on one host: every one is read. (With sixteen read at once, FoundationNetworking
    /// on Linux left the first six transfers unanswered until they timed out.)
    @Test func manyMembersOnOneHostAreAllRead() throws {
        let work = TemporaryFolder()
        try generateInventory(3, seed: 7, into: work.url.appending(path: "team"))
        try buildSite(work.url.appending(path: "team"), work.url.appending(path: "team-public"))
        let server = MemberServer()
        try server.start()
        defer { server.stop() }
        let names = (1...40).map { "team-\($0)" }
        for name in names { server[name] = .folder(work.url.appending(path: "team-public")) }
        work.write("content/_index.md", "---\nmembers:\n" + names.map { "  - { name: \($0), url: \"\(server.url($0))\" }\n" }.joined() + "---\n")
        let snapshots = Pipeline.readMembers(try Pipeline.load(source: work.url).settings.members, source: work.url, today: testToday,
                                             options: MemberOptions(timeout: 8))
        #expect(snapshots.count == 40)
        #expect(snapshots.filter(\.isUnavailable).map(\.entry.name) == [], "\(snapshots.compactMap(\.problem))")
    }

    @Test func tooLargeAndMalformedFilesAreProblemsNotFailures() throws {
        let work = TemporaryFolder()
        let server = MemberServer()
        try server.start()
        defer { server.stop() }
        server["big"] = .body(#"{"schema": 1, "pad": ""# + String(repeating: "x", count: 4096) + #""}"#)
        server["bad"] = .body("{not json")
        work.write("content/_index.md", """
            ---
            members:
              - { name: Big, url: "\(server.url("big"))" }
              - { name: Bad, url: "\(server.url("bad"))" }
            ---
            """)
        let snapshots = Pipeline.readMembers(try Pipeline.load(source: work.url).settings.members, source: work.url, today: testToday,
                                             options: MemberOptions(timeout: 2, sizeLimit: 1024))
        #expect(snapshots.map(\.isUnavailable) == [true, true])
        #expect(snapshots[0].problem?.contains("larger than 1 KiB") == true, "\(snapshots[0].problem ?? "")")
        #expect(snapshots[1].problem?.contains("not a Shortpath data file") == true, "\(snapshots[1].problem ?? "")")
    }

    struct State: Decodable {
        var name: String
        var state: String
        var problem: String?
        var services: Int
    }

    struct Organisation: Decodable {
        var schema: Int
        var members: [State]
    }

    func states(_ output: URL) throws -> [String: State] {
        let file = try JSONDecoder().decode(Organisation.self, from: Data(contentsOf: output.appending(path: "organisation.json")))
        #expect(file.schema == 1)
        return Dictionary(file.members.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Retired services in a built member site (they are not counted).
    func retired(_ site: URL) throws -> Int {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: site.appending(path: "inventory.json"))) as! [String: Any]
        return (object["services"] as! [[String: Any]]).count { $0["status"] as? String == "retired" }
    }
}
