import Inventory

/// What a service runs where it counts: its primary environment's components (the service's
/// versions with that environment's overrides) and base image.
struct Runtime {
    var components: [ComponentVersion]
    var baseImage: ImageField?

    init(_ service: Service) {
        if let primary = service.primaryEnvironment {
            components = service.components(in: primary)
            baseImage = service.baseImage(in: primary)
        } else {
            components = service.components
            baseImage = service.baseImage
        }
    }
}

extension RuleContext {
    /// The release line a version belongs to, at the standard's precision for its component:
    /// `18` for node 18.20.4 when the standard approves `22`, `3.11` for python 3.11.9 under
    /// `3.12`; one numeric part when the standard does not name the component; the text
    /// itself when it is not a number.
    func line(of component: String, _ version: String) -> String {
        guard let parsed = Version(version) else { return version }
        let precision = max(1, approvedVersions[component]?.version?.numbers.count ?? 1)
        return parsed.numbers.prefix(precision).map(String.init).joined(separator: ".")
    }

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

/// A version written so that `20.11.1`, `v20.11.1` and `20.11.1.0` compare the same.
func normalised(_ version: String) -> String {
    guard let parsed = Version(version) else { return version }
    var numbers = parsed.numbers
    while numbers.count > 1 && numbers.last == 0 { numbers.removeLast() }
    return numbers.map(String.init).joined(separator: ".") + (parsed.prerelease.map { "-" + $0 } ?? "")
}
