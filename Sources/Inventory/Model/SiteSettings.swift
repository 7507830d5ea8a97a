/// `content/_index.md`: the site's title, theme, policy and home-page intro.
public struct SiteSettings: Sendable {
    public var file: String
    public var title: String
    public var baseURL: String?
    public var theme: String
    public var policy: Policy
    /// The Markdown body, shown above the inventory.
    public var intro: String
    /// How many days back the history from git reaches (`history:`); nil: `history: false`.
    public var historyDays: Int? = SiteSettings.defaultHistoryDays
    public static let defaultHistoryDays = 365
    /// Other teams' published sites, for an organisation site (`members:`).
    public var members: [MemberEntry] = []

    public init(file: String = "content/_index.md", title: String = "Infrastructure inventory", baseURL: String? = nil,
                theme: String = "default", policy: Policy = Policy(), intro: String = "") {
        self.file = file
        self.title = title
        self.baseURL = baseURL
        self.theme = theme
        self.policy = policy
        self.intro = intro
    }
}

/// The thresholds the analysis judges by, and per-rule severity overrides.
public struct Policy: Sendable {
    public var staleImageDays = 30
    public var rollbackTestDays = 90
    public var eolWarningDays = 90
    /// End-of-life data fetched longer ago than this is stale.
    public var eolStaleDays = 30
    public var exceptionMaxDays = 180
    /// A member's data built longer ago than this is stale beyond the limit (`check` fails).
    public var memberStaleDays = 2
    /// Components that hold data: a service running one must name its backups.
    public var dataComponents = Policy.defaultDataComponents
    public static let defaultDataComponents = ["postgres", "mysql", "mariadb", "mongodb", "redis"]
    /// Rule id → `error`, `warning`, `info` or `off`, checked against the known rules by Analysis.
    public var severity: [String: Located<String>] = [:]
    /// How much each factor of a service's path cost weighs (`path_weights`).
    public var pathWeights = PathWeights()

    public init() {}
}
