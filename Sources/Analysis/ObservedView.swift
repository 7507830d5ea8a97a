import Inventory

/// What was observed of one service in one environment, for pages: the images and digests
/// that run, and when and from what the snapshot came.
public struct ObservedState: Sendable {
    public var environment: String
    public var date: Day?
    public var dateFromFileName: Bool
    public var source: ObservedSnapshot.Source
    public var file: String
    /// Distinct running image references of the service's own containers.
    public var images: [String]
    /// Distinct digests; empty when the source does not report registry digests (docker).
    public var digests: [String]
    public var instances: Int
    /// What runs is what the inventory declares: no observed-mismatch in this environment.
    public var matches: Bool

    /// Per environment of the service, what the snapshots show (nil where nothing was observed).
    static func of(_ service: Service, _ index: ObservedRules.Index) -> [String: ObservedState] {
        var states: [String: ObservedState] = [:]
        for environment in service.environments {
            let found = index.workloads(of: service, in: environment.name)
            guard let (snapshot, _) = found.first else { continue }
            let declared = environment.image?.reference
            var images: [String] = [], digests: [String] = []
            for (_, workload) in found {
                let main = workload.containers.filter { !$0.isInit }
                let same = main.filter { declared != nil && (try? ImageReference(parsing: $0.image))?.repository == declared?.repository }
                for container in same.isEmpty ? Array(main.prefix(1)) : same {
                    if !images.contains(container.image) { images.append(container.image) }
                    if let digest = container.digest, !digests.contains(digest) { digests.append(digest) }
                }
            }
            // The test of observed-mismatch (`ObservedRules.compare`): repository and tag, then digest.
            let declaredDigest = environment.digest?.value ?? declared?.digest
            let matches = declared.map { declared in
                images.allSatisfy { image in
                    (try? ImageReference(parsing: image)).map { $0.repository == declared.repository && $0.effectiveTag == declared.effectiveTag } ?? true
                } && (declaredDigest == nil || digests.allSatisfy { $0 == declaredDigest })
            } ?? true
            states[environment.name] = ObservedState(environment: environment.name, date: found.compactMap(\.0.date).max(),
                                                     dateFromFileName: snapshot.dateFromFileName, source: snapshot.source,
                                                     file: snapshot.file, images: images, digests: digests, instances: found.count,
                                                     matches: matches)
        }
        return states
    }
}
