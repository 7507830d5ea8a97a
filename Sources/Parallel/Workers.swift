import Dispatch
import Foundation

/// Work shared out over the cores: parsing, analysis and rendering each call `forEach`.
/// `SHORTPATH_JOBS=1` in the environment runs all of it on one thread, in order, which is how
/// the tests prove that the parallel build writes the same bytes as the sequential one.
public enum Workers {
    public static let sequential = ProcessInfo.processInfo.environment["SHORTPATH_JOBS"] == "1"

    public static func forEach(_ count: Int, _ body: @Sendable (Int) -> Void) {
        if sequential {
            for index in 0..<count { body(index) }
        } else {
            DispatchQueue.concurrentPerform(iterations: count, execute: body)
        }
    }

    /// Runs two independent pieces of work at once (in order with `SHORTPATH_JOBS=1`) and
    /// returns both results.
    public static func both<A: Sendable, B: Sendable>(_ first: @Sendable () -> A, _ second: @Sendable () -> B) -> (A, B) {
        let firstResult = ConcurrentSlots<A>(count: 1), secondResult = ConcurrentSlots<B>(count: 1)
        forEach(2) { index in
            if index == 0 { firstResult[0] = first() } else { secondResult[0] = second() }
        }
        return (firstResult[0]!, secondResult[0]!)
    }
}
