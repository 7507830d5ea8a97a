import Inventory

/// A component version as the path cost and the groups judge it.
struct JudgedVersion: Sendable {
    /// The release line, at the standard's precision for the component: `18` for node 18.20.4
    /// when the standard approves `22`, `3.11` for python 3.11.9 under `3.12`; one numeric
    /// part when the standard does not name the component; the text when it is not a number.
    var line: String
    /// Against the standard; nil when the standard does not name the component.
    var standing: Version.Standing?
    /// Written so that `20.11.1`, `v20.11.1` and `20.11.1.0` compare the same.
    var normalised: String
}

/// Judges each distinct component version once: inventories repeat the same few versions.
struct VersionJudge {
    let context: RuleContext
    private var memo: [String: [String: JudgedVersion]] = [:]

    init(_ context: RuleContext) { self.context = context }

    mutating func judge(_ name: String, _ version: String) -> JudgedVersion {
        if let known = memo[name]?[version] { return known }
        let judged: JudgedVersion
        if let parsed = Version(version) {
            let precision = max(1, context.approvedVersions[name]?.version?.numbers.count ?? 1)
            var numbers = parsed.numbers
            while numbers.count > 1 && numbers.last == 0 { numbers.removeLast() }
            judged = JudgedVersion(line: parsed.numbers.prefix(precision).map(String.init).joined(separator: "."),
                                   standing: context.standing(of: name, version)?.standing,
                                   normalised: numbers.map(String.init).joined(separator: ".") + (parsed.prerelease.map { "-" + $0 } ?? ""))
        } else {
            judged = JudgedVersion(line: version, standing: context.standing(of: name, version)?.standing, normalised: version)
        }
        memo[name, default: [:]][version] = judged
        return judged
    }
}

/// What a service runs where it counts: its primary environment's components (the service's
/// versions with that environment's overrides), each judged, and base image. It keeps only
/// what the judgements need, not the service: services are large values, costly to copy.
struct Runtime {
    struct Component {
        var component: ComponentVersion
        var judged: JudgedVersion
        var name: String { component.name }
    }

    /// Where the service is in the inventory's list.
    var index: Int
    var slug: String
    var name: String
    var blocksUpdates: Bool
    /// Each component once, in the service's order.
    var components: [Component]
    var baseImage: ImageField?

    init(_ service: Service, index: Int, _ judge: inout VersionJudge) {
        self.index = index
        slug = service.slug
        name = service.name
        blocksUpdates = service.blocksUpdates
        let running: [ComponentVersion]
        if let primary = service.primaryEnvironment {
            running = service.components(in: primary)
            baseImage = service.baseImage(in: primary)
        } else {
            running = service.components
            baseImage = service.baseImage
        }
        var seen: Set<String> = []
        components = running.filter { seen.insert($0.name).inserted }.map { Component(component: $0, judged: judge.judge($0.name, $0.version)) }
    }
}

extension RuleContext {
    /// The approved image a base image is one of (same repository and tag), if any.
    func approvedImage(matching image: ImageReference) -> (name: String, reference: ImageReference)? {
        approvedImages.first { ImageRules.matches(image, approved: $0.reference) }
    }

    /// The approved image on the same repository, if any.
    func approvedImage(onRepositoryOf image: ImageReference) -> (name: String, reference: ImageReference)? {
        approvedImages.first { $0.reference.repository == image.repository }
    }

    /// Whether tag `a` is older than tag `b`: by their numbers when both are versions
    /// (`2026.09` before `2026.11`), else never (tags that are not numbers do not order).
    static func isOlder(tag a: String, than b: String) -> Bool {
        guard let x = Version(a), let y = Version(b) else { return false }
        return x < y
    }
}
