import Foundation
import Testing
@testable import Inventory

@Suite struct ObservedParserTests {
    let digestA = "sha256:" + String(repeating: "a", count: 64)
    let digestB = "sha256:" + String(repeating: "b", count: 64)

    func parse(_ json: String, name: String = "pods.json") throws(Diagnostic) -> ObservedSnapshot {
        try ObservedParser.parse(Data(json.utf8), environment: "production", file: "content/observed/production/\(name)", fileName: name)
    }

    /// A pod as `kubectl get pods -o json` lists it: owner, labels, containers, init containers, statuses.
    func pod(_ name: String, app: String?, owner: String = "api-7d9f8c6b5", hash: String = "7d9f8c6b5", image: String, imageID: String) -> String {
        let labels = app.map { #""app": "\#($0)", "pod-template-hash": "\#(hash)""# } ?? #""pod-template-hash": "\#(hash)""#
        return #"""
        {"apiVersion": "v1", "kind": "Pod",
         "metadata": {"name": "\#(name)", "namespace": "prod", "labels": {\#(labels)},
                      "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "\#(owner)", "controller": true}]},
         "spec": {"initContainers": [{"name": "migrate", "image": "registry.example.com/team/migrate:1"}],
                  "containers": [{"name": "api", "image": "\#(image)"}, {"name": "envoy", "image": "envoyproxy/envoy:v1.31.2"}]},
         "status": {"phase": "Running", "startTime": "2026-11-20T10:00:00Z",
                    "initContainerStatuses": [{"name": "migrate", "image": "registry.example.com/team/migrate:1", "imageID": "registry.example.com/team/migrate@\#(digestB)"}],
                    "containerStatuses": [{"name": "api", "image": "\#(image)", "imageID": "\#(imageID)", "state": {"running": {"startedAt": "2026-11-21T08:00:00Z"}}},
                                          {"name": "envoy", "image": "envoyproxy/envoy:v1.31.2", "imageID": "\#(digestB)"}]}}
        """#
    }

    @Test func podsWithInitContainersSidecarsAndEveryImageIDForm() throws {
        let list = #"{"apiVersion": "v1", "kind": "List", "items": ["#
            + pod("api-7d9f8c6b5-x1", app: "api", image: "registry.example.com/team/api:1.2.0", imageID: "docker-pullable://registry.example.com/team/api@\(digestA)") + ","
            + pod("api-7d9f8c6b5-x2", app: nil, image: "registry.example.com/team/api:1.2.0", imageID: "registry.example.com/team/api@\(digestA)") + ","
            + pod("api-5b6c7d8e9-x3", app: "api", owner: "api-5b6c7d8e9", hash: "5b6c7d8e9", image: "registry.example.com/team/api:1.3.0", imageID: digestB)
            + "]}"
        let snapshot = try parse(list)
        #expect(snapshot.source == .pods)
        #expect(snapshot.workloads.map(\.name) == ["api", "api", "api"])
        #expect(snapshot.workloads.map(\.instance) == ["api-7d9f8c6b5-x1", "api-7d9f8c6b5-x2", "api-5b6c7d8e9-x3"])
        let first = snapshot.workloads[0].containers
        #expect(first.map(\.name) == ["migrate", "api", "envoy"])
        #expect(first.map(\.isInit) == [true, false, false])
        #expect(first[1].digest == digestA)
        #expect(snapshot.workloads[1].containers[1].digest == digestA)
        #expect(snapshot.workloads[2].containers[1].digest == digestB)
        #expect(snapshot.workloads[2].containers[1].image == "registry.example.com/team/api:1.3.0")
        #expect(snapshot.date == Day("2026-11-21"))
        #expect(!snapshot.dateFromFileName)
    }

    @Test func dateFromTheFileNameWins() throws {
        let snapshot = try parse(#"{"apiVersion": "v1", "kind": "PodList", "items": []}"#, name: "2026-11-26-pods.json")
        #expect(snapshot.date == Day("2026-11-26"))
        #expect(snapshot.dateFromFileName)
    }

    @Test func deployments() throws {
        let json = #"""
        {"apiVersion": "v1", "kind": "List", "items": [
          {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "api", "creationTimestamp": "2026-10-01T00:00:00Z"},
           "spec": {"replicas": 2, "template": {"metadata": {"labels": {"app": "api"}},
                    "spec": {"initContainers": [{"name": "migrate", "image": "registry.example.com/team/migrate:1"}],
                             "containers": [{"name": "api", "image": "registry.example.com/team/api:1.2.0@\#(digestA)"}]}}}}]}
        """#
        let snapshot = try parse(json)
        #expect(snapshot.source == .deployments)
        #expect(snapshot.workloads == [Workload(name: "api", instance: "api", containers: [
            ObservedContainer(name: "migrate", image: "registry.example.com/team/migrate:1", digest: nil, isInit: true),
            ObservedContainer(name: "api", image: "registry.example.com/team/api:1.2.0@\(digestA)", digest: nil, isInit: false),
        ])])
    }

    @Test func dockerInspectKeepsTheLocalImageIDOut() throws {
        let json = #"""
        [{"Id": "3f9a", "Name": "/admin", "Created": "2025-06-03T09:12:44Z",
          "State": {"Running": true, "StartedAt": "2026-11-02T04:00:01.5Z"},
          "Image": "sha256:\#(String(repeating: "c", count: 64))",
          "Config": {"Image": "registry.example.com/team/admin:0.9.7", "Labels": {"com.docker.compose.service": "admin"}}}]
        """#
        let snapshot = try parse(json)
        #expect(snapshot.source == .docker)
        #expect(snapshot.workloads == [Workload(name: "admin", instance: "admin", containers: [
            ObservedContainer(name: "admin", image: "registry.example.com/team/admin:0.9.7", digest: nil, isInit: false),
        ])])
        #expect(snapshot.date == Day("2026-11-02"))
    }

    @Test func clearErrorsForOtherJSON() {
        #expect(throws: Diagnostic(SourceLocation(file: "content/observed/production/pods.json", line: 1, column: 1),
                                   "this JSON is not output of kubectl get pods, kubectl get deployments or docker container inspect",
                                   hint: "save the tool's output unchanged; kubectl needs -o json")) {
            try parse(#"{"hello": "world"}"#)
        }
        #expect(throws: Diagnostic(SourceLocation(file: "content/observed/production/pods.json", line: 1, column: 1),
                                   "JSON of kind 'List' with items of kind Service is neither pods nor deployments",
                                   hint: "save kubectl get pods -o json, kubectl get deployments -o json, or docker container inspect")) {
            try parse(#"{"kind": "List", "items": [{"kind": "Service"}]}"#)
        }
        do {
            _ = try parse("{\n  \"kind\": \"List\",\n  \"items\": [\n}")
            Issue.record("no error")
        } catch {
            #expect(error.message.hasPrefix("invalid JSON"))
            #expect(error.location.file == "content/observed/production/pods.json")
        }
    }

    @Test func digestsFromImageIDs() {
        #expect(ObservedParser.digest(fromImageID: "docker-pullable://r.example.com/a@\(digestA)") == digestA)
        #expect(ObservedParser.digest(fromImageID: "r.example.com/a@\(digestA)") == digestA)
        #expect(ObservedParser.digest(fromImageID: digestA) == digestA)
        #expect(ObservedParser.digest(fromImageID: "sha256:abc") == nil)
        #expect(ObservedParser.digest(fromImageID: "") == nil)
    }
}
