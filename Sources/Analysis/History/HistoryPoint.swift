import Inventory

/// The inventory as committed on one day: the last commit of that day, and what the analysis
/// made of it, or why it could not be read.
public struct HistoryPoint: Sendable, Equatable {
    public var day: Day
    public var commit: String
    public var subject: String
    /// Nil when the content at that commit did not load: a gap, with `gap` saying why.
    public var values: HistoryValues?
    public var gap: String?

    public init(day: Day, commit: String, subject: String, values: HistoryValues?, gap: String? = nil) {
        self.day = day
        self.commit = commit
        self.subject = subject
        self.values = values
        self.gap = gap
    }
}

/// The counts of one point.
public struct HistoryValues: Sendable, Equatable {
    public var activeServices: Int
    public var onStandardPath: Int
    public var errors: Int
    public var warnings: Int
    public var openExceptions: Int
    public var baseImages: Int
    /// Component → the number of distinct versions the active services run.
    public var versions: [String: Int]

    public init(activeServices: Int, onStandardPath: Int, errors: Int, warnings: Int, openExceptions: Int, baseImages: Int,
                versions: [String: Int]) {
        self.activeServices = activeServices
        self.onStandardPath = onStandardPath
        self.errors = errors
        self.warnings = warnings
        self.openExceptions = openExceptions
        self.baseImages = baseImages
        self.versions = versions
    }
}

/// The running totals of the services' measures at a point, updated one service at a time as
/// the points follow each other (a day's commit changes few services).
public struct HistoryTally: Sendable {
    private var active = 0, onPath = 0, errors = 0, warnings = 0, exceptions = 0
    /// Component → version → services running it.
    private var versions: [String: [String: Int]] = [:]
    private var images: [String: Int] = [:]

    public init() {}

    /// Takes a service's old measure out and its new one in (nil: the service is not there).
    public mutating func replace(_ old: ServiceMeasure?, with new: ServiceMeasure?) {
        if let old { add(old, -1) }
        if let new { add(new, 1) }
    }

    private mutating func add(_ measure: ServiceMeasure, _ sign: Int) {
        active += measure.active ? sign : 0
        onPath += measure.onStandardPath ? sign : 0
        errors += sign * measure.errors
        warnings += sign * measure.warnings
        exceptions += sign * measure.openExceptions
        for (component, keys) in measure.versions {
            var counts = versions[component] ?? [:]
            for key in keys {
                let count = counts[key, default: 0] + sign
                counts[key] = count == 0 ? nil : count
            }
            versions[component] = counts.isEmpty ? nil : counts
        }
        for image in measure.baseImages {
            let count = images[image, default: 0] + sign
            images[image] = count == 0 ? nil : count
        }
    }

    /// The point's values, with the findings about the site as a whole added.
    public func values(siteErrors: Int, siteWarnings: Int) -> HistoryValues {
        HistoryValues(activeServices: active, onStandardPath: onPath, errors: errors + siteErrors, warnings: warnings + siteWarnings,
                      openExceptions: exceptions, baseImages: images.count, versions: versions.mapValues(\.count))
    }
}
