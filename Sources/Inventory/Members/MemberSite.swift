/// What one member published (`inventory.json` and `findings.json`), decoded, checked and
/// cleaned: every text is length-limited and free of control characters, every slug a safe
/// file name. Nothing here is trusted markup; pages escape it like any other text.
public struct MemberSite: Sendable {
    /// The member site's title.
    public var title: String
    /// The day the member's data was built (its `today`).
    public var built: Day
    /// The member's own `base_url`, used for links only when it is read from a folder.
    public var baseURL: String?
    public var services: [MemberService]
    public var findings: [MemberFinding]
    /// The member's own standard; nil when its `inventory.json` carries none (older builds).
    public var standard: MemberStandard?

    public init(title: String, built: Day, baseURL: String? = nil, services: [MemberService], findings: [MemberFinding],
                standard: MemberStandard? = nil) {
        self.title = title
        self.built = built
        self.baseURL = baseURL
        self.services = services
        self.findings = findings
        self.standard = standard
    }
}

/// A name and a version: a component as a member lists it.
public struct MemberComponent: Sendable, Hashable {
    public var name: String
    public var version: String

    public init(name: String, version: String) {
        self.name = name
        self.version = version
    }
}

public struct MemberService: Sendable {
    /// A safe file name, or nil when the member's slug was not one (then nothing links to it).
    public var slug: String?
    public var name: String
    public var description: String?
    public var owner: String?
    public var isActive: Bool
    public var onStandardPath: Bool
    public var reasons: [String]
    public var blocksUpdates: Bool
    public var baseImage: String?
    public var rebuilt: Day?
    /// Sorted by name.
    public var components: [MemberComponent]
    /// Sorted by name.
    public var environments: [MemberEnvironment]
    /// Nil when the member's `inventory.json` does not list exceptions (older builds).
    public var exceptions: [MemberException]?

    public init(slug: String?, name: String, description: String? = nil, owner: String? = nil, isActive: Bool = true,
                onStandardPath: Bool = true, reasons: [String] = [], blocksUpdates: Bool = false, baseImage: String? = nil,
                rebuilt: Day? = nil, components: [MemberComponent] = [], environments: [MemberEnvironment] = [],
                exceptions: [MemberException]? = nil) {
        self.slug = slug
        self.name = name
        self.description = description
        self.owner = owner
        self.isActive = isActive
        self.onStandardPath = onStandardPath
        self.reasons = reasons
        self.blocksUpdates = blocksUpdates
        self.baseImage = baseImage
        self.rebuilt = rebuilt
        self.components = components
        self.environments = environments
        self.exceptions = exceptions
    }

    /// The production environment, else the first one.
    public var primaryEnvironment: MemberEnvironment? {
        environments.first { $0.name == "production" } ?? environments.first
    }

    /// What runs in the primary environment: the service's components with the environment's
    /// overrides.
    public var runningComponents: [MemberComponent] {
        guard let overrides = primaryEnvironment?.components, !overrides.isEmpty else { return components }
        var byName = Dictionary(components.map { ($0.name, $0.version) }, uniquingKeysWith: { first, _ in first })
        for component in overrides { byName[component.name] = component.version }
        return byName.map { MemberComponent(name: $0.key, version: $0.value) }.sorted { $0.name < $1.name }
    }
}

public struct MemberEnvironment: Sendable {
    public var name: String
    public var version: String?
    public var image: String?
    public var digest: String?
    public var deployed: Day?
    public var components: [MemberComponent]

    public init(name: String, version: String? = nil, image: String? = nil, digest: String? = nil, deployed: Day? = nil,
                components: [MemberComponent] = []) {
        self.name = name
        self.version = version
        self.image = image
        self.digest = digest
        self.deployed = deployed
        self.components = components
    }
}

public struct MemberException: Sendable {
    public var component: String
    public var until: Day?

    public init(component: String, until: Day?) {
        self.component = component
        self.until = until
    }
}

public struct MemberFinding: Sendable {
    public var rule: String
    /// `error`, `warning` or `info`.
    public var severity: String
    public var service: String?
    public var message: String

    public init(rule: String, severity: String, service: String?, message: String) {
        self.rule = rule
        self.severity = severity
        self.service = service
        self.message = message
    }
}

/// A member's own standard: its approved versions and base images.
public struct MemberStandard: Sendable {
    public var review: Day?
    /// Sorted by name.
    public var components: [MemberComponent]
    /// Image references, sorted.
    public var images: [String]

    public init(review: Day? = nil, components: [MemberComponent], images: [String]) {
        self.review = review
        self.components = components
        self.images = images
    }
}

/// A member as this build sees it: the data it read now, or the last good copy with why the
/// member could not be read, or only why (no copy yet).
public struct MemberSnapshot: Sendable {
    public var entry: MemberEntry
    public var site: MemberSite?
    /// Why the member could not be read this time; nil when it was.
    public var problem: String?
    /// The day the data shown was read from the member (now, or when the copy was kept).
    public var fetched: Day?

    public init(entry: MemberEntry, site: MemberSite?, problem: String?, fetched: Day?) {
        self.entry = entry
        self.site = site
        self.problem = problem
        self.fetched = fetched
    }

    /// Read now.
    public var isFresh: Bool { site != nil && problem == nil }
    /// Shown from the last good copy.
    public var isStale: Bool { site != nil && problem != nil }
    /// No data at all.
    public var isUnavailable: Bool { site == nil }

    /// The link to a page of the member's site (`services/api/index.html`), under its base URL
    /// only; nil when the member has none.
    public func link(_ path: String) -> String? {
        guard let base = entry.baseURL ?? site?.baseURL else { return nil }
        return base + path
    }
}
