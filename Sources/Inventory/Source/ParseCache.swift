import Foundation

/// Parsed service files kept between builds (for `serve`): a file is parsed again only when
/// its modification time, size or inode changed.
public final class ParseCache: @unchecked Sendable {
    public struct Stamp: Equatable, Sendable {
        var modified: Int
        var size: Int
        var inode: UInt64
    }

    private var entries: [String: (Stamp, Result<Service, ContentErrors>)] = [:]
    private let lock = NSLock()

    public init() {}

    public static func stamp(of path: String) -> Stamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Stamp(modified: Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec), size: Int(info.st_size),
                     inode: UInt64(info.st_ino))
    }

    /// The stamp a file had when it was last parsed.
    public func stamp(forFile path: String) -> Stamp? {
        lock.withLock { entries[path]?.0 }
    }

    func result(for path: String, stamp: Stamp) -> Result<Service, ContentErrors>? {
        lock.withLock {
            guard let (cached, result) = entries[path], cached == stamp else { return nil }
            return result
        }
    }

    func store(_ result: Result<Service, ContentErrors>, for path: String, stamp: Stamp) {
        lock.withLock { entries[path] = (stamp, result) }
    }
}
