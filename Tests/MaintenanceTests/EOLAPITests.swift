import Foundation
import Inventory
@testable import Maintenance
import Testing

/// Reading endoflife.date's API v1 answers and writing Shortpath's stored format.
@Suite struct EOLAPITests {
    let fetched = Day("2026-11-27")!

    /// A product answer around the given releases, shaped like the real ones.
    func answer(_ releases: String, schema: String = "1.2.0", name: String = "nodejs") -> Data {
        Data("""
            {"schema_version": "\(schema)", "generated_at": "2026-11-20T06:12:41+00:00", "last_modified": "2026-11-18T21:03:09+00:00",
             "result": {"name": "\(name)", "aliases": ["node"], "label": "Node.js", "category": "framework", "tags": ["framework"],
                        "versionCommand": "node --version", "identifiers": [], "labels": {"eoas": "Active Support", "eol": "Security Support"},
                        "links": {"html": "https://endoflife.date/nodejs"}, "releases": [\(releases)]}}
            """.utf8)
    }

    func product(_ releases: String) throws(EOLAPIv1.Problem) -> EOLProduct {
        try EOLAPIv1.product(answer(releases), source: "https://endoflife.date/api/v1/products/nodejs/", fetched: fetched)
    }

    func problem(_ data: Data) -> String? {
        do {
            _ = try EOLAPIv1.product(data, source: "x", fetched: fetched)
            return nil
        } catch {
            return error.message
        }
    }

