import Foundation

/// Fixed slots that concurrent workers fill, each at its own index, for work shared out
/// with `DispatchQueue.concurrentPerform` whose results must keep their order.
public final class ConcurrentSlots<Value>: @unchecked Sendable {
    private var values: [Value?]
    private let lock = NSLock()

    public init(count: Int) { values = Array(repeating: nil, count: count) }

    public subscript(index: Int) -> Value? {
        get { lock.withLock { values[index] } }
        set { lock.withLock { values[index] = newValue } }
    }

    /// Every slot, in order (nil where a worker left none).
    public var all: [Value?] { lock.withLock { values } }
}
