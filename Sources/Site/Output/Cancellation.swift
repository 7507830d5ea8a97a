import Foundation

/// Set when the user interrupts a build (SIGINT, SIGTERM): page jobs stop, the unfinished
/// site stays in the spare folder (the next build rewrites it), and the output stays as it was.
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

    /// Set once the new site starts to replace the old one: past this point the build finishes.
    private var swapping = false

    /// Called right before the swap: throws `Interrupted` if cancelled, else from now on an
    /// interrupt no longer stops the build.
    public func beginSwap() throws(Interrupted) {
        lock.lock()
        defer { lock.unlock() }
        if cancelled { throw Interrupted(signal: signal) }
        swapping = true
    }

    /// Runs `end` (which ends the process) unless the swap has begun; the swap cannot begin
    /// while `end` runs. Returns false when the swap has begun.
    public func endUnlessSwapping(_ end: () -> Void) -> Bool {
        lock.withLock {
            if swapping { return false }
            end()
            return true
        }
    }

    /// Throws `Interrupted` once cancelled.
    func check() throws(Interrupted) {
        if isCancelled { throw Interrupted(signal: signal) }
    }
}

/// The build stopped because it was interrupted; nothing was changed.
public struct Interrupted: Error, Sendable {
    public var signal: Int32
}
