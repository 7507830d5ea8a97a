import Inventory

/// One commit's changes to one service, for the service page's timeline.
public struct TimelineEntry: Sendable, Equatable {
    public var day: Day
    public var commit: String
    public var subject: String
    public var changes: [ServiceChange]
    /// Set when the file at this commit did not load: the first problem.
    public var broken: String?

    public init(day: Day, commit: String, subject: String, changes: [ServiceChange], broken: String? = nil) {
        self.day = day
        self.commit = commit
        self.subject = subject
        self.changes = changes
        self.broken = broken
    }
}

/// One fact of a service that a commit changed: `production version` from `1.14.1` to `1.14.2`.
public struct ServiceChange: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        case added, changed, removed
    }

    public var kind: Kind
    public var what: String
    public var from: String?
    public var to: String?

    public init(_ what: String, from: String?, to: String?) {
        self.what = what
        self.from = from
        self.to = to
        kind = from == nil ? .added : to == nil ? .removed : .changed
    }

    /// What changed between two versions of a service file (nil: the file is not there):
    /// the service itself, its status, each environment's version, image and digest, base
    /// images, components, and exceptions added or ended.
    public static func between(_ old: Service?, _ new: Service?) -> [ServiceChange] {
        guard let old, let new else {
            if let new { return [ServiceChange("service", from: nil, to: new.name)] }
            if let old { return [ServiceChange("service", from: old.name, to: nil)] }
            return []
        }
        var changes: [ServiceChange] = []
        func compare(_ what: String, _ a: String?, _ b: String?) {
            if a != b { changes.append(ServiceChange(what, from: a, to: b)) }
        }
        compare("status", old.status.rawValue, new.status.rawValue)
        compare("base image", old.baseImage?.value, new.baseImage?.value)
        for name in ordered(old.components.map(\.name), new.components.map(\.name)) {
            compare(name, old.component(name)?.version, new.component(name)?.version)
        }
        let environments = ordered(old.environments.map(\.name), new.environments.map(\.name))
        for name in environments {
            let a = old.environments.first { $0.name == name }, b = new.environments.first { $0.name == name }
            compare("\(name) version", a?.version?.value, b?.version?.value)
            compare("\(name) image", a?.image?.value, b?.image?.value)
            compare("\(name) digest", a?.digest?.value, b?.digest?.value)
            compare("\(name) base image", a?.baseImage?.value, b?.baseImage?.value)
            let overrides = ordered((a?.components ?? []).map(\.name), (b?.components ?? []).map(\.name))
            for component in overrides {
                compare("\(component) in \(name)", a?.components.first { $0.name == component }?.version,
                        b?.components.first { $0.name == component }?.version)
            }
        }
        let before = old.exceptions.map(exceptionText), after = new.exceptions.map(exceptionText)
        for text in before where !after.contains(text) { changes.append(ServiceChange("exception", from: text, to: nil)) }
        for text in after where !before.contains(text) { changes.append(ServiceChange("exception", from: nil, to: text)) }
        return changes
    }

    /// `postgres 15 until 2027-01-31`.
    static func exceptionText(_ exception: ServiceException) -> String {
        var text = exception.component.value + (exception.version.map { " \($0.value)" } ?? "")
        if let until = exception.until { text += " until \(until.value)" }
        return text
    }

    /// The names of both lists, each once, in the order they first appear.
    static func ordered(_ a: [String], _ b: [String]) -> [String] {
        var names: [String] = []
        for name in a + b where !names.contains(name) { names.append(name) }
        return names
    }
}
