/// One service: `content/services/<slug>.md`.
public struct Service: Sendable {
    public enum Status: String, Sendable { case active, retired }
    public enum Risk: String, Sendable { case low, medium, high }

    public var slug: String
    public var file: String
    /// Line of the first key of the front matter: where service-wide findings point.
    public var line: Int
    public var name: String
    public var description: String?
    public var owner: Located<String>?
    public var status: Status = .active
    public var blocksUpdates = false
    public var note: String?
    public var baseImage: ImageField?
    public var rebuilt: Located<Day>?
    public var components: [ComponentVersion] = []
    public var environments: [Environment] = []
    public var target: Target?
    public var exceptions: [ServiceException] = []
    public var rollback: Rollback?
    public var risk: Risk?
    public var links: [NamedLink] = []
    public var signals: [String] = []
    public var rollouts: [Rollout] = []
    /// Workload or container names that stand for this service in observed state.
    public var match: [String] = []
    /// The Markdown runbook.
    public var body: String = ""

    public init(slug: String, file: String, line: Int = 1, name: String) {
        self.slug = slug
        self.file = file
        self.line = line
        self.name = name
    }

    public var isActive: Bool { status == .active }

    /// The environment called `production`, else the first one listed.
    public var primaryEnvironment: Environment? {
        environments.first { $0.name == "production" } ?? environments.first
    }

    /// The environment called `production`, if the service lists one.
    public var production: Environment? { environments.first { $0.name == "production" } }

    public func environment(_ name: String) -> Environment? { environments.first { $0.name == name } }
}

public struct Environment: Sendable {
    public var name: String
    public var line: Int
    public var column: Int
    public var version: Located<String>?
    public var image: ImageField?
    public var digest: Located<String>?
    public var deployed: Located<Day>?
    /// Overrides of the service's components in this environment.
    public var components: [ComponentVersion] = []
    /// Override of the service's base image in this environment.
    public var baseImage: ImageField?

    public init(name: String, line: Int, column: Int) {
        self.name = name
        self.line = line
        self.column = column
    }
}

/// The planned next state.
public struct Target: Sendable {
    public var components: [ComponentVersion] = []
    public var baseImage: ImageField?
    public var version: Located<String>?

    public init() {}
}

/// A dated, reasoned, approved deviation from the standard.
public struct ServiceException: Sendable {
    public var line: Int
    public var column: Int
    public var component: Located<String>
    public var version: Located<String>?
    public var reason: String?
    public var approvedBy: String?
    public var approved: Located<Day>?
    public var until: Located<Day>?

    public init(line: Int, column: Int, component: Located<String>) {
        self.line = line
        self.column = column
        self.component = component
    }
}

public struct Rollback: Sendable {
    public var line: Int
    public var column: Int
    public var previousImage: ImageField?
    public var command: Located<String>?
    public var config: Located<String>?
    public var healthCheck: Located<String>?
    public var stopPoint: Located<String>?
    public var backups: Located<String>?
    public var database: Located<String>?
    public var decides: Located<String>?
    public var tested: Located<Day>?
    public var restoreTested: Located<Day>?

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// The facts a rollback cannot do without, by their keys, that are missing.
    public var missingEssentials: [String] {
        var missing: [String] = []
        if command == nil { missing.append("command") }
        if previousImage == nil { missing.append("previous_image") }
        if healthCheck == nil { missing.append("health_check") }
        if stopPoint == nil { missing.append("stop_point") }
        if decides == nil { missing.append("decides") }
        return missing
    }
}

public struct Rollout: Sendable {
    public enum Change: String, Sendable, CaseIterable { case version, config, image, schema }
    public enum Outcome: Sendable, Equatable { case stable(Moment), rolledBack(Moment), open }

    public var line: Int
    public var column: Int
    public var started: Moment
    public var outcome: Outcome
    public var to: String?
    /// Where `to` is written, for findings about it.
    public var toLine: Int?
    public var toColumn: Int?
    /// The environment the rollout went to (`env`); nil for production.
    public var environment: String?
    public var changes: [Change]
    public var note: String?

    public init(line: Int, column: Int, started: Moment, outcome: Outcome, to: String? = nil,
                changes: [Change] = [], note: String? = nil) {
        self.line = line
        self.column = column
        self.started = started
        self.outcome = outcome
        self.to = to
        self.changes = changes
        self.note = note
    }

    /// The day it ended, stable or rolled back; nil while open.
    public var ended: Moment? {
        switch outcome {
        case .stable(let end), .rolledBack(let end): end
        case .open: nil
        }
    }

    public var rolledBack: Bool {
        if case .rolledBack = outcome { return true }
        return false
    }

    /// Minutes from start to stable or to rollback; nil while open.
    public var minutes: Int? {
        switch outcome {
        case .stable(let end), .rolledBack(let end): end.minutes - started.minutes
        case .open: nil
        }
    }
}

public struct NamedLink: Sendable, Equatable {
    public var name: String
    public var url: String

    public init(name: String, url: String) {
        self.name = name
        self.url = url
    }
}
