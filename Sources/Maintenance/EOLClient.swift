import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// GET requests to the end-of-life API, each bounded by the timeout; redirects are followed.
struct EOLClient: Sendable {
    let session: URLSession

    init(timeout: TimeInterval) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        session = URLSession(configuration: configuration)
    }

    /// The status and body, or why there is none (timeout, refused connection, ...).
    func get(_ url: URL) async -> Result<(Int, Data), EOLAPIv1.Problem> {
        do {
            let (data, response) = try await session.data(from: url)
            return .success(((response as? HTTPURLResponse)?.statusCode ?? 0, data))
        } catch {
            return .failure(EOLAPIv1.Problem((error as NSError).localizedDescription))
        }
    }

    func close() { session.finishTasksAndInvalidate() }
}
