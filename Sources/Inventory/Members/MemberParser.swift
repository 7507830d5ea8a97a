import Foundation

/// Reads a member's `inventory.json` and `findings.json` (schema 1) into a `MemberSite`.
/// A problem is one line of text: the member is then shown from its last good copy.
public enum MemberParser {
    /// The schema of the data files this version reads and writes.
    public static let schema = 1
    /// The most services or findings one member may list.
    public static let maxEntries = 200_000

    public struct Problem: Error, Sendable, CustomStringConvertible {
        public var description: String
        public init(_ description: String) { self.description = description }
    }

    public static func parse(inventory: Data, findings: Data) throws(Problem) -> MemberSite {
        let file = try decode(InventoryFile.self, inventory, name: "inventory.json")
        let reported = try decode(FindingsFile.self, findings, name: "findings.json")
        guard let built = Day(file.today) else { throw Problem("inventory.json: 'today' is not a date (YYYY-MM-DD)") }
        guard file.services.count <= maxEntries, reported.findings.count <= maxEntries else {
            throw Problem("more than \(maxEntries) services or findings")
        }
        let services = file.services.map(service)
        let findings = reported.findings.map { finding in
            MemberFinding(rule: MemberText.name(finding.rule), severity: severity(finding.severity),
                          service: finding.service.map(MemberText.name), message: MemberText.clean(finding.message, limit: MemberText.longLimit))
        }
        let standard = file.standard.map { standard in
            MemberStandard(review: standard.review.flatMap { Day($0) }, components: components(standard.components),
                           images: (standard.images ?? [:]).values.map { MemberText.name($0) }.sorted())
        }
        return MemberSite(title: MemberText.name(file.title ?? ""), built: built, baseURL: file.base_url.flatMap(MemberText.baseURL),
                          services: services, findings: findings, standard: standard)
    }

    /// Checks nesting and schema before decoding the whole file.
    static func decode<T: Decodable>(_ type: T.Type, _ data: Data, name: String) throws(Problem) -> T {
        do {
            try JSONNesting.check(data, file: name)
        } catch {
            throw Problem("\(name): \(error.message)")
        }
        let decoder = JSONDecoder()
        let version: SchemaOnly
        do {
            version = try decoder.decode(SchemaOnly.self, from: data)
        } catch {
            throw Problem("\(name) is not a Shortpath data file: \(describe(error))")
        }
        guard version.schema == schema else {
            throw Problem("\(name) has schema \(version.schema.map(String.init) ?? "none"); this Shortpath reads schema \(schema)")
        }
        do {
            return try decoder.decode(type, from: data)
        } catch {
            throw Problem("\(name): \(describe(error))")
        }
    }

