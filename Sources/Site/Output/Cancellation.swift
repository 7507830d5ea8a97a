import Foundation

/// Set when the user interrupts a build (SIGINT, SIGTERM): page jobs stop, the unfinished
/// site is removed, and the output stays as it was.
public final class Cancellation: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false
    public private(set) var signal: Int32 = 0

    public init() {}

    public func cancel(signal: Int32 = SIGINT) {
        lock.withLock {
            if !cancelled { self.signal = signal }
            cancelled = true
        }
    }

    public var isCancelled: Bool { lock.withLock { cancelled } }

    /// Throws `Interrupted` once cancelled.
    func check() throws(Interrupted) {
        if isCancelled { throw Interrupted(signal: signal) }
    }
}

/// The build stopped because it was interrupted; nothing was changed.
public struct Interrupted: Error, Sendable {
    public var signal: Int32
}
