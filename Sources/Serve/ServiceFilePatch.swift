import Foundation
import Inventory

/// The inventory of the last whole load, patched as service files are saved: a saved service
/// costs reading that one file, not listing, checking and stamping every file of the site.
/// Only what the watcher names is read. A path that a whole load must judge (a new file, which
/// may clash with another's name, a file that is no longer a regular file, anything outside
/// `content/services`) leaves the patch undone, and the caller loads everything.
struct ServiceFilePatch {
    /// `<source>/content/services/`.
    let folder: String
    let source: URL
    /// The services that parse, sorted by slug; broken ones are left out.
    private(set) var inventory: Inventory
    /// Each listed file's stamp when it was read, by slug.
    private(set) var stamps: [String: FileStamp]
    /// The slug of every file a load lists, by file name (broken files too).
    private var slugs: [String: String]
    /// The errors of the files that do not parse, by file name.
    private var broken: [String: [Diagnostic]] = [:]
    /// The largest file a load reads; a larger one is its error to report.
    static let largestRead = FileLimits.largestContentFile

    enum Outcome {
        /// None of the paths is a file a load lists.
        case unchanged
        case patched
        /// Every content error of the patched content, as a whole load orders them.
        case errors([Diagnostic])
    }

    init(source: URL, inventory: Inventory, stamps: [String: FileStamp]) {
        self.source = source
        folder = source.appending(path: "content/services").path + "/"
        self.inventory = inventory
        self.stamps = stamps
        slugs = Dictionary(uniqueKeysWithValues: inventory.services.map { (String(LiveSite.fileName($0.file)), $0.slug) })
    }

    /// What the saved paths do to a listed service file.
    private enum Edit {
        case saved(name: String, slug: String, stamp: FileStamp, bytes: [UInt8])
        case deleted(name: String, slug: String)
    }

    /// Applies the saved `paths`; nil (and nothing changed) when one of them needs a whole load.
    mutating func apply(_ paths: Set<String>) -> Outcome? {
        var edits: [Edit] = []
        for path in paths.sorted() {
            guard path.hasPrefix(folder) else { return nil }
            let name = String(path.dropFirst(folder.count))
            // What a load never lists (files in subfolders, editor backups, hidden and `_` files) changes nothing.
            guard !name.contains("/"), name.hasSuffix(".md"), !name.hasPrefix("."), !name.hasPrefix("_") else { continue }
            var info = stat()
            let exists = lstat(path, &info) == 0
            guard let slug = slugs[name] else {
                // A file no load listed: new ones need the listing's checks; gone ones change nothing.
                if exists { return nil }
                continue
            }
            if !exists {
                guard errno == ENOENT else { return nil }
                edits.append(.deleted(name: name, slug: slug))
            } else if (info.st_mode & S_IFMT) == S_IFREG, info.st_size <= Self.largestRead, let stamp = FileStamp(of: path),
                      let bytes = FileManager.default.contents(atPath: path) {
                edits.append(.saved(name: name, slug: slug, stamp: stamp, bytes: Array(bytes)))
            } else {
                // Not a regular file, over the loader's size limit or unreadable: a load says why.
                return nil
            }
        }
        guard !edits.isEmpty else { return .unchanged }
        for edit in edits {
            switch edit {
            case .deleted(let name, let slug):
                remove(slug)
                stamps[slug] = nil
                slugs[name] = nil
                broken[name] = nil
            case .saved(let name, let slug, let stamp, let bytes):
                stamps[slug] = stamp
                do {
                    insert(try ContentLoader.parseService(bytes: bytes, path: "content/services/\(name)", slug: slug).service)
                    broken[name] = nil
                } catch {
                    broken[name] = error.diagnostics
                    remove(slug)
                }
            }
        }
        if broken.isEmpty { return .patched }
        return .errors(ContentErrors(broken.values.flatMap { $0 }).diagnostics)
    }

    /// The position of `slug` in the sorted services, or where it goes.
    private func position(of slug: String) -> (index: Int, found: Bool) {
        var low = 0, high = inventory.services.count
        while low < high {
            let middle = (low + high) / 2
            if inventory.services[middle].slug < slug { low = middle + 1 } else { high = middle }
        }
        return (low, low < inventory.services.count && inventory.services[low].slug == slug)
    }

    private mutating func insert(_ service: Service) {
        let (index, found) = position(of: service.slug)
        if found { inventory.services[index] = service } else { inventory.services.insert(service, at: index) }
    }

    private mutating func remove(_ slug: String) {
        let (index, found) = position(of: slug)
        if found { inventory.services.remove(at: index) }
    }
}
