/// Everything a site's content says, parsed and validated: the input of the analysis.
public struct Inventory: Sendable {
    public var settings: SiteSettings
    public var standards: Standards
    /// Sorted by slug.
    public var services: [Service]
    /// Running state per environment, sorted by environment and file.
    public var observed: [ObservedSnapshot]
    /// End-of-life data by product name.
    public var eol: [String: EOLProduct] { didSet { eolNames = Inventory.index(eol) } }
    /// What the members named in `settings.members` published, as read for this run (the
    /// pipeline fills it; in the order of `settings.members`).
    public var members: [MemberSnapshot] = []
    /// `EOLProduct.key` of every product's name, alias and label → the product.
    private var eolNames: [String: String] = [:]

    public init(settings: SiteSettings, standards: Standards, services: [Service], observed: [ObservedSnapshot] = [],
                eol: [String: EOLProduct] = [:]) {
        self.settings = settings
        self.standards = standards
        // The loader lists files in order already; sorting ten thousand large values again costs.
        let ordered = zip(services, services.dropFirst()).allSatisfy { $0.slug < $1.slug }
        self.services = ordered ? services : services.sorted { $0.slug < $1.slug }
        self.observed = observed.sorted { ($0.environment, $0.file) < ($1.environment, $1.file) }
        self.eol = eol
        self.eolNames = Inventory.index(eol)
    }

    /// The end-of-life data for a component: the product `eol_products` in the standard names,
    /// else the product of the component's name, else the one that has it as an alias or label
    /// (`node` and `node.js` find `nodejs`).
    public func eolProduct(for component: String) -> EOLProduct? {
        let name = standards.eolProducts[component] ?? component
        return eol[name] ?? eolNames[EOLProduct.key(name)].flatMap { eol[$0] }
    }

    /// The product name `eol update` asks the API for: the product already stored for the
    /// component, else the name `eol_products` gives, else the component's own.
    public func eolProductName(for component: String) -> String {
        eolProduct(for: component)?.product ?? standards.eolProducts[component] ?? component
    }

    /// When two products claim the same name, the one whose name sorts first keeps it.
    private static func index(_ eol: [String: EOLProduct]) -> [String: String] {
        var names: [String: String] = [:]
        for product in eol.values.sorted(by: { $0.product < $1.product }) {
            for key in product.names.map(EOLProduct.key) where !key.isEmpty && names[key] == nil { names[key] = product.product }
        }
        return names
    }
}
