import Foundation
import Parallel

/// Service files parsed by an earlier run, handed back while a file is unchanged (`serve`
/// keeps one).
public protocol ServiceFileMemory: Sendable {
    /// What parsing the file at `path` gave, if the file did not change since.
    func parsed(at path: String) -> Result<Service, ContentErrors>?
    /// Keeps what parsing the file at `path` gave.
    func remember(_ result: Result<Service, ContentErrors>, at path: String)
}

/// Loads a site's `content/` folder into an `Inventory`, or every problem found in it.
public enum ContentLoader {
    /// Loads `<source>/content`. Throws `ContentErrors` holding every diagnostic of the run.
    public static func load(source: URL, memory: (any ServiceFileMemory)? = nil) throws(ContentErrors) -> Inventory {
        let content = source.appending(path: "content").standardizedFileURL
        var diagnostics: [Diagnostic] = []
        guard FileManager.default.fileExists(atPath: content.path) else {
            throw ContentErrors([Diagnostic(SourceLocation(file: "content", line: 1, column: 1),
                                            "no content folder at \(content.path)",
                                            hint: "run in the folder that holds content/, or pass --source DIR")])
        }

        let settings = readSettings(content, into: &diagnostics)

        let (listing, listingErrors) = serviceFiles(in: content)
        diagnostics += listingErrors

        var standards = Standards()
        if let file = readOptional(content.appending(path: "standards.md"), path: "content/standards.md", content: content, into: &diagnostics) {
            let reader = SchemaReader(file: file.path)
            standards = StandardsSchema.decode(file.root, file: file.path, body: file.body, reader: reader)
            diagnostics += reader.diagnostics
        } else if !listing.isEmpty && !FileManager.default.fileExists(atPath: content.appending(path: "standards.md").path) {
            diagnostics.append(Diagnostic(SourceLocation(file: "content/standards.md", line: 1, column: 1),
                                          "no standards file, so no service can be compared with an approved version",
                                          hint: "create content/standards.md with 'components' and 'images' (see the README)"))
        }

        // Each result moved out of its slot into the list, not copied: a service holds dozens of
        // references, and copying ten thousand of them was a tenth of `check`.
        var parsed = parseServices(listing, memory: memory)
        var services: [Service] = []
        services.reserveCapacity(parsed.count)
        for index in parsed.indices {
            let result = parsed[index].take()!
            do throws(ContentErrors) {
                services.append(try result.get())  // `get` consumes: a `case let` binding copied
            } catch {
                diagnostics += error.diagnostics
            }
        }
        let observed = readObserved(content.appending(path: "observed"), content: content, into: &diagnostics)
        let eol = readEOL(content.appending(path: "eol"), content: content, into: &diagnostics)
        if !diagnostics.isEmpty { throw ContentErrors(diagnostics) }
        return Inventory(settings: settings, standards: standards, services: services, observed: observed, eol: eol)
    }

    /// A service file found in `content/services`.
    struct Listed {
        var slug: String
        /// The file's path on disk.
        var location: String
        /// The path reported in errors: `content/services/<name>`.
        var path: String
        /// The directory listing said it is a regular file (not a link).
        var isRegular = false
    }

