/// `content/standards.md`: the approved versions and base images, and when to review them.
public struct Standards: Sendable {
    public var file: String
    public var review: Located<Day>?
    public var owner: String?
    /// Approved version (a prefix) per component, in file order.
    public var components: [ComponentVersion]
    /// Approved base images by their short name, in file order.
    public var images: [Located<NamedImage>]
    /// Component → endoflife.date product name, where they differ.
    public var eolProducts: [String: String]
    public var body: String

    public init(file: String = "content/standards.md", review: Located<Day>? = nil, owner: String? = nil,
                components: [ComponentVersion] = [], images: [Located<NamedImage>] = [],
                eolProducts: [String: String] = [:], body: String = "") {
        self.file = file
        self.review = review
        self.owner = owner
        self.components = components
        self.images = images
        self.eolProducts = eolProducts
        self.body = body
    }

    public func approvedVersion(of component: String) -> ComponentVersion? {
        components.first { $0.name == component }
    }
}

public struct NamedImage: Sendable, Equatable {
    public var name: String
    public var reference: String

    public init(name: String, reference: String) {
        self.name = name
        self.reference = reference
    }
}
