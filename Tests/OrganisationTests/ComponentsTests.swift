import Foundation
@testable import Analysis
@testable import Inventory
import Pipeline
import Site
import Testing

/// The components across the organisation, on member sites whose every version is known:
/// versions, services and teams on each, distinct counts, and the team standards that differ.
@Suite struct ComponentsTests {
    static let orgStandard = """
        ---
        review: 2027-01-15
        components: { node: "22", postgres: "16", nginx: "1.26" }
        images:
          web: registry.example.com/base/web:2026.11
        ---
        """

    /// Three member sites built from hand-written content, and the organisation site reading them from disk.
    static func organisation(_ work: TemporaryFolder) throws -> AnalysedInventory {
        func service(_ slug: String, components: String, image: String, status: String = "active", production: String = "") -> String {
            """
            ---
            name: \(slug.capitalized)
            owner: dana
            status: \(status)
            base_image: \(image)
            rebuilt: 2026-11-20
            components: { \(components) }
            environments:
              production:
                version: "1.0.0"
                image: registry.example.com/team/\(slug):1.0.0\(production)
            ---
            """
        }
        work.write("shop/content/_index.md", "---\ntitle: Shop\n---\n")
        work.write("shop/content/standards.md", "---\ncomponents: { node: \"22\", postgres: \"16\" }\nimages:\n  web: registry.example.com/base/web:2026.11\n---\n")
        work.write("shop/content/services/cart.md", service("cart", components: "node: \"22.11.0\", postgres: \"16.4\"", image: "registry.example.com/base/web:2026.11"))
        work.write("shop/content/services/checkout.md", service("checkout", components: "node: \"20.11.1\"", image: "registry.example.com/base/web:2026.09"))
        work.write("shop/content/services/old-job.md", service("old-job", components: "node: \"18.20.4\"", image: "registry.example.com/base/web:2026.11", status: "retired"))
        work.write("data/content/_index.md", "---\ntitle: Data\n---\n")
        work.write("data/content/standards.md", """
            ---
            components: { node: "20", postgres: "16", redis: "7.4" }
            images:
              web: registry.example.com/base/web:2026.11
              jobs: registry.example.com/base/jobs:2026.11
            ---
            """)
        work.write("data/content/services/ingest.md", service("ingest", components: "node: \"22.11.0\", postgres: \"15.8\"", image: "registry.example.com/base/jobs:2026.11"))
        work.write("data/content/services/report.md", service("report", components: "node: \"22.11.0\", redis: \"7.4.1\"", image: "registry.example.com/base/web:2026.11",
                                                             production: "\n    components: { node: \"22.12.0\" }"))
        work.write("edge/content/_index.md", "---\ntitle: Edge\n---\n")
        work.write("edge/content/standards.md", Self.orgStandard)
        work.write("edge/content/services/proxy.md", service("proxy", components: "nginx: \"1.26.2\"", image: "registry.example.com/base/web:2026.11"))
        for member in ["shop", "data", "edge"] {
            try buildSite(work.url.appending(path: member), work.url.appending(path: "\(member)/public"))
        }
        work.write("org/content/_index.md", """
            ---
            title: Example Co.
            members:
              - { name: Shop, path: ../shop/public, team: storefront }
              - { name: Data, path: ../data/public, team: data }
              - { name: Edge, path: ../edge/public, team: storefront }
            ---
            """)
        work.write("org/content/standards.md", Self.orgStandard)
        return try Pipeline.analyse(source: work.url.appending(path: "org"), today: testToday, members: .online)
    }