    /// The service files, by slug; a slug taken twice (also by case) or one that is not a safe
    /// file name is an error. Reads the folder with readdir, whose entry types spare a system
    /// call per file for all but symbolic links.
    static func serviceFiles(in content: URL) -> ([Listed], [Diagnostic]) {
        let folder = content.appending(path: "services").path
        var entries: [(name: String, type: UInt8)] = []
        guard let directory = opendir(folder) else { return ([], []) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            let type = entry.pointee.d_type
            guard type != UInt8(DT_DIR) else { continue }
            entries.append((name, type))
        }
        closedir(directory)
        entries.sort { $0.name < $1.name }

        var diagnostics: [Diagnostic] = []
        var files: [Listed] = []
        var seen: [String: String] = [:]
        for (name, type) in entries where name.hasSuffix(".md") && !name.hasPrefix(".") && !name.hasPrefix("_") {
            let path = "content/services/\(name)"
            let onDisk = folder + "/" + name
            let slug = String(name.dropLast(3)).lowercased()
            let location = SourceLocation(file: path, line: 1, column: 1)
            guard isUsableSlug(slug) else {
                diagnostics.append(unusableName(name, location))
                continue
            }
            let isLink = type == UInt8(DT_LNK) || type == UInt8(DT_UNKNOWN)
            if isLink, let escape = linkEscape(URL(fileURLWithPath: onDisk), content: content) {
                diagnostics.append(Diagnostic(location, escape))
                continue
            }
            if let kind = isLink ? FileKind.irregular(atPath: onDisk) : FileKind.irregular(directoryEntryType: type) {
                diagnostics.append(FileKind.diagnostic(kind, file: path))
                continue
            }
            if let other = seen[slug] {
                diagnostics.append(Diagnostic(location, "duplicate service '\(slug)': \(other) has the same name (letter case is ignored)",
                                              hint: "rename or merge one of the two files"))
                continue
            }
            seen[slug] = path
            files.append(Listed(slug: slug, location: onDisk, path: path, isRegular: type == UInt8(DT_REG)))
        }
        return (files, diagnostics)
    }

