import Analysis
import Dispatch
import Foundation

/// The history from git as the pages take it, possibly still being read on another thread:
/// the services' changes come first (a service page waits for those only), the whole history
/// (the points the progress page charts) when every point is judged.
final class PendingHistory: @unchecked Sendable {
    private let lock = NSLock()
    private let changesRead = DispatchSemaphore(value: 0)
    private let wholeRead = DispatchSemaphore(value: 0)
    private var changes: [String: [TimelineEntry]]?
    private var whole: SiteHistory?

    init() {}

    /// A history read already.
    init(_ history: SiteHistory) { publish(history) }

    /// Each service's changes, before the points are judged.
    func publish(timelines: [String: [TimelineEntry]]) {
        let first = lock.withLock {
            guard changes == nil else { return false }
            changes = timelines
            return true
        }
        if first { changesRead.signal() }
    }

    /// The whole history; also its changes, when they were not published before.
    func publish(_ history: SiteHistory) {
        publish(timelines: history.timelines)
        lock.withLock { whole = history }
        wholeRead.signal()
    }

    /// The services' changes are in.
    var timelinesRead: Bool { lock.withLock { changes != nil } }

    /// The whole history is in (or there is none to read).
    var historyRead: Bool { lock.withLock { whole != nil } }

    /// Each service's changes, newest first, by slug; waits until they are read.
    var timelines: [String: [TimelineEntry]] {
        if let changes = lock.withLock({ changes }) { return changes }
        changesRead.wait()
        changesRead.signal()
        return lock.withLock { changes! }
    }

    /// The whole history; waits until it is read.
    var history: SiteHistory {
        if let whole = lock.withLock({ whole }) { return whole }
        wholeRead.wait()
        wholeRead.signal()
        return lock.withLock { whole! }
    }
}
