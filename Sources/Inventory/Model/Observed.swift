/// What really runs in one environment, from a file saved from kubectl or docker:
/// `content/observed/<environment>/<file>.json`.
public struct ObservedSnapshot: Sendable {
    public enum Source: String, Sendable {
        case pods = "kubectl get pods"
        case deployments = "kubectl get deployments"
        case docker = "docker container inspect"
    }

    public var environment: String
    public var file: String
    public var source: Source
    /// When the snapshot was taken: the `YYYY-MM-DD` the file name starts with, else the
    /// latest time found inside it (a pod's start, a container's start).
    public var date: Day?
    public var dateFromFileName: Bool
    public var workloads: [Workload]

    public init(environment: String, file: String, source: Source, date: Day?, dateFromFileName: Bool, workloads: [Workload]) {
        self.environment = environment
        self.file = file
        self.source = source
        self.date = date
        self.dateFromFileName = dateFromFileName
        self.workloads = workloads
    }
}

/// A deployment, a pod's owning workload, or a docker container, with what it runs.
public struct Workload: Sendable, Equatable {
    /// The workload's name: a deployment's name, a pod's app label or owner, a container's name.
    public var name: String
    /// The pod or container name as listed, for messages.
    public var instance: String
    public var containers: [ObservedContainer]

    public init(name: String, instance: String, containers: [ObservedContainer]) {
        self.name = name
        self.instance = instance
        self.containers = containers
    }
}

public struct ObservedContainer: Sendable, Equatable {
    public var name: String
    /// The image reference as the tool reports it.
    public var image: String
    /// The registry digest that runs (`sha256:…`), when the tool knows it.
    public var digest: String?
    public var isInit: Bool

    public init(name: String, image: String, digest: String?, isInit: Bool) {
        self.name = name
        self.image = image
        self.digest = digest
        self.isInit = isInit
    }
}
