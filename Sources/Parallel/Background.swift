import Foundation

/// One piece of work run on a thread of its own while the caller goes on; `value()` waits for
/// it. With `SHORTPATH_JOBS=1` it runs at once, on the caller's thread.
public final class Background<Value: Sendable>: Sendable {
    private let result = Handoff<Result<Value, any Error>>()

    public init(_ work: @escaping @Sendable () throws -> Value) {
        if Workers.sequential {
            result.hand(Result(catching: work))
        } else {
            Thread.detachNewThread { [result] in result.hand(Result(catching: work)) }
        }
    }

    /// The work's result, or the error it threw; waits until it is done.
    public func value() throws -> Value { try result.value.get() }
}
