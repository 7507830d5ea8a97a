/// Sends each rebuild to every open browser page (Server-Sent Events).
actor Broadcaster {
    private var clients: [Int: AsyncStream<String>.Continuation] = [:]
    private var next = 0

    func subscribe() -> AsyncStream<String> {
        let (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(8))
        let id = next
        next += 1
        clients[id] = continuation
        continuation.onTermination = { _ in Task { await self.remove(id) } }
        return stream
    }

    private func remove(_ id: Int) { clients[id] = nil }

    func publish(_ event: String) {
        for continuation in clients.values { continuation.yield(event) }
    }

    var count: Int { clients.count }
}
