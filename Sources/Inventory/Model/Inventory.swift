/// Everything a site's content says, parsed and validated: the input of the analysis.
public struct Inventory: Sendable {
    public var settings: SiteSettings
    public var standards: Standards
    /// Sorted by slug.
    public var services: [Service]
    /// Running state per environment, sorted by environment and file.
    public var observed: [ObservedSnapshot]
    /// End-of-life data by product name.
    public var eol: [String: EOLProduct]

    public init(settings: SiteSettings, standards: Standards, services: [Service], observed: [ObservedSnapshot] = [],
                eol: [String: EOLProduct] = [:]) {
        self.settings = settings
        self.standards = standards
        // The loader lists files in order already; sorting ten thousand large values again costs.
        let ordered = zip(services, services.dropFirst()).allSatisfy { $0.slug < $1.slug }
        self.services = ordered ? services : services.sorted { $0.slug < $1.slug }
        self.observed = observed.sorted { ($0.environment, $0.file) < ($1.environment, $1.file) }
        self.eol = eol
    }

    /// The end-of-life data for a component: the product of the same name, or the one
    /// `eol_products` in the standard names.
    public func eolProduct(for component: String) -> EOLProduct? {
        eol[standards.eolProducts[component] ?? component]
    }
}
