import Inventory

/// The products an endoflife.date API knows (`<api>/v1/products/`): finds the product a
/// component's name stands for, and the closest names when there is none.
struct EOLCatalog: Sendable {
    struct Entry: Sendable {
        var name: String
        var aliases: [String]
        var label: String?

        var names: [String] { [name] + aliases + (label.map { [$0] } ?? []) }
    }

    var products: [Entry]

    /// The product `name` is, is an alias of, or is written like (`node.js` → `nodejs` by its
    /// label `Node.js`); the product's own name wins over another's alias.
    func resolve(_ name: String) -> String? {
        if let product = products.first(where: { $0.name == name }) { return product.name }
        let key = EOLProduct.key(name)
        guard !key.isEmpty else { return nil }
        if let product = products.first(where: { EOLProduct.key($0.name) == key }) { return product.name }
        return products.first { $0.names.contains { EOLProduct.key($0) == key } }?.name
    }

    /// Up to `limit` products whose name or alias is close to `name`: a few edits away, or
    /// starting with it (`postgre` → `postgresql`), closest first.
    func suggestions(for name: String, limit: Int = 3) -> [String] {
        let key = EOLProduct.key(name)
        guard !key.isEmpty else { return [] }
        let allowed = max(2, key.count / 3)
        var scored: [(distance: Int, name: String)] = []
        for product in products {
            let distances = ([product.name] + product.aliases).map { candidate -> Int in
                let other = EOLProduct.key(candidate)
                if key.count >= 3 && (other.hasPrefix(key) || key.hasPrefix(other) && other.count >= 3) { return 1 }
                return editDistance(key, other)
            }
            if let best = distances.min(), best <= allowed { scored.append((best, product.name)) }
        }
        return scored.sorted { ($0.distance, $0.name) < ($1.distance, $1.name) }.prefix(limit).map(\.name)
    }
}