    /// Lowercase letters, digits, '-', '_' and '.', not starting with '.' or '-'.
    static func isUsableSlug(_ slug: String) -> Bool {
        guard let first = slug.utf8.first, first != 0x2E, first != 0x2D else { return false }
        return slug.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D || $0 == 0x5F || $0 == 0x2E }
    }

    static func unusableName(_ name: String, _ location: SourceLocation) -> Diagnostic {
        Diagnostic(location, "'\(name)' is not a usable service file name",
                   hint: "name service files with lowercase letters, digits and '-', like customer-api.md")
    }

    /// A message when `url` is a link that loops or leads outside `content`.
    static func linkEscape(_ url: URL, content: URL) -> String? {
        guard (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) != nil else { return nil }
        guard let resolved = realpath(url.path, nil) else {
            return errno == ELOOP ? "the file is a symbolic link that loops" : "the file is a symbolic link to nothing"
        }
        let target = String(cString: resolved)
        free(resolved)
        var contentPath = content.path
        if let root = realpath(content.path, nil) {
            contentPath = String(cString: root)
            free(root)
        }
        if !target.hasPrefix(contentPath + "/") {
            return "the file is a symbolic link to \(target), outside content/"
        }
        return nil
    }

    /// A content file's bytes: a symbolic link must lead to a file inside `content`, and only
    /// regular files are read.
    static func readInside(_ url: URL, path: String, content: URL) throws(Diagnostic) -> [UInt8] {
        if let escape = linkEscape(url, content: content) { throw Diagnostic(SourceLocation(file: path, line: 1, column: 1), escape) }
        return try ContentFile.readBytes(url.path, path: path)
    }

    /// `content/observed/<environment>/*.json`.
    static func readObserved(_ folder: URL, content: URL, into diagnostics: inout [Diagnostic]) -> [ObservedSnapshot] {
        var snapshots: [ObservedSnapshot] = []
        let fileManager = FileManager.default
        guard let environments = try? fileManager.contentsOfDirectory(atPath: folder.path) else { return [] }
        for environment in environments.sorted() where !environment.hasPrefix(".") {
            let envFolder = folder.appending(path: environment)
            guard let files = try? fileManager.contentsOfDirectory(atPath: envFolder.path) else { continue }
            for name in files.sorted() where name.hasSuffix(".json") && !name.hasPrefix(".") {
                let path = "content/observed/\(environment)/\(name)"
                do {
                    let bytes = try readInside(envFolder.appending(path: name), path: path, content: content)
                    snapshots.append(try parseObserved(bytes, environment: environment, path: path))
                } catch {
                    diagnostics.append(error)
                }
            }
        }
        return snapshots
    }

    /// Parses one observed-state file's bytes as a build would.
    public static func parseObserved(_ bytes: [UInt8], environment: String, path: String) throws(Diagnostic) -> ObservedSnapshot {
        try ObservedParser.parse(Data(bytes), environment: environment, file: path, fileName: String(path.split(separator: "/").last ?? ""))
    }

    /// `content/eol/<product>.json`.
    static func readEOL(_ folder: URL, content: URL, into diagnostics: inout [Diagnostic]) -> [String: EOLProduct] {
        var products: [String: EOLProduct] = [:]
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [:] }
        for name in files.sorted() where name.hasSuffix(".json") && !name.hasPrefix(".") {
            let product = String(name.dropLast(5))
            let path = "content/eol/\(name)"
            do {
                let bytes = try readInside(folder.appending(path: name), path: path, content: content)
                products[product] = try EOLParser.parse(Data(bytes), product: product, file: path)
            } catch {
                diagnostics.append(error)
            }
        }
        return products
    }

    /// The site's settings alone, for work that may start before the services are read; nil
    /// when the content folder or `_index.md` has a problem (`load` reports it).
    public static func settings(source: URL) -> SiteSettings? {
        let content = source.appending(path: "content").standardizedFileURL
        guard FileManager.default.fileExists(atPath: content.path) else { return nil }
        var diagnostics: [Diagnostic] = []
        let settings = readSettings(content, into: &diagnostics)
        return diagnostics.isEmpty ? settings : nil
    }

    /// `content/_index.md`, or the default settings without it.
    private static func readSettings(_ content: URL, into diagnostics: inout [Diagnostic]) -> SiteSettings {
        guard let file = readOptional(content.appending(path: "_index.md"), path: "content/_index.md", content: content, into: &diagnostics) else {
            return SiteSettings()
        }
        let reader = SchemaReader(file: file.path)
        let settings = SettingsSchema.decode(file.root, file: file.path, body: file.body, reader: reader)
        diagnostics += reader.diagnostics
        return settings
    }

    private static func readOptional(_ url: URL, path: String, content: URL, into diagnostics: inout [Diagnostic]) -> ContentFile? {
        guard FileManager.default.fileExists(atPath: url.path) || (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) != nil else { return nil }
        do {
            return try ContentFile.parse(try readInside(url, path: path, content: content), path: path)
        } catch {
            diagnostics.append(error)
            return nil
        }
    }

    /// Parses the service files on every core; results keep the listing's order (every slot
    /// holds one).
    static func parseServices(_ listing: [Listed], memory: (any ServiceFileMemory)? = nil) -> [Result<Service, ContentErrors>?] {
        let results = ConcurrentSlots<Result<Service, ContentErrors>>(count: listing.count)
        Workers.forEach(listing.count) { index in
            let file = listing[index]
            if let known = memory?.parsed(at: file.location) {
                results[index] = known
                return
            }
            let result = parseService(file)
            memory?.remember(result, at: file.location)
            results[index] = result
        }
        return results.take()
    }

    /// Parses one service file's text as a build would, with the YAML tree it came from (for
    /// commands that edit the file in place).
    public static func parseService(text: String, path: String, slug: String) throws(ContentErrors) -> (service: Service, root: YAMLNode?) {
        try parseService(bytes: Array(text.utf8), path: path, slug: slug)
    }

    /// Parses one service file's bytes as a build would: UTF-8, front matter, YAML, schema.
    public static func parseService(bytes: [UInt8], path: String, slug: String) throws(ContentErrors) -> (service: Service, root: YAMLNode?) {
        let (service, file) = try ContentFile.decode(bytes, path: path) {
            ServiceSchema.decode($0.root, slug: slug, file: path, body: $0.body, reader: $1)
        }
        return (service, file.root)
    }

    static func parseService(_ listed: Listed) -> Result<Service, ContentErrors> {
        let (slug, path) = (listed.slug, listed.path)
        do {
            let file = try ContentFile.read(listed.location, path: path, knownRegular: listed.isRegular)
            let reader = SchemaReader(file: path)
            let service = ServiceSchema.decode(file.root, slug: slug, file: path, body: file.body, reader: reader)
            if let service, reader.diagnostics.isEmpty { return .success(service) }
            return .failure(ContentErrors(reader.diagnostics))
        } catch {
            return .failure(ContentErrors([error]))
        }
    }
}
