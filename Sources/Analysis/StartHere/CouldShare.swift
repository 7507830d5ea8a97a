import Inventory

/// Services that differ from each other in one thing only: one component's version, or their
/// base image's tag on the same repository. Making them the same now is one small change.
public struct ShareGroup: Sendable, Equatable {
    public enum Difference: Sendable, Equatable {
        case component(String)
        /// The base image's tag, on this repository.
        case baseImageTag(repository: String)
    }

    public struct Member: Sendable, Equatable {
        public var slug: String
        public var service: String
        /// The version or tag it runs.
        public var value: String
        /// Whether it must change to reach `target`.
        public var moves: Bool
    }

    public var difference: Difference
    /// By name, then slug.
    public var members: [Member]
    /// The version or tag to move every member to.
    public var target: String
    /// `the standard's version`, `the newest of them`, `the approved web tag`.
    public var targetReason: String

    /// `node`, or `base image tag`.
    public var what: String {
        switch difference {
        case .component(let name): name
        case .baseImageTag: "base image tag"
        }
    }

    /// In plain words: `Search API and Storefront web differ only in node (20.18.0 vs
    /// 20.11.1): move both to 22, the standard's version.`
    public var summary: String {
        let names = Self.sentence(members.map(\.service))
        let values = Self.distinct(members.map(\.value)).joined(separator: " vs ")
        let all = members.count == 2 ? "both" : "all \(members.count)"
        let shown: String
        switch difference {
        case .component: shown = target
        case .baseImageTag(let repository): shown = "\(repository):\(target)"
        }
        return "\(names) differ only in \(what) (\(values)): move \(all) to \(shown), \(targetReason)."
    }

    public func contains(_ slug: String) -> Bool { members.contains { $0.slug == slug } }

    /// `A`, `A and B`, `A, B and C`.
    static func sentence(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items.last!
    }

    static func distinct(_ values: [String]) -> [String] {
        var seen: [String] = []
        for value in values where !seen.contains(value) { seen.append(value) }
        return seen
    }
}

/// The groups of active services that could share a runtime and a base image now.
/// Data stores (`policy.data_components`) run beside a service, not in its image, so they
/// are left out; so are services with no base image written down, services marked
/// `blocks_updates`, and, for a component, services a valid exception keeps on their version.
enum CouldShare {
    /// Every group, components first in name order, then base images by repository.
    static func groups(_ active: [Service], _ context: RuleContext) -> [ShareGroup] {
        struct Candidate {
            var service: Service
            var image: ImageReference
            /// `name=version` for each component, data stores left out, sorted.
            var components: [(name: String, key: String, version: ComponentVersion)]
        }
        let data = Set(context.policy.dataComponents)
        let candidates: [Candidate] = active.compactMap { service in
            guard !service.blocksUpdates else { return nil }
            let runtime = Runtime(service)
            guard let image = runtime.baseImage?.reference else { return nil }
            var seen: Set<String> = []
            let components = runtime.components.filter { !data.contains($0.name) && seen.insert($0.name).inserted }
                .map { (name: $0.name, key: "\($0.name)=\(normalised($0.version))", version: $0) }
                .sorted { $0.name < $1.name }
            return Candidate(service: service, image: image, components: components)
        }
        var groups: [ShareGroup] = []
        // One component differs: the same everything else, keyed without that component.
        var byComponent: [String: [String: [(Candidate, ComponentVersion)]]] = [:]
        for candidate in candidates {
            let image = "\(candidate.image.repository):\(candidate.image.effectiveTag)"
            for (index, component) in candidate.components.enumerated() {
                if ExceptionRules.covering(component.version, in: candidate.service, context) != nil { continue }
                var rest = candidate.components.map(\.key)
                rest.remove(at: index)
                let key = ([image, "/" + component.name] + rest).joined(separator: "\n")
                byComponent[component.name, default: [:]][key, default: []].append((candidate, component.version))
            }
        }
        for name in byComponent.keys.sorted() {
            for key in byComponent[name]!.keys.sorted() {
                let entries = byComponent[name]![key]!
                let values = entries.map { normalised($0.1.version) }
                guard Set(values).count > 1 else { continue }
                let (target, reason, isStandard) = componentTarget(name, entries.map(\.1.version), context)
                groups.append(group(.component(name), entries.map { ($0.0.service, $0.1.version) }, target: target, reason: reason) {
                    isStandard ? context.standing(of: name, $0)?.standing != .conforms : normalised($0) != normalised(target)
                })
            }
        }
        // Only the base image's tag differs: the same components, the same repository.
        var byImage: [String: [Candidate]] = [:]
        for candidate in candidates {
            let key = ([candidate.image.repository] + candidate.components.map(\.key)).joined(separator: "\n")
            byImage[key, default: []].append(candidate)
        }
        for key in byImage.keys.sorted() {
            let entries = byImage[key]!
            guard Set(entries.map(\.image.effectiveTag)).count > 1 else { continue }
            let repository = entries[0].image.repository
            let tags = entries.map(\.image.effectiveTag)
            let (target, reason) = imageTarget(repository, tags, context)
            groups.append(group(.baseImageTag(repository: repository), entries.map { ($0.service, $0.image.effectiveTag) },
                                target: target, reason: reason) { $0 != target })
        }
        return groups
    }

    static func group(_ difference: ShareGroup.Difference, _ members: [(Service, String)], target: String, reason: String,
                      moves: (String) -> Bool) -> ShareGroup {
        let sorted = members.sorted { ($0.0.name, $0.0.slug) < ($1.0.name, $1.0.slug) }
        return ShareGroup(difference: difference,
                          members: sorted.map { .init(slug: $0.0.slug, service: $0.0.name, value: $0.1, moves: moves($0.1)) },
                          target: target, targetReason: reason)
    }

    /// The standard's version when one of them is off it (and true); else the newest of them.
    static func componentTarget(_ name: String, _ versions: [String], _ context: RuleContext) -> (String, String, Bool) {
        if let approved = context.approvedVersions[name],
           versions.contains(where: { context.standing(of: name, $0)?.standing != .conforms }) {
            return (approved.text, "the standard's version", true)
        }
        return (newest(versions), context.approvedVersions[name] == nil ? "the newest of them" : "the newest of them, within the standard", false)
    }

    /// The approved tag when the repository is an approved image's; else the newest tag.
    static func imageTarget(_ repository: String, _ tags: [String], _ context: RuleContext) -> (String, String) {
        if let approved = context.approvedImages.first(where: { $0.reference.repository == repository }) {
            return (approved.reference.effectiveTag, "the approved \(approved.name) tag")
        }
        return (newest(tags), "the newest of them")
    }

    /// The highest version; a text that is not a version counts as older than any version.
    static func newest(_ values: [String]) -> String {
        values.max { a, b in
            switch (Version(a), Version(b)) {
            case (let x?, let y?): x != y ? x < y : a < b
            case (nil, _?): true
            case (_?, nil): false
            case (nil, nil): a < b
            }
        }!
    }
}
