import Inventory

/// Finds a service by slug or name, or says which ones were meant.
public enum ServiceLookup {
    public struct NotFound: Error, Sendable, CustomStringConvertible {
        public var query: String
        public var suggestions: [String]

        public var description: String {
            var text = "error: no service '\(query)'"
            if !suggestions.isEmpty { text += " (did you mean \(suggestions.map { "'\($0)'" }.joined(separator: ", "))?)" }
            return text
        }
    }

    public static func find(_ query: String, in inventory: Inventory) throws(NotFound) -> Service {
        let wanted = query.lowercased()
        if let service = inventory.services.first(where: { $0.slug == wanted || $0.name.lowercased() == wanted }) {
            return service
        }
        let scored = inventory.services.map { service in
            (service.slug, min(editDistance(wanted, service.slug), service.slug.contains(wanted) ? 1 : Int.max))
        }
        let suggestions = scored.filter { $0.1 <= max(2, wanted.count / 3) }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(3).map(\.0)
        throw NotFound(query: query, suggestions: Array(suggestions))
    }
}
