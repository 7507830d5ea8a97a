import Foundation

/// Fixed slots that concurrent workers fill, each at its own index, for work shared out
/// with `DispatchQueue.concurrentPerform` whose results must keep their order.
public final class ConcurrentSlots<Value>: @unchecked Sendable {
    private var values: [Value?]
    private let lock = NSLock()

    public init(count: Int) { values = Array(repeating: nil, count: count) }

    // Lock and unlock around the access, not `withLock`: a closure captured the value, so a
    // worker's result (a parsed service holds dozens of references) was copied into its slot.
    public subscript(index: Int) -> Value? {
        get {
            lock.lock()
            defer { lock.unlock() }
            return values[index]
        }
        set {
            lock.lock()
            values[index] = newValue
            lock.unlock()
        }
    }

    /// Every slot, in order (nil where a worker left none).
    public var all: [Value?] {
        lock.lock()
        defer { lock.unlock() }
        return values
    }

    /// Every slot, in order, moved out without copying a value: the slots are empty after.
    public func take() -> [Value?] {
        lock.lock()
        defer { lock.unlock() }
        var taken: [Value?] = []
        swap(&taken, &values)
        return taken
    }
}
