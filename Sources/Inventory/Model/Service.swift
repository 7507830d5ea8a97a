/// One service: `content/services/<slug>.md`.
public struct Service: Sendable {
    public enum Status: String, Sendable { case active, retired }
    public enum Risk: String, Sendable { case low, medium, high }

    /// The facts, declared once: the storage holds them, the accessors below read them.
    @usableFromInline struct Fields: Sendable {
        @usableFromInline var slug: String
        @usableFromInline var file: String
        @usableFromInline var line: Int
        @usableFromInline var name: String
        @usableFromInline var description: String?
        @usableFromInline var owner: Located<String>?
        @usableFromInline var status: Status = .active
        @usableFromInline var blocksUpdates: Bool = false
        @usableFromInline var note: String?
        @usableFromInline var baseImage: ImageField?
        @usableFromInline var rebuilt: Located<Day>?
        @usableFromInline var components: [ComponentVersion] = []
        @usableFromInline var environments: [Environment] = []
        @usableFromInline var target: Target?
        @usableFromInline var exceptions: [ServiceException] = []
        @usableFromInline var rollback: Rollback?
        @usableFromInline var risk: Risk?
        @usableFromInline var links: [NamedLink] = []
        @usableFromInline var signals: [String] = []
        @usableFromInline var rollouts: [Rollout] = []
        @usableFromInline var match: [String] = []
        @usableFromInline var body: String = ""

        init(slug: String, file: String, line: Int, name: String) {
            self.slug = slug
            self.file = file
            self.line = line
            self.name = name
        }
    }

    /// The facts, held once and shared by every copy until one is changed (copy on write): the
    /// analysis and the pages pass services around by value, and a copy of two dozen fields
    /// retained each string and array (about 12 % of a 10,000-service build's processor time).
    @usableFromInline final class Storage: @unchecked Sendable {
        @usableFromInline var fields: Fields

        init(_ fields: Fields) { self.fields = fields }
    }

    // Unchecked Sendable above is safe: a storage shared by two copies is never written; a
    // change first makes the writer's own copy.
    @usableFromInline var storage: Storage

    private mutating func unique() {
        if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.fields) }
    }

    public var slug: String {
        @inlinable get { storage.fields.slug }
        _modify { unique(); yield &storage.fields.slug }
    }
    public var file: String {
        @inlinable get { storage.fields.file }
        _modify { unique(); yield &storage.fields.file }
    }
    /// Line of the first key of the front matter: where service-wide findings point.
    public var line: Int {
        @inlinable get { storage.fields.line }
        _modify { unique(); yield &storage.fields.line }
    }
    public var name: String {
        @inlinable get { storage.fields.name }
        _modify { unique(); yield &storage.fields.name }
    }
    public var description: String? {
        @inlinable get { storage.fields.description }
        _modify { unique(); yield &storage.fields.description }
    }
    public var owner: Located<String>? {
        @inlinable get { storage.fields.owner }
        _modify { unique(); yield &storage.fields.owner }
    }
    public var status: Status {
        @inlinable get { storage.fields.status }
        _modify { unique(); yield &storage.fields.status }
    }
    public var blocksUpdates: Bool {
        @inlinable get { storage.fields.blocksUpdates }
        _modify { unique(); yield &storage.fields.blocksUpdates }
    }
    public var note: String? {
        @inlinable get { storage.fields.note }
        _modify { unique(); yield &storage.fields.note }
    }
    public var baseImage: ImageField? {
        @inlinable get { storage.fields.baseImage }
        _modify { unique(); yield &storage.fields.baseImage }
    }
    public var rebuilt: Located<Day>? {
        @inlinable get { storage.fields.rebuilt }
        _modify { unique(); yield &storage.fields.rebuilt }
    }
    public var components: [ComponentVersion] {
        @inlinable get { storage.fields.components }
        _modify { unique(); yield &storage.fields.components }
    }
    public var environments: [Environment] {
        @inlinable get { storage.fields.environments }
        _modify { unique(); yield &storage.fields.environments }
    }
    public var target: Target? {
        @inlinable get { storage.fields.target }
        _modify { unique(); yield &storage.fields.target }
    }
    public var exceptions: [ServiceException] {
        @inlinable get { storage.fields.exceptions }
        _modify { unique(); yield &storage.fields.exceptions }
    }
    public var rollback: Rollback? {
        @inlinable get { storage.fields.rollback }
        _modify { unique(); yield &storage.fields.rollback }
    }
    public var risk: Risk? {
        @inlinable get { storage.fields.risk }
        _modify { unique(); yield &storage.fields.risk }
    }
    public var links: [NamedLink] {
        @inlinable get { storage.fields.links }
        _modify { unique(); yield &storage.fields.links }
    }
    public var signals: [String] {
        @inlinable get { storage.fields.signals }
        _modify { unique(); yield &storage.fields.signals }
    }
    public var rollouts: [Rollout] {
        @inlinable get { storage.fields.rollouts }
        _modify { unique(); yield &storage.fields.rollouts }
    }
    /// Workload or container names that stand for this service in observed state.
    public var match: [String] {
        @inlinable get { storage.fields.match }
        _modify { unique(); yield &storage.fields.match }
    }
    /// The Markdown runbook.
    public var body: String {
        @inlinable get { storage.fields.body }
        _modify { unique(); yield &storage.fields.body }
    }

    public init(slug: String, file: String, line: Int = 1, name: String) {
        storage = Storage(Fields(slug: slug, file: file, line: line, name: name))
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

extension Service: CustomReflectable {
    /// The facts themselves, as a struct of them would show (`dump`, `String(reflecting:)`),
    /// not the storage object that holds them.
    public var customMirror: Mirror {
        Mirror(self, children: Mirror(reflecting: storage.fields).children, displayStyle: .struct)
    }
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
