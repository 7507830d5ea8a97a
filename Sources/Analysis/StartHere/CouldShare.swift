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
    /// Services whose runtimes are equal but for one component's version share a bucket: the
    /// component, and the ids of everything else they run.
    struct Bucket: Hashable {
        var component: Int
        var rest: [Int]
    }

    /// Every group: components by name, then base images by repository; within each, by the
    /// first member's name.
    static func groups(_ runtimes: [Runtime], of services: [Service], _ context: RuleContext) -> [ShareGroup] {
        // Each distinct text (a component, a version, an image) gets a number, so buckets hash
        // short arrays of numbers instead of long texts.
        var ids: [String: Int] = [:]
        func id(_ text: String) -> Int {
            if let known = ids[text] { return known }
            ids[text] = ids.count
            return ids.count - 1
        }
        let data = Set(context.policy.dataComponents)
        struct Candidate {
            /// In `runtimes`.
            var runtime: Int
            var image: ImageReference
            var components: [Runtime.Component]
            /// `name=version` ids, in the order of `components`.
            var values: [Int]
        }
        let candidates: [Candidate] = runtimes.indices.compactMap { index in
            let runtime = runtimes[index]
            guard !runtime.blocksUpdates, let image = runtime.baseImage?.reference else { return nil }
            let components = runtime.components.filter { !data.contains($0.name) }.sorted { $0.name < $1.name }
            return Candidate(runtime: index, image: image, components: components,
                             values: components.map { id("\($0.name)=\($0.judged.normalised)") })
        }
        var byComponent: [Bucket: [(Candidate, Runtime.Component)]] = [:]
        var byImage: [[Int]: [Candidate]] = [:]
        for candidate in candidates {
            let image = id("\(candidate.image.repository):\(candidate.image.effectiveTag)")
            for (index, component) in candidate.components.enumerated() {
                let service = runtimes[candidate.runtime].index
                if ExceptionRules.covering(component.component, in: services[service], context) != nil { continue }
                var rest = candidate.values
                rest[index] = image
                byComponent[Bucket(component: id(component.name), rest: rest), default: []].append((candidate, component))
            }
            byImage[[id(candidate.image.repository)] + candidate.values, default: []].append(candidate)
        }
        var componentGroups: [ShareGroup] = []
        for entries in byComponent.values where Set(entries.map(\.1.judged.normalised)).count > 1 {
            let name = entries[0].1.name
            let (target, reason, isStandard) = componentTarget(name, entries.map(\.1), context)
            let normalisedTarget = entries.first { $0.1.component.version == target }?.1.judged.normalised
            componentGroups.append(group(.component(name), target: target, reason: reason, entries.map { candidate, component in
                let moves = isStandard ? component.judged.standing != .conforms : component.judged.normalised != normalisedTarget
                return (runtimes[candidate.runtime], component.component.version, moves)
            }))
        }
        var imageGroups: [ShareGroup] = []
        for entries in byImage.values where Set(entries.map(\.image.effectiveTag)).count > 1 {
            let repository = entries[0].image.repository
            let (target, reason) = imageTarget(repository, entries.map(\.image.effectiveTag), context)
            imageGroups.append(group(.baseImageTag(repository: repository), target: target, reason: reason,
                                     entries.map { (runtimes[$0.runtime], $0.image.effectiveTag, $0.image.effectiveTag != target) }))
        }
        func order(_ group: ShareGroup) -> (String, String, String) {
            let kind: String
            switch group.difference {
            case .component(let name): kind = name
            case .baseImageTag(let repository): kind = repository
            }
            return (kind, group.members[0].service, group.members[0].slug)
        }
        return componentGroups.sorted { order($0) < order($1) } + imageGroups.sorted { order($0) < order($1) }
    }

    /// A group of the members (service, what it runs, whether it must change), by name then slug.
    static func group(_ difference: ShareGroup.Difference, target: String, reason: String,
                      _ members: [(Runtime, String, Bool)]) -> ShareGroup {
        let sorted = members.sorted { ($0.0.name, $0.0.slug) < ($1.0.name, $1.0.slug) }
        return ShareGroup(difference: difference,
                          members: sorted.map { .init(slug: $0.0.slug, service: $0.0.name, value: $0.1, moves: $0.2) },
                          target: target, targetReason: reason)
    }

    /// The standard's version when one of them is off it (and true); else the newest of them.
    static func componentTarget(_ name: String, _ components: [Runtime.Component], _ context: RuleContext) -> (String, String, Bool) {
        if let approved = context.approvedVersions[name], components.contains(where: { $0.judged.standing != .conforms }) {
            return (approved.text, "the standard's version", true)
        }
        let newest = newest(components.map(\.component.version))
        return (newest, context.approvedVersions[name] == nil ? "the newest of them" : "the newest of them, within the standard", false)
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
