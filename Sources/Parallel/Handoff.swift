import Dispatch
import Foundation

/// A value one thread hands over once and other threads wait for: the history's parts, the
/// services the history thread needs, a background job's result.
public final class Handoff<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private let handed = DispatchSemaphore(value: 0)
    private var stored: Value?

    public init() {}

    /// Hands the value over; only the first hand counts. Whether this one was the first.
    @discardableResult
    public func hand(_ value: Value) -> Bool {
        let first = lock.withLock {
            guard stored == nil else { return false }
            stored = value
            return true
        }
        if first { handed.signal() }
        return first
    }

    /// Whether the value has been handed over.
    public var isHanded: Bool { lock.withLock { stored != nil } }

    /// The value; waits until it is handed over.
    public var value: Value {
        if let stored = lock.withLock({ stored }) { return stored }
        handed.wait()
        handed.signal()
        return lock.withLock { stored! }
    }
}