    static func describe(_ error: Error) -> String {
        guard let error = error as? DecodingError else { return "not valid JSON" }
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
            return keys.isEmpty ? "the top level" : MemberText.name(String(keys.drop { $0 == "." }))
        }
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty: return "not valid JSON"
        case .dataCorrupted(let context): return "a wrong value at \(path(context))"
        case .keyNotFound(let key, let context): return "no '\(MemberText.name(key.stringValue))' at \(path(context))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return "a value of the wrong type at \(path(context))"
        @unknown default: return "not readable"
        }
    }

    static func service(_ s: ServiceEntry) -> MemberService {
        let environments = (s.environments ?? [:]).map { name, environment in
            MemberEnvironment(name: MemberText.name(name), version: environment.version.map(MemberText.name),
                              image: environment.image.map(MemberText.name), digest: environment.digest.map(MemberText.name),
                              deployed: environment.deployed.flatMap { Day($0) }, components: components(environment.components))
        }.sorted { $0.name < $1.name }
        return MemberService(
            slug: MemberText.slug(s.slug), name: MemberText.name(s.name ?? s.slug), description: s.description.map { MemberText.clean($0, limit: MemberText.longLimit) },
            owner: s.owner.map(MemberText.name), isActive: s.status != "retired", onStandardPath: s.on_standard_path ?? false,
            reasons: (s.reasons ?? []).prefix(64).map(MemberText.name), blocksUpdates: s.blocks_updates ?? false,
            baseImage: s.base_image.map(MemberText.name), rebuilt: s.rebuilt.flatMap { Day($0) },
            components: components(s.components), environments: environments,
            exceptions: s.exceptions.map { $0.prefix(256).map { MemberException(component: MemberText.name($0.component), until: $0.until.flatMap { Day($0) }) } })
    }

    static func components(_ map: [String: String]?) -> [MemberComponent] {
        (map ?? [:]).map { MemberComponent(name: MemberText.name($0.key), version: MemberText.name($0.value)) }.sorted { $0.name < $1.name }
    }

    static func severity(_ text: String) -> String {
        ["error", "warning", "info"].contains(text) ? text : "info"
    }

    // The files' layout (README: inventory.json, findings.json).
    struct SchemaOnly: Decodable { var schema: Int? }

    struct InventoryFile: Decodable {
        var today: String
        var title: String?
        var base_url: String?
        var services: [ServiceEntry]
        var standard: StandardEntry?
    }

    struct ServiceEntry: Decodable {
        var slug: String
        var name: String?
        var description: String?
        var owner: String?
        var status: String?
        var on_standard_path: Bool?
        var reasons: [String]?
        var blocks_updates: Bool?
        var base_image: String?
        var rebuilt: String?
        var components: [String: String]?
        var environments: [String: EnvironmentEntry]?
        var exceptions: [ExceptionEntry]?
    }

    struct EnvironmentEntry: Decodable {
        var version: String?
        var image: String?
        var digest: String?
        var deployed: String?
        var components: [String: String]?
    }

    struct ExceptionEntry: Decodable {
        var component: String
        var until: String?
    }

    struct StandardEntry: Decodable {
        var review: String?
        var components: [String: String]?
        var images: [String: String]?
    }

    struct FindingsFile: Decodable {
        var findings: [FindingEntry]
    }

    struct FindingEntry: Decodable {
        var rule: String
        var severity: String
        var service: String?
        var message: String
    }
}

/// How a member's texts are made safe to show: control and direction-changing characters
/// dropped, length limited; slugs and URLs checked.
public enum MemberText {
    public static let nameLimit = 200
    public static let longLimit = 500

    public static func name(_ text: String) -> String { clean(text, limit: nameLimit) }

    public static func clean(_ text: String, limit: Int) -> String {
        var out = String.UnicodeScalarView()
        var count = 0
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x20 || (0x7F...0x9F).contains(value) || (0x200B...0x200F).contains(value) || (0x202A...0x202E).contains(value)
                || (0x2066...0x2069).contains(value) || value == 0xFEFF {
                if value == 0x0A || value == 0x09 { out.append(" ") }
                continue
            }
            if count == limit {
                out.append("…")
                break
            }
            out.append(scalar)
            count += 1
        }
        return String(String(out).trimmingSpaces)
    }

    /// A slug that is a safe file name (as the loader accepts service file names), else nil.
    public static func slug(_ text: String) -> String? {
        guard (1...100).contains(text.utf8.count),
              text.utf8.allSatisfy({ (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D || $0 == 0x5F || $0 == 0x2E }),
              let first = text.utf8.first, first != 0x2E, first != 0x2D else { return nil }
        return text
    }

    /// An http(s) base URL with no spaces, quotes or angle brackets, ending in `/`; else nil.
    public static func baseURL(_ text: String) -> String? {
        let lowered = text.lowercased()
        guard text.utf8.count <= 500, lowered.hasPrefix("https://") || lowered.hasPrefix("http://"),
              !text.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value >= 0x7F || "\"'<>\\`".unicodeScalars.contains($0) }) else { return nil }
        return text.hasSuffix("/") ? text : text + "/"
    }
}
