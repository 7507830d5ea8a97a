/// Content files as a commit holds them, parsed as a build parses the files on disk: the
/// history read from git (`Sources/History`) uses these instead of reading `content/`.
public enum ContentSnapshot {
    /// What a file under `content/` is to a build.
    public enum Kind: Sendable, Hashable {
        case settings, standards
        /// `content/services/<name>`: the slug is the lowercased name without `.md`.
        case service(slug: String)
        case observed(environment: String)
        case eol(product: String)
    }

    /// What one file gave.
    public enum Parsed: Sendable {
        case settings(SiteSettings)
        case standards(Standards)
        case service(Service)
        case observed(ObservedSnapshot)
        case eol(EOLProduct)
    }

    /// The kind of the file at `path` (relative to the source folder, `content/services/api.md`);
    /// nil for a file a build does not read.
    public static func kind(of path: String) -> Kind? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2, parts[0] == "content", let name = parts.last, !name.hasPrefix(".") else { return nil }
        switch parts.count {
        case 2 where name == "_index.md": return .settings
        case 2 where name == "standards.md": return .standards
        case 3 where parts[1] == "services" && name.hasSuffix(".md") && !name.hasPrefix("_"):
            return .service(slug: String(name.dropLast(3)).lowercased())
        case 3 where parts[1] == "eol" && name.hasSuffix(".json"): return .eol(product: String(name.dropLast(5)))
        case 4 where parts[1] == "observed" && !parts[2].hasPrefix(".") && name.hasSuffix(".json"):
            return .observed(environment: parts[2])
        default: return nil
        }
    }

    /// Parses one file's bytes as a build would; every problem is a located diagnostic.
    public static func parse(_ bytes: [UInt8], path: String, kind: Kind) -> Result<Parsed, ContentErrors> {
        let start = SourceLocation(file: path, line: 1, column: 1)
        if bytes.count > ContentFile.maximumSize {
            return .failure(ContentErrors([Diagnostic(start, "the file is \(bytes.count / 1024) KiB, over the limit of \(ContentFile.maximumSize / 1024) KiB")]))
        }
        do throws(ContentErrors) {
            switch kind {
            case .settings:
                return .success(.settings(try decode(bytes, path) { SettingsSchema.decode($0.root, file: path, body: $0.body, reader: $1) }))
            case .standards:
                return .success(.standards(try decode(bytes, path) { StandardsSchema.decode($0.root, file: path, body: $0.body, reader: $1) }))
            case .service(let slug):
                guard ContentLoader.isUsableSlug(slug) else {
                    throw ContentErrors([ContentLoader.unusableName(String(path.split(separator: "/").last ?? ""), start)])
                }
                return .success(.service(try ContentLoader.parseService(bytes: bytes, path: path, slug: slug).service))
            case .observed(let environment):
                do {
                    return .success(.observed(try ContentLoader.parseObserved(bytes, environment: environment, path: path)))
                } catch {
                    throw ContentErrors([error])
                }
            case .eol(let product):
                do {
                    return .success(.eol(try EOLParser.parse(Data(bytes), product: product, file: path)))
                } catch {
                    throw ContentErrors([error])
                }
            }
        } catch {
            return .failure(error)
        }
    }

    /// The checks a build makes across the service files: two names for one slug (letter case
    /// is ignored), and services with no standard to compare them with.
    public static func crossFileProblems(servicePaths: [String], hasStandards: Bool) -> [Diagnostic] {
        var seen: [String: String] = [:]
        var problems: [Diagnostic] = []
        for path in servicePaths.sorted() {
            guard case .service(let slug)? = kind(of: path) else { continue }
            if let other = seen[slug] {
                problems.append(Diagnostic(SourceLocation(file: path, line: 1, column: 1),
                                           "duplicate service '\(slug)': \(other) has the same name (letter case is ignored)"))
            } else {
                seen[slug] = path
            }
        }
        if !servicePaths.isEmpty && !hasStandards {
            problems.append(Diagnostic(SourceLocation(file: "content/standards.md", line: 1, column: 1),
                                       "no standards file, so no service can be compared with an approved version"))
        }
        return problems
    }

    /// A file cut into YAML and body, then read by its schema; every problem of both.
    private static func decode<Value>(_ bytes: [UInt8], _ path: String,
                                      _ schema: (ContentFile, SchemaReader) -> Value) throws(ContentErrors) -> Value {
        try ContentFile.decode(bytes, path: path, schema).value
    }
}

import struct Foundation.Data
