import Dispatch
import Foundation

/// Calls back when a file under the watched folders changes: inotify on Linux (new folders
/// are watched as they appear), polling the files' stamps elsewhere or when inotify fails.
/// A burst of events (an editor's save) is folded into one call after `settle`.
final class Watcher: @unchecked Sendable {
    private let folders: [URL]
    private let settle: DispatchTimeInterval
    private let queue = DispatchQueue(label: "shortpath.watcher")
    private let onChange: @Sendable () -> Void
    private var source: DispatchSourceRead?
    private var timer: DispatchSourceTimer?
    private var pending = false
    private var descriptor: Int32 = -1
    private var lastStamps: [String: Int] = [:]
    private(set) var usesPolling = false

    init(folders: [URL], settle: DispatchTimeInterval = .milliseconds(10), onChange: @escaping @Sendable () -> Void) {
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

    private func changed() {
        guard !pending else { return }
        pending = true
        queue.asyncAfter(deadline: .now() + settle) { [self] in
            pending = false
            onChange()
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
        guard inotify_add_watch(descriptor, folder.path, mask) >= 0 else { return }
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isDirectoryKey]) else { return }
        for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true {
            _ = inotify_add_watch(descriptor, url.path, mask)
        }
    }

    private func drain() {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var sawEvent = false, sawFolder = false
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            sawEvent = true
            // struct inotify_event { int wd; uint32_t mask, cookie, len; char name[len]; }
            var offset = 0
            while offset + 16 <= count {
                let mask = buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self) }
                let length = buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self) }
                if mask & UInt32(IN_ISDIR) != 0 { sawFolder = true }
                offset += 16 + Int(length)
            }
        }
        // A new folder appeared: watch it too (adding a watch twice is harmless).
        if sawFolder { for folder in folders { watchTree(folder) } }
        if sawEvent { changed() }
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
                lastStamps = now
                changed()
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
                result[path] = Int(modified * 1000) &+ size
            }
        }
        return result
    }
}
