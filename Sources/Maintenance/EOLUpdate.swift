import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Inventory

/// `shortpath eol update`: fetches endoflife.date data for every component the standard and
/// the services name, checks it, and writes `content/eol/<product>.json` atomically.
public struct EOLUpdate: Sendable {
    public struct Outcome: Sendable, Equatable {
        public enum Change: String, Sendable { case new, changed, unchanged, missing }
        public var product: String
        public var change: Change
        public var cycles: Int
    }

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var messages: [String]
        public var description: String { messages.map { "error: \($0)" }.joined(separator: "\n") }
    }

    public var api: URL
    public var timeout: TimeInterval

    public init(api: URL, timeout: TimeInterval = 20) {
        self.api = api
        self.timeout = timeout
    }

    /// Products to fetch: each component's `eol_products` name, else its own, sorted.
    public static func products(_ inventory: Inventory) -> [String] {
        var names = Set(inventory.standards.components.map(\.name))
        for service in inventory.services {
            for component in service.components + service.environments.flatMap(\.components) { names.insert(component.name) }
        }
        return Set(names.map { inventory.standards.eolProducts[$0] ?? $0 }).sorted()
    }

    /// Fetches everything first; writes only when every answer was usable, so a failed run
    /// leaves `content/eol/` as it was. Products the API does not know (404) are reported, not fatal.
    public func run(products: [String], into folder: URL) async throws -> [Outcome] {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        let session = URLSession(configuration: configuration)
        var fetched: [(String, Data?)] = []
        var errors: [String] = []
        for product in products {
            let url = api.appending(path: "\(product).json")
            do {
                let (data, response) = try await session.data(from: url)
                let status = (response as? HTTPURLResponse)?.statusCode ?? 0
                if status == 404 {
                    fetched.append((product, nil))
                    continue
                }
                guard status == 200 else {
                    errors.append("\(url.absoluteString): HTTP \(status)")
                    continue
                }
                do {
                    _ = try EOLParser.parseForUpdate(data, product: product)
                    fetched.append((product, data))
                } catch {
                    errors.append("\(url.absoluteString): \(error.message)")
                }
            } catch {
                errors.append("\(url.absoluteString): \((error as NSError).localizedDescription)")
            }
        }
        session.finishTasksAndInvalidate()
        if !errors.isEmpty { throw Failure(messages: errors + ["nothing was written to \(folder.path)"]) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var outcomes: [Outcome] = []
        for (product, data) in fetched {
            guard let data else {
                outcomes.append(Outcome(product: product, change: .missing, cycles: 0))
                continue
            }
            let target = folder.appending(path: "\(product).json")
            let old = FileManager.default.contents(atPath: target.path)
            let cycles = (try? EOLParser.parseForUpdate(data, product: product).cycles.count) ?? 0
            if old == data {
                outcomes.append(Outcome(product: product, change: .unchanged, cycles: cycles))
                continue
            }
            let temporary = folder.appending(path: ".\(product).json.shortpath-tmp")
            try data.write(to: temporary)
            guard rename(temporary.path, target.path) == 0 else {
                try? FileManager.default.removeItem(at: temporary)
                throw Failure(messages: ["cannot write \(target.path): \(String(cString: strerror(errno)))"])
            }
            outcomes.append(Outcome(product: product, change: old == nil ? .new : .changed, cycles: cycles))
        }
        return outcomes
    }
}
