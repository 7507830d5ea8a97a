import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Inventory

/// `shortpath eol update`: fetches endoflife.date data (API v1) for every component the
/// standard and the services name, checks it, and writes `content/eol/<product>.json` in
/// Shortpath's own format, atomically.
public struct EOLUpdate: Sendable {
    public struct Outcome: Sendable, Equatable {
        public enum Change: String, Sendable {
            /// A file that was not there, one whose data changed (or that was in the v0 format),
            /// one whose data is the same but whose fetch date moved, one left as it was, and a
            /// name the API does not know.
            case new, changed, refreshed, unchanged, missing
        }
        /// The product's name, or the name asked for when the API does not know it.
        public var product: String
        /// Other names that led to this product (`node` for `nodejs`).
        public var asked: [String] = []
        public var change: Change
        public var cycles: Int = 0
        /// For a missing product: the closest names the API knows.
        public var suggestions: [String] = []
        /// For a missing product whose near names could not be looked up: why.
        public var listProblem: String?
        /// Files in `content/eol/` named after another name of this product (an earlier
        /// `node.json` beside `nodejs.json`): they would still answer for that name.
        public var shadowing: [String] = []
    }

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var messages: [String]
        public var description: String { messages.map { "error: \($0)" }.joined(separator: "\n") }
    }

    /// The API's base: `https://endoflife.date/api`, or a mirror's.
    public var api: URL
    public var timeout: TimeInterval
    /// The fetch date written into each file.
    public var today: Day

    public init(api: URL, timeout: TimeInterval = 20, today: Day) {
        self.api = api
        self.timeout = timeout
        self.today = today
    }

    /// Products to fetch: for each component, the product already stored for it (by name or
    /// alias), else its `eol_products` name, else its own; sorted.
    public static func products(_ inventory: Inventory) -> [String] {
        var names = Set(inventory.standards.components.map(\.name))
        for service in inventory.services {
            names.formUnion(service.componentNames)
        }
        return Set(names.map { inventory.eolProductName(for: $0) }).sorted()
    }

    /// Fetches everything first; writes only when every answer was usable, so a failed run
    /// leaves `content/eol/` as it was. A name the API does not know (404) is looked up in the
    /// API's list of products (fetched at most once a run): an alias or a differently written
    /// name is fetched under the product's own name, anything else is reported with the
    /// closest names, not fatal.
    public func run(products: [String], into folder: URL) async throws -> [Outcome] {
        let client = EOLClient(timeout: timeout)
        defer { client.close() }
        var found: [String: (product: EOLProduct, asked: Set<String>)] = [:]
        var missing: [Outcome] = []
        var errors: [String] = []
        var catalog: Result<EOLCatalog, EOLAPIv1.Problem>?
        for asked in products {
            if let known = found.values.first(where: { $0.product.names.map(EOLProduct.key).contains(EOLProduct.key(asked)) }) {
                if asked != known.product.product { found[known.product.product]?.asked.insert(asked) }
                continue
            }
            var name = asked
            if case .success(let list)? = catalog, let resolved = list.resolve(asked) { name = resolved }
            var answer = await fetch(name, client)
            if case .notFound = answer {
                if catalog == nil { catalog = await fetchCatalog(client) }
                if case .success(let list)? = catalog, let resolved = list.resolve(asked), resolved != name {
                    name = resolved
                    if let known = found[resolved] {
                        answer = .found(known.product)
                    } else {
                        answer = await fetch(resolved, client)
                    }
                }
            }
            switch answer {
            case .found(let product):
                var entry = found[product.product] ?? (product, [])
                if asked != product.product { entry.asked.insert(asked) }
                found[product.product] = entry
            case .notFound:
                switch catalog {
                case .success(let list)?: missing.append(Outcome(product: asked, change: .missing, suggestions: list.suggestions(for: asked)))
                case .failure(let problem)?: missing.append(Outcome(product: asked, change: .missing, listProblem: problem.message))
                case nil: missing.append(Outcome(product: asked, change: .missing))
                }
            case .failed(let message):
                errors.append(message)
            }
        }
        if !errors.isEmpty { throw Failure(messages: errors + ["nothing was written to \(folder.path)"]) }
        var outcomes = missing
        if !found.isEmpty { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        for (name, entry) in found.sorted(by: { $0.key < $1.key }) {
            let change = try write(entry.product, to: folder.appending(path: "\(name).json"))
            let shadowing = entry.asked.sorted().map { "\($0).json" }.filter { FileManager.default.fileExists(atPath: folder.appending(path: $0).path) }
            outcomes.append(Outcome(product: name, asked: entry.asked.sorted(), change: change, cycles: entry.product.cycles.count, shadowing: shadowing))
        }
        return outcomes.sorted { $0.product < $1.product }
    }

    enum Answer {
        case found(EOLProduct)
        case notFound
        case failed(String)
    }

    /// `GET <api>/v1/products/<name>/`, checked.
    func fetch(_ name: String, _ client: EOLClient) async -> Answer {
        let url = EOLAPIv1.productURL(api, name)
        switch await client.get(url) {
        case .failure(let problem):
            return .failed("\(name): \(url.absoluteString): \(problem.message)")
        case .success((404, _)):
            return .notFound
        case .success((200, let data)):
            do {
                return .found(try EOLAPIv1.product(data, source: url.absoluteString, fetched: today))
            } catch {
                return .failed("\(name): \(url.absoluteString): \(error.message)")
            }
        case .success((let status, _)):
            return .failed("\(name): \(url.absoluteString): HTTP \(status)")
        }
    }

    /// `GET <api>/v1/products/`, checked.
    func fetchCatalog(_ client: EOLClient) async -> Result<EOLCatalog, EOLAPIv1.Problem> {
        let url = EOLAPIv1.productsURL(api)
        switch await client.get(url) {
        case .failure(let problem): return .failure(EOLAPIv1.Problem("\(url.absoluteString): \(problem.message)"))
        case .success((200, let data)):
            do {
                return .success(try EOLAPIv1.catalog(data))
            } catch {
                return .failure(EOLAPIv1.Problem("\(url.absoluteString): \(error.message)"))
            }
        case .success((let status, _)): return .failure(EOLAPIv1.Problem("\(url.absoluteString): HTTP \(status)"))
        }
    }

    /// Writes the product in one rename, unless the file already holds exactly these bytes.
    func write(_ product: EOLProduct, to target: URL) throws -> Outcome.Change {
        let data = EOLStoredWriter.json(product)
        let old = FileManager.default.contents(atPath: target.path)
        if old == data { return .unchanged }
        var change: Outcome.Change = old == nil ? .new : .changed
        if let old, var before = try? EOLParser.parse(old, product: product.product, file: product.file) {
            var after = product
            before.fetched = nil
            after.fetched = nil
            if before == after { change = .refreshed }
        }
        let temporary = target.deletingLastPathComponent().appending(path: ".\(target.lastPathComponent).shortpath-tmp")
        try data.write(to: temporary)
        guard rename(temporary.path, target.path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw Failure(messages: ["cannot write \(target.path): \(String(cString: strerror(errno)))"])
        }
        return change
    }
}
