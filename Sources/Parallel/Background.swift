import Dispatch
import Foundation

/// One piece of work run on a thread of its own while the caller goes on; `value()` waits for
/// it. With `SHORTPATH_JOBS=1` it runs at once, on the caller's thread.
public final class Background<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<Value, any Error>?

    public init(_ work: @escaping @Sendable () throws -> Value) {
        if Workers.sequential {
            result = Result(catching: work)
            return
        }
        Thread.detachNewThread { [self] in
            result = Result(catching: work)
            done.signal()
        }
    }

    /// The work's result, or the error it threw; waits until it is done.
    public func value() throws -> Value {
        if !Workers.sequential {
            done.wait()
            done.signal()
        }
        return try result!.get()
    }
}
