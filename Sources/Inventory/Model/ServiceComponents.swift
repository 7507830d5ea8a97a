/// The questions everyone asks of a service's components and base images, answered once:
/// an environment's own values override the service-wide ones.
extension Service {
    /// The version of `name` that runs in `environment` (its override, else the service's),
    /// or the service-wide one when `environment` is nil.
    public func component(_ name: String, in environment: Environment? = nil) -> ComponentVersion? {
        environment?.components.first { $0.name == name } ?? components.first { $0.name == name }
    }

    /// The components that run in `environment`: every name the service or the environment
    /// lists, in the order of `componentNames`.
    public func components(in environment: Environment) -> [ComponentVersion] {
        componentNames(of: [environment]).compactMap { component($0, in: environment) }
    }

    /// The base image that runs in `environment`: its override, else the service's.
    public func baseImage(in environment: Environment) -> ImageField? { environment.baseImage ?? baseImage }

    /// Every component name the service or any of its environments lists, service-wide first,
    /// then in the order the environments introduce them.
    public var componentNames: [String] { componentNames(of: environments) }

    /// The component names the service and the given environments list, each once.
    public func componentNames(of environments: [Environment]) -> [String] {
        var names: [String] = []
        for component in components + environments.flatMap(\.components) where !names.contains(component.name) {
            names.append(component.name)
        }
        return names
    }

    /// Every component version written in the file: the service-wide ones, then each
    /// environment's overrides, with where they are set.
    public var componentUses: [ComponentUse] {
        components.map { ComponentUse(component: $0, environment: nil) }
            + environments.flatMap { env in env.components.map { ComponentUse(component: $0, environment: env.name) } }
    }
}

/// A component version as written in a service file, and the environment it is set for
/// (nil for the service-wide value).
public struct ComponentUse: Sendable {
    public var component: ComponentVersion
    public var environment: String?

    public init(component: ComponentVersion, environment: String?) {
        self.component = component
        self.environment = environment
    }

    /// ` in staging`, or nothing for the service-wide value.
    public var place: String { environment.map { " in \($0)" } ?? "" }
}
