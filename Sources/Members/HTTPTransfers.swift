import Foundation
import Inventory
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// GET requests over one URLSession, each bounded by a timeout and a size limit: a body larger
/// than the limit is cut off as soon as it passes it, not read whole first.
final class HTTPTransfers: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let limit: Int
    private let timeout: TimeInterval
    private let lock = NSLock()
    private var transfers: [Int: Transfer] = [:]
    private var session: URLSession!

    private struct Transfer {
        var data = Data()
        var status = 0
        var failure: String?
        var finish: @Sendable (Result<Data, MemberParser.Problem>) -> Void
    }

    init(timeout: TimeInterval, limit: Int) {
        self.limit = limit
        self.timeout = timeout
        super.init()
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        configuration.httpMaximumConnectionsPerHost = 16
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        session = URLSession(configuration: configuration, delegate: self, delegateQueue: nil)
    }

    /// The bodies of 200 answers, or why there are none, one per URL; all requested at once.
    /// Blocks the calling thread only: the transfers run on the session's own queue.
    func get(_ urls: [URL]) -> [Result<Data, MemberParser.Problem>] {
        let results = Slots(count: urls.count)
        let group = DispatchGroup()
        for (index, url) in urls.enumerated() {
            group.enter()
            start(url) { result in
                results.set(index, result)
                group.leave()
            }
        }
        group.wait()
        return results.all
    }

    private func start(_ url: URL, finish: @escaping @Sendable (Result<Data, MemberParser.Problem>) -> Void) {
        let task = session.dataTask(with: URLRequest(url: url, timeoutInterval: timeout))
        lock.withLock { transfers[task.taskIdentifier] = Transfer(finish: finish) }
        task.resume()
        // The session's own timeouts end a stalled transfer; this ends one that trickles.
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout + 0.5) { [weak self] in
            self?.fail(task, "no complete answer within \(Self.seconds(self?.timeout ?? 0))")
        }
    }

    func close() { session.invalidateAndCancel() }

    private func fail(_ task: URLSessionTask, _ reason: String) {
        let running = lock.withLock { () -> Bool in
            guard transfers[task.taskIdentifier] != nil, transfers[task.taskIdentifier]?.failure == nil else { return false }
            transfers[task.taskIdentifier]?.failure = reason
            return true
        }
        if running { task.cancel() }
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void) {
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        lock.withLock { transfers[dataTask.taskIdentifier]?.status = status }
        if status != 200 {
            fail(dataTask, "HTTP status \(status)")
            completionHandler(.cancel)
        } else if response.expectedContentLength > limit {
            fail(dataTask, "larger than \(Self.size(limit)) (\(Self.size(Int(response.expectedContentLength))))")
            completionHandler(.cancel)
        } else {
            completionHandler(.allow)
        }
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let tooLarge = lock.withLock { () -> Bool in
            guard var transfer = transfers[dataTask.taskIdentifier], transfer.failure == nil else { return false }
            transfer.data.append(data)
            let over = transfer.data.count > limit
            transfers[dataTask.taskIdentifier] = transfer
            return over
        }
        if tooLarge { fail(dataTask, "larger than \(Self.size(limit))") }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        guard let transfer = lock.withLock({ transfers.removeValue(forKey: task.taskIdentifier) }) else { return }
        if let failure = transfer.failure {
            transfer.finish(.failure(MemberParser.Problem(failure)))
        } else if let error {
            transfer.finish(.failure(MemberParser.Problem(describe(error))))
        } else if transfer.status != 200 {
            transfer.finish(.failure(MemberParser.Problem("HTTP status \(transfer.status)")))
        } else {
            transfer.finish(.success(transfer.data))
        }
    }

    private func describe(_ error: Error) -> String {
        let error = error as NSError
        switch error.code {
        case NSURLErrorTimedOut: return "no answer within \(Self.seconds(timeout))"
        case NSURLErrorCannotConnectToHost: return "connection refused"
        case NSURLErrorCannotFindHost: return "unknown host"
        default: return MemberText.name(error.localizedDescription)
        }
    }

    /// One result per request, filled by the session's queue.
    private final class Slots: @unchecked Sendable {
        private let lock = NSLock()
        private var results: [Result<Data, MemberParser.Problem>?]

        init(count: Int) { results = Array(repeating: nil, count: count) }

        func set(_ index: Int, _ result: Result<Data, MemberParser.Problem>) { lock.withLock { results[index] = result } }

        var all: [Result<Data, MemberParser.Problem>] { lock.withLock { results.map { $0! } } }
    }

    static func seconds(_ value: TimeInterval) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }

    static func size(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? "\(bytes >> 20) MiB" : bytes >= 1 << 10 ? "\(bytes >> 10) KiB" : "\(bytes) bytes"
    }
}