    @Test func everyVersionWithItsServicesAndTeams() throws {
        let work = TemporaryFolder()
        let overview = try #require(try Self.organisation(work).report.organisation)
        let table = overview.components.map { spread in
            "\(spread.name) (\(spread.distinct), approved \(spread.approved ?? "-")): "
                + spread.uses.map { "\($0.value) \($0.services) [\($0.teams.joined(separator: " "))] \($0.conforms.map { $0 ? "ok" : "differs" } ?? "-")" }
                .joined(separator: "; ")
        }
        #expect(table == [
            "nginx (1, approved 1.26): 1.26.2 1 [storefront] ok",
            "node (3, approved 22): 22.12.0 1 [data] ok; 22.11.0 2 [data storefront] ok; 20.11.1 1 [storefront] differs",
            "postgres (2, approved 16): 16.4 1 [storefront] ok; 15.8 1 [data] differs",
            "redis (1, approved -): 7.4.1 1 [data] -",
        ])
        #expect(overview.distinctVersions == 7)
        #expect(overview.images.uses.map { "\($0.value) \($0.services) \($0.teams.count)" } == [
            "registry.example.com/base/web:2026.11 3 2",
            "registry.example.com/base/jobs:2026.11 1 1",
            "registry.example.com/base/web:2026.09 1 1",
        ])
        #expect(overview.images.distinct == 3)
        #expect(overview.teams == 2)
        #expect(overview.services == 5)
    }

    @Test func teamStandardsThatDifferFromTheOrganisations() throws {
        let work = TemporaryFolder()
        let overview = try #require(try Self.organisation(work).report.organisation)
        let differences = Dictionary(overview.differences.map { ($0.member, $0.lines) }, uniquingKeysWith: { first, _ in first })
        #expect(differences["Edge"] == nil)
        #expect(differences["Shop"] == ["nginx: not named (the organisation approves 1.26)"])
        #expect(differences["Data"] == [
            "nginx: not named (the organisation approves 1.26)",
            "node: approves 20, the organisation 22",
            "redis: approves 7.4, which the organisation's standard does not name",
            "base image registry.example.com/base/jobs:2026.11: approved by the team, not in the organisation's set",
        ])
    }

    @Test func componentsPageAndDataFilesShowTheTable() throws {
        let work = TemporaryFolder()
        let analysed = try Self.organisation(work)
        let output = work.url.appending(path: "org/public")
        try buildSite(work.url.appending(path: "org"), output)
        let page = work.read("org/public/organisation/components/index.html")
        #expect(page.contains("<strong>7</strong> distinct component versions"))
        #expect(page.contains("<tr><td><a href=\"#component-node\">node</a><td class=\"num\">3<td class=\"num\">4<td><code>22</code></tr>"))
        #expect(page.contains("<tr class=\"differs\"><td>node<td><code>20.11.1</code> <span class=\"mark warning\""))
        #expect(page.contains("<li>node: approves 20, the organisation 22</li>"))
        let index = work.read("org/public/organisation/index.html")
        // Worst first: every member is read and current, so by errors, then warnings, most first.
        let members = try #require(analysed.report.organisation).members
        #expect(members.allSatisfy { $0.state == .fresh && !$0.overLimit })
        #expect(zip(members, members.dropFirst()).allSatisfy { ($0.errors, $0.warnings) >= ($1.errors, $1.warnings) })
        let positions = members.compactMap { index.range(of: "<td>\($0.snapshot.entry.name)<td>")?.lowerBound }
        #expect(positions.count == 3 && positions == positions.sorted())
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: output.appending(path: "organisation.json"))) as! [String: Any]
        let components = json["components"] as! [[String: Any]]
        #expect(components.map { $0["name"] as! String } == ["nginx", "node", "postgres", "redis"])
        #expect(components.map { $0["distinct"] as! Int } == [1, 3, 2, 1])
        let csv = work.read("org/public/organisation.csv").split(separator: "\r\n")
        #expect(csv.first == "member,team,slug,name,owner,on_standard_path,version,image,digest,base_image,components,state,href")
        #expect(csv.count == 6)
        #expect(csv.contains { $0.hasPrefix("Data,data,report,Report,dana,") && $0.contains("\"node 22.12.0, redis 7.4.1\"") })
    }
}