    @Test func anLTSLineWithAnEndOfActiveSupport() throws {
        let node = try product("""
            {"name": "22", "codename": "Jod", "label": "22 (LTS)", "releaseDate": "2024-04-24", "isLts": true, "ltsFrom": "2024-10-29",
             "isEoas": true, "eoasFrom": "2025-10-21", "isEol": false, "eolFrom": "2027-04-30", "isMaintained": true,
             "latest": {"name": "22.12.0", "date": "2024-12-03", "link": "https://nodejs.org/en/blog/release/v22.12.0"}}
            """)
        #expect(node.product == "nodejs" && node.label == "Node.js" && node.aliases == ["node"])
        #expect(node.file == "content/eol/nodejs.json")
        #expect(node.source == "https://endoflife.date/api/v1/products/nodejs/")
        #expect(node.fetched?.value == fetched)
        #expect(node.cycles == [EOLCycle(cycle: "22", releaseDate: Day("2024-04-24"), eol: .day(Day("2027-04-30")!),
                                         support: .day(Day("2025-10-21")!), latest: "22.12.0", latestDate: Day("2024-12-03"), lts: true)])
    }

    @Test func booleansWithoutDatesNullLatestAndMissingFields() throws {
        let cycles = try product("""
            {"name": "6.2", "releaseDate": null, "isLts": false, "ltsFrom": null, "isEoas": true, "eoasFrom": null,
             "isEol": true, "eolFrom": null, "isMaintained": false, "latest": {"name": "6.2.16", "date": null}},
            {"name": "7.4", "isEol": false, "eolFrom": null, "latest": null},
            {"name": 1.30, "isMaintained": false},
            {"name": "26", "isLts": false, "ltsFrom": "2026-10-28", "isEol": false, "eolFrom": "2029-04-30"}
            """).cycles
        #expect(cycles[0] == EOLCycle(cycle: "6.2", releaseDate: nil, eol: .yes, support: .yes, latest: "6.2.16", latestDate: nil, lts: false))
        #expect(cycles[1] == EOLCycle(cycle: "7.4", releaseDate: nil, eol: .no, support: nil, latest: nil, lts: false))
        // No `isEol` at all: `isMaintained` says whether its end has come.
        #expect(cycles[2].cycle == "1.3" && cycles[2].eol == .yes)
        // An LTS line announced for later is an LTS line.
        #expect(cycles[3].lts && cycles[3].eol == .day(Day("2029-04-30")!))
    }

    @Test func aDateWinsOverItsBoolean() throws {
        // The answer was generated before the end of life; the rules judge by the date and today.
        let cycle = try product(#"{"name": "20", "isEol": false, "eolFrom": "2026-04-30"}"#).cycles[0]
        #expect(cycle.eol == .day(Day("2026-04-30")!))
    }

    @Test func clearProblems() {
        #expect(problem(answer("", schema: "2.0.0")) == "the answer has schema_version 2.0.0; this shortpath reads endoflife.date's API v1 (1.x)")
        #expect(problem(answer("", schema: "1")) == nil)
        #expect(problem(Data(#"[{"cycle": "22", "eol": false}]"#.utf8)) == "the answer is not an API v1 document (an object with 'schema_version' and 'result')")
        #expect(problem(Data(#"{"result": {}}"#.utf8))?.hasPrefix("the answer has no 'schema_version'") == true)
        #expect(problem(Data(#"{"schema_version": "1.2.0", "result": {"name": "x"#.utf8))?.hasPrefix("invalid JSON") == true)
        #expect(problem(answer(#"{"name": "22", "isEol": "yes"}"#)) == "release 22: 'isEol' is not true or false")
        #expect(problem(answer(#"{"name": "22", "eolFrom": "soon"}"#)) == "release 22: 'eolFrom' is not a date (YYYY-MM-DD)")
        #expect(problem(answer(#"{"label": "22"}"#)) == "release 1 has no 'name'")
        #expect(problem(answer("", name: "../../etc")) == "the product's name '../../etc' cannot name a file in content/eol/")
        #expect(problem(Data(#"{"schema_version": "1.2.0", "result": {"name": "x"}}"#.utf8)) == "the product has no 'releases' list")
    }

    @Test func urls() {
        for base in ["https://endoflife.date/api", "https://endoflife.date/api/"] {
            let api = URL(string: base)!
            #expect(EOLAPIv1.productURL(api, "nodejs").absoluteString == "https://endoflife.date/api/v1/products/nodejs/")
            #expect(EOLAPIv1.productsURL(api).absoluteString == "https://endoflife.date/api/v1/products/")
        }
    }

    let catalog = EOLCatalog(products: [
        .init(name: "nodejs", aliases: ["node"], label: "Node.js"),
        .init(name: "postgresql", aliases: ["postgres", "pg", "psql", "pgsql"], label: "PostgreSQL"),
        .init(name: "postfix", aliases: [], label: "Postfix"),
        .init(name: "nextjs", aliases: ["next-js", "nextdotjs"], label: "Next.js"),
        .init(name: "mongodb", aliases: [], label: "MongoDB"),
        .init(name: "go", aliases: ["golang"], label: "Go"),
    ])

    @Test func theProductListResolvesNames() {
        #expect(catalog.resolve("nodejs") == "nodejs")
        #expect(catalog.resolve("node") == "nodejs")
        #expect(catalog.resolve("node.js") == "nodejs")
        #expect(catalog.resolve("Node.JS") == "nodejs")
        #expect(catalog.resolve("pg") == "postgresql")
        #expect(catalog.resolve("golang") == "go")
        #expect(catalog.resolve("next.js") == "nextjs")
        #expect(catalog.resolve("nodej") == nil)
        #expect(catalog.resolve("...") == nil)
    }

    @Test func nearNamesClosestFirst() {
        #expect(catalog.suggestions(for: "nodej") == ["nodejs"])
        #expect(catalog.suggestions(for: "postgress") == ["postgresql"])
        #expect(catalog.suggestions(for: "post") == ["postfix", "postgresql"])
        #expect(catalog.suggestions(for: "mongo") == ["mongodb"])
        #expect(catalog.suggestions(for: "custom").isEmpty)
        #expect(catalog.suggestions(for: "").isEmpty)
    }

    @Test func theProductListAnswer() throws {
        let list = try EOLAPIv1.catalog(Data("""
            {"schema_version": "1.2.0", "generated_at": "2026-11-20T06:12:41+00:00", "total": 2, "result": [
              {"name": "nodejs", "aliases": ["node"], "label": "Node.js", "category": "framework", "tags": [], "uri": "https://endoflife.date/api/v1/products/nodejs"},
              {"name": "redis", "aliases": [], "label": "Redis", "category": "database", "tags": [], "uri": "https://endoflife.date/api/v1/products/redis"}]}
            """.utf8))
        #expect(list.products.map(\.name) == ["nodejs", "redis"])
        #expect(list.resolve("node") == "nodejs")
        #expect(throws: EOLAPIv1.Problem.self) { try EOLAPIv1.catalog(Data(#"{"schema_version": "2.0.0", "result": []}"#.utf8)) }
    }

    /// The example's files are byte for byte what `eol update` writes, and read back the same.
    @Test(arguments: ["nodejs", "postgresql", "nginx", "python"])
    func storedFormatRoundTrips(_ name: String) throws {
        let bytes = try Data(contentsOf: repositoryRoot.appending(path: "content/eol/\(name).json"))
        let product = try EOLParser.parse(bytes, product: name, file: "content/eol/\(name).json")
        #expect(product.format == .stored)
        #expect(EOLStoredWriter.json(product) == bytes)
    }

    @Test func whatTheAPISaysIsWhatIsStored() throws {
        let node = try product("""
            {"name": "22", "releaseDate": "2024-04-24", "isLts": true, "ltsFrom": "2024-10-29", "isEoas": true, "eoasFrom": "2025-10-21",
             "isEol": false, "eolFrom": "2027-04-30", "isMaintained": true, "latest": {"name": "22.12.0", "date": "2024-12-03"}},
            {"name": "6", "isEol": true, "isEoas": false, "latest": null}
            """)
        let data = EOLStoredWriter.json(node)
        var back = try EOLParser.parse(data, product: "nodejs", file: "content/eol/nodejs.json")
        #expect(back.fetched?.line == 9)
        back.fetched = node.fetched
        #expect(back == node)
    }
}
