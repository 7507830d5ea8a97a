import Foundation
import Testing

/// `check` on an organisation site: a gate for a platform team. It fails when a member's data
/// is older than member_stale_days or a member runs a component past its end of life, and
/// passes when every member is current; `content/_index.md` errors are located like any other.
@Suite struct OrganisationCheckTests {
    /// One member site built on `built`, running node `node`, and an organisation site reading it from disk.
    func organisation(built: String, node: String, policy: String = "", eol: Bool = false) throws -> Scratch {
        let scratch = Scratch()
        scratch.write("team/content/_index.md", "---\ntitle: Team\n---\n")
        scratch.write("team/content/standards.md", "---\ncomponents: { node: \"22\" }\n---\n")
        scratch.write("team/content/services/api.md", """
            ---
            name: API
            owner: dana
            components: { node: "\(node)" }
            environments:
              production: { version: "1.0.0", image: "registry.example.com/api:1.0.0" }
            ---
            """)
        let member = try shortpath(["build", "--source", scratch.url.appending(path: "team").path, "--today", built])
        #expect(member.status == 0, "\(member.stderr)")
        scratch.write("org/content/_index.md", "---\ntitle: Org\nmembers:\n  - name: Team\n    path: ../team/public\n\(policy)---\n")
        if eol {
            scratch.write("org/content/standards.md", "---\neol_products: { node: nodejs }\n---\n")
            // endoflife.date's v0 format: node 16 ended on 2023-09-11.
            scratch.write("org/content/eol/nodejs.json", #"[{"cycle": "22", "eol": "2027-04-30"}, {"cycle": "16", "eol": "2023-09-11"}]"#)
        }
        return scratch
    }

    func check(_ scratch: Scratch) throws -> Run {
        try shortpath(["check", "--source", scratch.url.appending(path: "org").path, "--today", "2026-11-27"])
    }

    @Test func currentMembersPass() throws {
        let run = try check(try organisation(built: "2026-11-26", node: "22.11.0"))
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(!run.stdout.contains("[member-"))
    }

    @Test func memberDataOlderThanTheLimitFails() throws {
        let run = try check(try organisation(built: "2026-11-20", node: "22.11.0"))
        #expect(run.status == 1)
        #expect(run.stdout.contains("content/_index.md:4:5: error: member Team's data was built on 2026-11-20, 7 days ago (over the 2 days the policy allows) [member-stale]"), "\(run.stdout)")
        let relaxed = try check(try organisation(built: "2026-11-20", node: "22.11.0", policy: "policy:\n  member_stale_days: 10\n"))
        #expect(relaxed.status == 0, "\(relaxed.stdout)")
    }

    @Test func memberPastEndOfLifeFails() throws {
        let run = try check(try organisation(built: "2026-11-27", node: "16.20.2", eol: true))
        #expect(run.status == 1)
        #expect(run.stdout.contains("error: member Team: API runs node 16.20.2") && run.stdout.contains("[member-eol-reached]"), "\(run.stdout)")
    }

    @Test func unreadableMemberWithoutCopyFails() throws {
        let scratch = Scratch()
        scratch.write("content/_index.md", "---\nmembers:\n  - { name: Gone, path: nowhere }\n---\n")
        let run = try shortpath(["check", "--source", scratch.url.path, "--today", "2026-11-27"])
        #expect(run.status == 1)
        #expect(run.stdout.contains("content/_index.md:3:5: error: member Gone could not be read (inventory.json: no such file) and no earlier copy is kept [member-unavailable]"), "\(run.stdout)")
    }

    @Test func membersErrorsAreLocated() throws {
        let scratch = Scratch()
        scratch.write("content/_index.md", """
            ---
            members:
              - name: A
                urll: https://a.example/
              - name: B
                url: javascript:alert(1)
              - name: C
                url: https://c.example/
                path: c
              - { name: a, path: x }
              - { name: "A!", path: z }
              - team: t
            policy:
              member_stale_dys: 3
            ---
            """)
        let run = try shortpath(["check", "--source", scratch.url.path, "--today", "2026-11-27"])
        #expect(run.status == 2)
        for line in [
            "content/_index.md:4:5: error: unknown key 'urll' in a member (did you mean 'url'?)",
            "content/_index.md:6:10: error: 'javascript:alert(1)' is not an http(s) or mailto link",
            "content/_index.md:9:5: error: member 'C' has both 'url' and 'path'",
            "content/_index.md:3:5: error: member 'A' has neither 'url' nor 'path'",
            "content/_index.md:11:13: error: duplicate member 'A!': the member at line 10 has the same name",
            "content/_index.md:12:5: error: a member has no 'name'",
            "content/_index.md:14:3: error: unknown key 'member_stale_dys' in 'policy' (did you mean 'member_stale_days'?)",
        ] {
            #expect(run.stderr.contains(line), "\(line)\n\(run.stderr)")
        }
    }
}
