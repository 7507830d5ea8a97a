import Foundation
import Testing
@testable import Inventory

/// `content/eol/<product>.json`: Shortpath's stored format, and the v0 arrays earlier versions wrote.
@Suite struct EOLFileTests {
    func parse(_ json: String, product: String = "nodejs") throws(Diagnostic) -> EOLProduct {
        try EOLParser.parse(Data(json.utf8), product: product, file: "content/eol/\(product).json")
    }

    func error(_ json: String, product: String = "nodejs") -> Diagnostic? {
        do {
            _ = try parse(json, product: product)
            return nil
        } catch {
            return error
        }
    }

    let stored = """
        {
          "schema": 1,
          "product": "nodejs",
          "label": "Node.js",
          "aliases": ["node"],
          "source": "https://endoflife.date/api/v1/products/nodejs/",
          "fetched": "2026-11-20",
          "releases": [
            {"cycle": "22", "release_date": "2024-04-24", "lts": true, "support_ends": "2025-10-21", "eol": "2027-04-30", "latest": "22.12.0", "latest_date": "2024-12-03"},
            {"cycle": 7.4, "lts": false, "support_ends": false, "eol": true, "latest": null},
            {"cycle": "1.30", "eol": false}
          ]
        }
        """

    @Test func storedFormat() throws {
        let product = try parse(stored)
        #expect(product.format == .stored)
        #expect(product.label == "Node.js")
        #expect(product.aliases == ["node"])
        #expect(product.source == "https://endoflife.date/api/v1/products/nodejs/")
        #expect(product.fetched == Located(Day("2026-11-20")!, line: 7, column: 3))
        #expect(product.cycles == [
            EOLCycle(cycle: "22", releaseDate: Day("2024-04-24"), eol: .day(Day("2027-04-30")!), support: .day(Day("2025-10-21")!),
                     latest: "22.12.0", latestDate: Day("2024-12-03"), lts: true),
            EOLCycle(cycle: "7.4", releaseDate: nil, eol: .yes, support: .no, latest: nil, lts: false),
            EOLCycle(cycle: "1.30", releaseDate: nil, eol: .no, support: nil, latest: nil, lts: false),
        ])
        #expect(product.names == ["nodejs", "node", "Node.js"])
    }

    @Test func noFetchDateIsNotAnError() throws {
        let product = try parse(#"{"schema": 1, "releases": [{"cycle": "22", "eol": false}]}"#)
        #expect(product.fetched == nil)
        #expect(product.cycles.count == 1)
    }

    @Test func storedFormatErrorsPointAtTheKeyOrRelease() {
        let unknown = error(stored.replacingOccurrences(of: "\"fetched\"", with: "\"fetch\""))
        #expect(unknown?.location == SourceLocation(file: "content/eol/nodejs.json", line: 7, column: 3))
        #expect(unknown?.message == "unknown key 'fetch' in end-of-life data (did you mean 'fetched'?)")
        let badDate = error(stored.replacingOccurrences(of: "2026-11-20", with: "2026-11-31"))
        #expect(badDate?.message == "'fetched' must be a date, YYYY-MM-DD")
        #expect(badDate?.location.line == 7)
        let noEOL = error(stored.replacingOccurrences(of: #"{"cycle": "1.30", "eol": false}"#, with: #"{"cycle": "1.30"}"#))
        #expect(noEOL?.message == "release 3 (1.30) needs 'eol': a date, true or false")
        #expect(noEOL?.location == SourceLocation(file: "content/eol/nodejs.json", line: 11, column: 5))
        let releaseKey = error(stored.replacingOccurrences(of: "\"latest\": null", with: "\"lastest\": null"))
        #expect(releaseKey?.message == "unknown key 'lastest' in release 2 (did you mean 'latest'?)")
        #expect(releaseKey?.location.line == 10)
        let wrongType = error(stored.replacingOccurrences(of: "\"lts\": true", with: "\"lts\": \"yes\""))
        #expect(wrongType?.message == "release 1 (22): 'lts' must be true or false")
        #expect(error(stored.replacingOccurrences(of: "\"schema\": 1", with: "\"schema\": 2"))?.message
            == "end-of-life data of schema 2; this shortpath reads schema 1")
        #expect(error(stored.replacingOccurrences(of: "\"schema\": 1", with: "\"schema\": true"))?.message == #"end-of-life data needs "schema": 1"#)
        #expect(error(stored, product: "node")?.message == "this file holds 'nodejs', but its name says 'node'")
        #expect(error(#"{"schema": 1}"#)?.message == "end-of-life data needs 'releases', a list of release cycles")
    }

    /// Exactly what `eol update` wrote before API v1: endoflife.date's v0 answer, unchanged.
    static let v0 = """
        [
          {
            "cycle": "22",
            "releaseDate": "2024-04-24",
            "eol": "2027-04-30",
            "latest": "22.12.0",
            "latestReleaseDate": "2024-12-03",
            "lts": "2024-10-29",
            "support": "2025-10-21"
          },
          {
            "cycle": 3.12,
            "eol": false,
            "latest": "3.12.8",
            "lts": false,
            "support": true
          },
          {
            "cycle": "1.26",
            "eol": true,
            "support": false
          }
        ]

        """

    @Test func v0FilesAreReadAsBefore() throws {
        let product = try parse(Self.v0)
        #expect(product.format == .v0)
        #expect(product.fetched == nil && product.aliases.isEmpty && product.label == nil)
        #expect(product.cycles.map(\.cycle) == ["22", "3.12", "1.26"])
        #expect(product.cycles[0].eol == .day(Day("2027-04-30")!))
        #expect(product.cycles[0].lts)
        #expect(product.cycles[0].latestDate == Day("2024-12-03"))
        #expect(product.cycles[1].eol == .no)
        // v0's `support: true` means active support goes on: its end has not come.
        #expect(product.cycles[1].support == .no)
        #expect(product.cycles[2].support == .yes)
        #expect(product.cycles[2].eol == .yes)
    }

    @Test func v0ErrorsPointAtTheCycle() {
        let broken = error("[\n  {\"cycle\": \"22\", \"eol\": false},\n  {\"cycle\": \"20\"}\n]")
        #expect(broken?.message == "cycle 2 needs 'cycle' and 'eol' (a date or true/false)")
        #expect(broken?.location == SourceLocation(file: "content/eol/nodejs.json", line: 3, column: 3))
        #expect(error("[{\"cycle\": \"1\", \"eol\": ")?.message.hasPrefix("invalid JSON") == true)
    }

    @Test func componentsFindTheirProductByNameAliasOrLabel() throws {
        var nodejs = try parse(stored)
        nodejs.file = "content/eol/nodejs.json"
        let postgres = try parse(#"{"schema": 1, "releases": []}"#, product: "postgresql")
        let plain = Inventory(settings: SiteSettings(), standards: Standards(), services: [], eol: ["nodejs": nodejs, "postgresql": postgres])
        #expect(plain.eolProduct(for: "nodejs")?.product == "nodejs")
        #expect(plain.eolProduct(for: "node")?.product == "nodejs")
        #expect(plain.eolProduct(for: "node.js")?.product == "nodejs")
        #expect(plain.eolProduct(for: "NodeJS")?.product == "nodejs")
        #expect(plain.eolProduct(for: "postgres") == nil)
        #expect(plain.eolProductName(for: "node") == "nodejs")
        #expect(plain.eolProductName(for: "postgres") == "postgres")
        var mapped = plain
        mapped.standards.eolProducts = ["postgres": "postgresql", "js": "node"]
        #expect(mapped.eolProduct(for: "postgres")?.product == "postgresql")
        #expect(mapped.eolProduct(for: "js")?.product == "nodejs")
        // Data added later is found too.
        mapped.eol["redis"] = try parse(#"{"schema": 1, "aliases": ["redis-server"], "releases": []}"#, product: "redis")
        #expect(mapped.eolProduct(for: "redis-server")?.product == "redis")
    }
}
