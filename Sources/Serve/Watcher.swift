import Dispatch
import Foundation

/// Calls back when a file under the watched folders changes: inotify on Linux (new folders
/// are watched as they appear), polling the files' stamps elsewhere or when inotify fails.
/// A burst of events (an editor's save) is folded into one call after `settle`, with the
/// paths that changed (nil when they are not known: inotify's queue overflowed).
final class Watcher: @unchecked Sendable {
    private let folders: [URL]
    private let settle: DispatchTimeInterval
    private let queue = DispatchQueue(label: "shortpath.watcher")
    private let onChange: @Sendable (Set<String>?) -> Void
    private var source: DispatchSourceRead?
    private var timer: DispatchSourceTimer?
    private var pending = false
    /// The paths changed since the last call; nil once one is unknown.
    private var paths: Set<String>? = []
    /// Each inotify watch's folder.
    private var watched: [Int32: String] = [:]
    private var descriptor: Int32 = -1
    private var lastStamps: [String: Int] = [:]
    private(set) var usesPolling = false

    init(folders: [URL], settle: DispatchTimeInterval = .milliseconds(3), onChange: @escaping @Sendable (Set<String>?) -> Void) {
        self.folders = folders
        self.settle = settle
        self.onChange = onChange
    }

    func start() {
        queue.sync {
            #if os(Linux)
            if startInotify() { return }
            #endif
            startPolling()
        }
    }

    private func changed(_ changed: Set<String>?) {
        if let changed, let known = paths { paths = known.union(changed) } else { paths = nil }
        guard !pending else { return }
        pending = true
        queue.asyncAfter(deadline: .now() + settle) { [self] in
            pending = false
            let reported = paths
            paths = []
            onChange(reported)
        }
    }

    #if os(Linux)
    private func startInotify() -> Bool {
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { return false }
        for folder in folders { watchTree(folder) }
        let source = DispatchSource.makeReadSource(fileDescriptor: descriptor, queue: queue)
        source.setEventHandler { [self] in drain() }
        source.resume()
        self.source = source
        return true
    }

    private func watchTree(_ folder: URL) {
        let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_ATTRIB)
        let root = folder.path
        let top = inotify_add_watch(descriptor, root, mask)
        guard top >= 0 else { return }
        watched[top] = root
        guard let walker = FileManager.default.enumerator(atPath: root) else { return }
        while let path = walker.nextObject() as? String {
            guard walker.fileAttributes?[.type] as? FileAttributeType == .typeDirectory else { continue }
            let watch = inotify_add_watch(descriptor, root + "/" + path, mask)
            if watch >= 0 { watched[watch] = root + "/" + path }
        }
    }

    private func drain() {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var sawEvent = false, sawFolder = false
        var changed: Set<String>? = []
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            sawEvent = true
            // struct inotify_event { int wd; uint32_t mask, cookie, len; char name[len]; }
            var offset = 0
            while offset + 16 <= count {
                let watch = buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: Int32.self) }
                let mask = buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self) }
                let length = Int(buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self) })
                if mask & UInt32(IN_ISDIR) != 0 { sawFolder = true }
                // The name is padded with zero bytes; an event on a watched folder itself has none.
                let name = String(decoding: buffer[(offset + 16)..<min(offset + 16 + length, count)].prefix { $0 != 0 }, as: UTF8.self)
                if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                    changed = nil
                } else if let folder = watched[watch] {
                    changed?.insert(name.isEmpty ? folder : folder + "/" + name)
                } else {
                    changed = nil
                }
                offset += 16 + length
            }
        }
        // A new folder appeared: watch it too (adding a watch twice is harmless).
        if sawFolder { for folder in folders { watchTree(folder) } }
        if sawEvent { self.changed(changed) }
    }
    #endif

    private func startPolling() {
        usesPolling = true
        lastStamps = stamps()
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + .milliseconds(200), repeating: .milliseconds(200))
        timer.setEventHandler { [self] in
            let now = stamps()
            if now != lastStamps {
                let paths = Set(now.keys).union(lastStamps.keys).filter { now[$0] != lastStamps[$0] }
                lastStamps = now
                changed(paths)
            }
        }
        timer.resume()
        self.timer = timer
    }

    private func stamps() -> [String: Int] {
        var result: [String: Int] = [:]
        for folder in folders {
            guard let walker = FileManager.default.enumerator(atPath: folder.path) else { continue }
            while let path = walker.nextObject() as? String {
                let attributes = walker.fileAttributes
                let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
                let size = attributes?[.size] as? Int ?? 0
                result[folder.path + "/" + path] = Int(modified * 1000) &+ size
            }
        }
        return result
    }
}
