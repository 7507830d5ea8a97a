/// Everything a site's content says, parsed and validated: the input of the analysis.
public struct Inventory: Sendable {
    public var settings: SiteSettings
    public var standards: Standards
    /// Sorted by slug.
    public var services: [Service]

    public init(settings: SiteSettings, standards: Standards, services: [Service]) {
        self.settings = settings
        self.standards = standards
        self.services = services.sorted { $0.slug < $1.slug }
    }
}
