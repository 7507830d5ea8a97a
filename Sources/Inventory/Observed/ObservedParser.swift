import Foundation

/// Reads output saved from `kubectl get pods -o json`, `kubectl get deployments -o json` and
/// `docker container inspect`, unchanged. The format is told from the content.
enum ObservedParser {
    static func parse(_ data: Data, environment: String, file: String, fileName: String) throws(Diagnostic) -> ObservedSnapshot {
        let start = SourceLocation(file: file, line: 1, column: 1)
        try JSONNesting.check(data, file: file)
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw Diagnostic(jsonErrorLocation(error, file: file), "invalid JSON: \(jsonErrorMessage(error))",
                             hint: "save the output unchanged, for example kubectl get pods -o json > production/pods.json")
        }
        let fileDate = Day(fileName.prefix(10))
        var latest: Day?
        func note(_ text: Any?) {
            guard let text = text as? String, let day = Day(text.prefix(10)) else { return }
            if latest.map({ day > $0 }) ?? true { latest = day }
        }
        let source: ObservedSnapshot.Source
        var workloads: [Workload] = []
        if let containers = json as? [[String: Any]], containers.allSatisfy({ $0["Config"] is [String: Any] && $0["Image"] is String }) {
            source = .docker
            for container in containers {
                let config = container["Config"] as? [String: Any] ?? [:]
                let labels = config["Labels"] as? [String: Any] ?? [:]
                let name = ((container["Name"] as? String) ?? "").trimmingPrefix("/")
                let workload = (labels["com.docker.compose.service"] as? String) ?? String(name)
                note((container["State"] as? [String: Any])?["StartedAt"])
                note(container["Created"])
                // `Image` is the local image id, not a registry digest: it is not compared.
                workloads.append(Workload(name: workload, instance: String(name), containers: [
                    ObservedContainer(name: String(name), image: config["Image"] as? String ?? "", digest: nil, isInit: false),
                ]))
            }
        } else if let object = json as? [String: Any], let kind = object["kind"] as? String {
            let items: [[String: Any]]
            if kind == "List" || kind.hasSuffix("List") {
                items = object["items"] as? [[String: Any]] ?? []
            } else {
                items = [object]
            }
            let kinds = Set(items.compactMap { $0["kind"] as? String })
            if items.isEmpty && (kind == "PodList" || kind == "DeploymentList" || kind == "List") {
                source = kind == "DeploymentList" ? .deployments : .pods
            } else if kinds == ["Pod"] {
                source = .pods
                for pod in items {
                    let (workload, containers) = podWorkload(pod, note: note)
                    workloads.append(Workload(name: workload.name, instance: workload.instance, containers: containers))
                }
            } else if kinds == ["Deployment"] {
                source = .deployments
                for deployment in items {
                    let metadata = deployment["metadata"] as? [String: Any] ?? [:]
                    let name = metadata["name"] as? String ?? ""
                    note(metadata["creationTimestamp"])
                    let spec = ((deployment["spec"] as? [String: Any])?["template"] as? [String: Any])?["spec"] as? [String: Any] ?? [:]
                    workloads.append(Workload(name: name, instance: name, containers: declared(spec)))
                }
            } else {
                throw Diagnostic(start, "JSON of kind '\(kind)' with items of kind \(kinds.sorted().joined(separator: ", ")) is neither pods nor deployments",
                                 hint: "save kubectl get pods -o json, kubectl get deployments -o json, or docker container inspect")
            }
        } else {
            throw Diagnostic(start, "this JSON is not output of kubectl get pods, kubectl get deployments or docker container inspect",
                             hint: "save the tool's output unchanged; kubectl needs -o json")
        }
        return ObservedSnapshot(environment: environment, file: file, source: source, date: fileDate ?? latest,
                                dateFromFileName: fileDate != nil, workloads: workloads)
    }

    /// A pod's workload name (app label, else its owner without the pod-template hash, else
    /// its own name) and its containers with the digests its status reports.
    static func podWorkload(_ pod: [String: Any], note: (Any?) -> Void) -> ((name: String, instance: String), [ObservedContainer]) {
        let metadata = pod["metadata"] as? [String: Any] ?? [:]
        let labels = metadata["labels"] as? [String: Any] ?? [:]
        let podName = metadata["name"] as? String ?? ""
        var name = (labels["app.kubernetes.io/name"] as? String) ?? (labels["app"] as? String)
        if name == nil, let owner = (metadata["ownerReferences"] as? [[String: Any]])?.first?["name"] as? String {
            if let hash = labels["pod-template-hash"] as? String, owner.hasSuffix("-" + hash) {
                name = String(owner.dropLast(hash.count + 1))
            } else {
                name = owner
            }
        }
        let status = pod["status"] as? [String: Any] ?? [:]
        note(status["startTime"])
        var digests: [String: (image: String, digest: String?)] = [:]
        for key in ["containerStatuses", "initContainerStatuses"] {
            for container in status[key] as? [[String: Any]] ?? [] {
                guard let containerName = container["name"] as? String else { continue }
                digests[key + containerName] = (container["image"] as? String ?? "", digest(fromImageID: container["imageID"] as? String))
                note(((container["state"] as? [String: Any])?["running"] as? [String: Any])?["startedAt"])
            }
        }
        let spec = pod["spec"] as? [String: Any] ?? [:]
        let containers = declared(spec).map { container -> ObservedContainer in
            let key = (container.isInit ? "initContainerStatuses" : "containerStatuses") + container.name
            var observed = container
            observed.digest = digests[key]?.digest
            return observed
        }
        return ((name ?? podName, podName), containers)
    }

    /// The containers and init containers a pod spec declares.
    static func declared(_ spec: [String: Any]) -> [ObservedContainer] {
        var containers: [ObservedContainer] = []
        for (key, isInit) in [("initContainers", true), ("containers", false)] {
            for container in spec[key] as? [[String: Any]] ?? [] {
                containers.append(ObservedContainer(name: container["name"] as? String ?? "", image: container["image"] as? String ?? "",
                                                    digest: nil, isInit: isInit))
            }
        }
        return containers
    }

    /// The digest in an `imageID`: `docker-pullable://repo@sha256:…`, `repo@sha256:…` or `sha256:…`.
    static func digest(fromImageID imageID: String?) -> String? {
        guard let imageID, let range = imageID.range(of: "sha256:", options: .backwards) else { return nil }
        let digest = String(imageID[range.lowerBound...])
        return (try? ImageReference.validateDigest(digest)) != nil ? digest : nil
    }

    static func jsonErrorMessage(_ error: Error) -> String {
        let description = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
        return description.hasSuffix(".") ? String(description.dropLast()) : description
    }

    /// `around line 3, column 5` in Foundation's message, when it says so.
    static func jsonErrorLocation(_ error: Error, file: String) -> SourceLocation {
        let text = jsonErrorMessage(error)
        func number(after word: String) -> Int? {
            guard let range = text.range(of: word) else { return nil }
            return Int(text[range.upperBound...].prefix { $0.isNumber })
        }
        return SourceLocation(file: file, line: number(after: "line ") ?? 1, column: number(after: "column ") ?? 1)
    }
}
