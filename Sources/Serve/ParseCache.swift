import Foundation
import Analysis
import Inventory

/// Parsed service files kept between rebuilds: a file is parsed again only when its
/// modification time, size or inode changed.
final class ParseCache: ServiceFileMemory, @unchecked Sendable {
    private var entries: [String: (FileStamp, Result<Service, ContentErrors>)] = [:]
    /// The stamp each file had when it was last looked up, for the result stored after it.
    private var looked: [String: FileStamp] = [:]
    private let lock = NSLock()

    /// The stamp a file had when it was last parsed.
    func stamp(forFile path: String) -> FileStamp? {
        lock.withLock { entries[path]?.0 }
    }

    func parsed(at path: String) -> Result<Service, ContentErrors>? {
        let stamp = FileStamp(of: path)
        return lock.withLock {
            if let stamp { looked[path] = stamp } else { looked[path] = nil }
            guard let stamp, let (cached, result) = entries[path], cached == stamp else { return nil }
            return result
        }
    }

    func remember(_ result: Result<Service, ContentErrors>, at path: String) {
        lock.withLock {
            if let stamp = looked[path] { entries[path] = (stamp, result) }
        }
    }
}

/// Each service's own findings, kept while its file is unchanged; forgotten whenever an input
/// every service depends on changes (the standard, the settings, observed or end-of-life data).
final class FindingsCache: @unchecked Sendable {
    private var entries: [String: (FileStamp, [Finding])] = [:]
    private let lock = NSLock()

    func forgetAll() { lock.withLock { entries = [:] } }

    /// What one analysis may reuse and keep: findings kept under the stamps its files had.
    func memory(for stamps: [String: FileStamp]) -> some FindingsMemory { Session(cache: self, stamps: stamps) }

    private struct Session: FindingsMemory {
        let cache: FindingsCache
        let stamps: [String: FileStamp]

        func findings(for service: Service) -> [Finding]? {
            guard let stamp = stamps[service.slug] else { return nil }
            return cache.lock.withLock {
                guard let (kept, findings) = cache.entries[service.slug], kept == stamp else { return nil }
                return findings
            }
        }

        func remember(_ findings: [Finding], for service: Service) {
            guard let stamp = stamps[service.slug] else { return }
            cache.lock.withLock { cache.entries[service.slug] = (stamp, findings) }
        }
    }
}

/// A file's modification time, size and inode: changes when the file is saved.
struct FileStamp: Equatable, Sendable {
    var modified: Int
    var size: Int
    var inode: UInt64

    init?(of path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        #if canImport(Glibc)
        modified = Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec)
        #else
        modified = Int(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int(info.st_mtimespec.tv_nsec)
        #endif
        size = Int(info.st_size)
        inode = UInt64(info.st_ino)
    }
}
