import Foundation
import Site

/// SIGINT and SIGTERM end every command within a second, whatever it is doing, with exit code
/// 128 + the signal (130, 143).
///
/// The signal handler only writes the signal's number to a pipe; a thread of its own waits on
/// that pipe, so a signal is acted on even while every worker is busy or blocked in a system
/// call. A command that stops cleanly by itself (`build`) registers with `cooperate`: it gets
/// `gracePeriod` to do so, then the process ends anyway, unless the new site is already being
/// swapped in. Every other command ends at once: none of them leaves a file half-written (they
/// write a temporary file and rename it).
enum InterruptSignals {
    /// How long a cooperating command has to stop by itself. Short: ending the process of a
    /// large build (unmapping a gigabyte) takes a few hundred milliseconds of the second.
    static let gracePeriod: Double = 0.1

    private static let state = State()

    /// Installs the handlers; call once, first thing in `main`.
    static func install() {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        _ = fcntl(ends[1], F_SETFL, fcntl(ends[1], F_GETFL) | O_NONBLOCK)
        signalPipe = ends[1]
        let reader = ends[0]
        let thread = Thread { watch(reader) }
        thread.name = "shortpath-signals"
        thread.start()
        var mask = sigset_t()
        sigemptyset(&mask)
        for number in [SIGINT, SIGTERM] {
            signal(number, forwardSignal)
            sigaddset(&mask, number)
        }
        // A parent may have started this process with the signals blocked (libdispatch blocks
        // them in its threads); threads started from here on inherit the unblocked mask.
        pthread_sigmask(SIG_UNBLOCK, &mask, nil)
    }

    /// Makes the running command stop cleanly through `cancellation` when interrupted;
    /// `message` is printed if it has not stopped within the grace period.
    static func cooperate(_ cancellation: Cancellation, message: String) {
        state.set(cancellation, message: message)
    }

    private static func watch(_ reader: Int32) {
        guard let first = nextSignal(reader, timeout: -1) else { return }
        let (cancellation, message) = state.get()
        guard let cancellation else { end(first, message: "interrupted") }
        cancellation.cancel(signal: first)
        // A second signal, or the grace period running out, ends the process: unless the swap
        // has begun, then the build finishes by itself in a moment.
        _ = nextSignal(reader, timeout: Int32(gracePeriod * 1000))
        while !cancellation.endUnlessSwapping({ end(first, message: message) }) {
            _ = nextSignal(reader, timeout: 100)
        }
    }

    /// The next signal number from the pipe, or nil when `timeout` milliseconds pass (-1: none).
    private static func nextSignal(_ reader: Int32, timeout: Int32) -> Int32? {
        var poller = pollfd(fd: reader, events: Int16(POLLIN), revents: 0)
        while true {
            let ready = poll(&poller, 1, timeout)
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0 else { return nil }
            var byte: UInt8 = 0
            let count = read(reader, &byte, 1)
            if count < 0 && errno == EINTR { continue }
            return count == 1 ? Int32(byte) : nil
        }
    }

    /// Prints `message` unless standard error is a pipe that nobody reads (the command may
    /// be blocked writing to it), and ends the process.
    private static func end(_ signal: Int32, message: String) -> Never {
        var poller = pollfd(fd: STDERR_FILENO, events: Int16(POLLOUT), revents: 0)
        if poll(&poller, 1, 0) == 1 && poller.revents & Int16(POLLOUT) != 0 {
            let line = Array((message + "\n").utf8)
            _ = line.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
        }
        _exit(128 + signal)
    }

    private final class State: @unchecked Sendable {
        private let lock = NSLock()
        private var cancellation: Cancellation?
        private var message = "interrupted"

        func set(_ cancellation: Cancellation, message: String) {
            lock.withLock { (self.cancellation, self.message) = (cancellation, message) }
        }

        func get() -> (Cancellation?, String) { lock.withLock { (cancellation, message) } }
    }
}

/// The pipe's write end, set before the handlers are installed.
nonisolated(unsafe) private var signalPipe: Int32 = -1

/// The signal handler: async-signal-safe, it only writes the number to the pipe.
private func forwardSignal(_ number: Int32) {
    var byte = UInt8(truncatingIfNeeded: number)
    _ = write(signalPipe, &byte, 1)
}
