import Inventory

/// observed-mismatch, observed-unlisted, observed-missing: the inventory against what runs.
enum ObservedRules {
    /// Every observed workload by its name and by its containers' names, so matching a
    /// service costs a lookup, not a pass over every snapshot.
    struct Index {
        var byName: [String: [(ObservedSnapshot, Workload)]] = [:]

        init(_ snapshots: [ObservedSnapshot]) {
            for snapshot in snapshots {
                for workload in snapshot.workloads {
                    var names = Set([workload.name])
                    for container in workload.containers { names.insert(container.name) }
                    for name in names { byName[name, default: []].append((snapshot, workload)) }
                }
            }
        }

        /// The workloads of a service in one environment, in snapshot order.
        func workloads(of service: Service, in environment: String) -> [(ObservedSnapshot, Workload)] {
            var seen: Set<String> = []
            var found: [(ObservedSnapshot, Workload)] = []
            for name in [service.slug] + service.match {
                for (snapshot, workload) in byName[name] ?? [] where snapshot.environment == environment && matches(workload, service) {
                    if seen.insert("\(snapshot.file)|\(workload.instance)").inserted { found.append((snapshot, workload)) }
                }
            }
            return found.sorted { ($0.0.file, $0.1.instance) < ($1.0.file, $1.1.instance) }
        }
    }

    static func matches(_ workload: Workload, _ service: Service) -> Bool {
        workload.name == service.slug || service.match.contains(workload.name)
            || workload.containers.contains { service.match.contains($0.name) }
    }

    /// Findings for every service (by slug) and the site-wide ones.
    static func check(_ inventory: Inventory) -> (byService: [String: [Finding]], site: [Finding]) {
        let snapshots = inventory.observed
        guard !snapshots.isEmpty else { return ([:], []) }
        let observedEnvironments = Set(snapshots.map(\.environment))
        let index = Index(snapshots)
        var byService: [String: [Finding]] = [:]
        for service in inventory.services where service.isActive {
            byService[service.slug] = check(service, index, observedEnvironments)
        }
        var site: [Finding] = []
        var reported: Set<String> = []
        // The same test as `matches`: a workload's name is a slug or a `match` entry, or one of
        // its containers is named in a `match` list.
        let claimed = Set(inventory.services.flatMap { [$0.slug] + $0.match })
        let claimedContainers = Set(inventory.services.flatMap(\.match))
        for snapshot in snapshots {
            for workload in snapshot.workloads where !claimed.contains(workload.name) && !workload.containers.contains(where: { claimedContainers.contains($0.name) }) {
                guard reported.insert("\(snapshot.environment)/\(workload.name)").inserted else { continue }
                let images = Set(workload.containers.filter { !$0.isInit }.map(\.image)).sorted().joined(separator: ", ")
                site.append(Finding(rule: .observedUnlisted, service: nil, file: snapshot.file, line: 1, column: 1,
                                    message: "\(workload.name) runs in \(snapshot.environment) (\(images)) but no service lists it",
                                    hint: "add a service file for \(workload.name), or name it under 'match' of the service it belongs to"))
            }
        }
        return (byService, site)
    }

    /// One active service's declared environments against the snapshots.
    static func check(_ service: Service, _ index: Index, _ observedEnvironments: Set<String>) -> [Finding] {
        var sink = FindingSink(service)
        for environment in service.environments {
            let found = index.workloads(of: service, in: environment.name)
            if found.isEmpty {
                let why = observedEnvironments.contains(environment.name)
                    ? "no workload of \(service.slug) is in the \(environment.name) snapshot"
                    : "there is no snapshot of \(environment.name)"
                sink.add(.observedMissing, line: environment.line, column: environment.column,
                         "\(environment.name) is not verified: \(why)",
                         hint: "save kubectl get pods -o json into content/observed/\(environment.name)/, or list the workload under 'match'")
                continue
            }
            compare(environment, found, into: &sink)
        }
        return sink.findings
    }

    /// Declared image and digest against each distinct running one; pods mid-rollout that run
    /// two versions give one finding per version that differs.
    static func compare(_ environment: Environment, _ found: [(ObservedSnapshot, Workload)], into sink: inout FindingSink) {
        guard let image = environment.image else { return }
        let declared = image.reference
        let declaredDigest = environment.digest?.value ?? declared.digest
        var running: [String: (image: String, digest: String?, instances: [String], file: String)] = [:]
        for (snapshot, workload) in found {
            let candidates = workload.containers.filter { !$0.isInit }
            let same = candidates.filter { (try? ImageReference(parsing: $0.image))?.repository == declared.repository }
            let chosen = same.isEmpty ? Array(candidates.prefix(1)) : same
            for container in chosen {
                let key = "\(container.image)|\(container.digest ?? "")"
                running[key, default: (container.image, container.digest, [], snapshot.file)].instances.append(workload.instance)
            }
        }
        let at = image
        for key in running.keys.sorted() {
            let run = running[key]!
            let count = run.instances.count
            let who = count == 1 ? run.instances[0] : "\(count) of \(found.count) instances"
            let runs = count == 1 ? "runs" : "run"
            guard let observed = try? ImageReference(parsing: run.image) else { continue }
            if observed.repository != declared.repository || observed.effectiveTag != declared.effectiveTag {
                sink.add(.observedMismatch, at: at,
                         "\(who) in \(environment.name) \(runs) \(observed.shortForm), but the inventory declares \(declared.shortForm)",
                         hint: "update the inventory to what runs, or finish or roll back the deploy (\(run.file))")
            } else if let digest = run.digest, let declaredDigest, digest != declaredDigest {
                sink.add(.observedMismatch, at: (environment.digest as (any SourcePositioned)?) ?? at,
                         "\(who) in \(environment.name) \(runs) \(observed.shortForm) as \(short(digest)), but the inventory declares \(short(declaredDigest))",
                         hint: "the tag was pushed again: record the digest that runs, or redeploy by digest (\(run.file))")
            }
        }
    }

    static func short(_ digest: String) -> String { String(digest.prefix(19)) + "…" }
}
