import Analysis
import Parallel

/// The history from git as the pages take it, possibly still being read on another thread:
/// the services' changes come first (a service page waits for those only), the whole history
/// (the points the progress page charts) when every point is judged.
final class PendingHistory: Sendable {
    private let changes = Handoff<[String: [TimelineEntry]]>()
    private let whole = Handoff<SiteHistory>()
    /// What the history was read from, kept as long as the pages (`shortpath build` exits
    /// without freeing it).
    private let leftovers = Handoff<any Sendable>()

    init() {}

    /// A history read already.
    init(_ history: SiteHistory) { publish(history) }

    /// Each service's changes, before the points are judged.
    func publish(timelines: [String: [TimelineEntry]]) { changes.hand(timelines) }

    /// The whole history; also its changes, when they were not published before.
    func publish(_ history: SiteHistory) {
        changes.hand(history.timelines)
        whole.hand(history)
    }

    /// Keeps what the history was read from until the pages are freed.
    func keep(_ parsed: any Sendable) { leftovers.hand(parsed) }

    /// The services' changes are in.
    var timelinesRead: Bool { changes.isHanded }

    /// The whole history is in (or there is none to read).
    var historyRead: Bool { whole.isHanded }

    /// Each service's changes, newest first, by slug; waits until they are read.
    var timelines: [String: [TimelineEntry]] { changes.value }

    /// The whole history; waits until it is read.
    var history: SiteHistory { whole.value }
}
