import Foundation
import Inventory
import Site

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let testToday = Day("2026-11-27")!

/// A temporary folder removed at the end of the test.
final class TemporaryFolder: @unchecked Sendable {
    let url: URL

    init() {
        url = FileManager.default.temporaryDirectory.appending(path: "shortpath-org-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func write(_ path: String, _ text: String) {
        let file = url.appending(path: path)
        try! FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! Data(text.utf8).write(to: file)
    }

    func read(_ path: String) -> String {
        (try? String(contentsOf: url.appending(path: path), encoding: .utf8)) ?? ""
    }
}

/// Writes a generated inventory of `count` services (scripts/gen-inventory) under `folder`.
func generateInventory(_ count: Int, seed: Int, into folder: URL) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", repositoryRoot.appending(path: "scripts/gen-inventory").path, String(count), folder.path, "--seed", String(seed)]
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
}

/// Builds the site at `source` into `output` as of the test day.
@discardableResult
func buildSite(_ source: URL, _ output: URL, timeout: TimeInterval = 2) throws -> SiteBuilder.Result {
    try SiteBuilder.build(source: source, output: output, today: testToday, members: .init(timeout: timeout))
}

/// A loopback HTTP server of member sites: each path prefix answers with a folder's files, a
/// status, a body, or nothing for longer than any test's timeout. What a prefix does can be
/// changed between builds. Plain sockets on threads of its own: the builds under test block
/// their threads, and this server must answer whatever Swift's task pool is doing.
final class MemberServer: @unchecked Sendable {
    enum Behaviour: Sendable {
        case folder(URL)
        case status(Int)
        case body(String)
        case hang(seconds: Double)
    }

    private let lock = NSLock()
    private var behaviours: [String: Behaviour] = [:]
    private var listener: Int32 = -1
    private(set) var port = 0

    subscript(prefix: String) -> Behaviour? {
        get { lock.withLock { behaviours[prefix] } }
        set { lock.withLock { behaviours[prefix] = newValue } }
    }

    func url(_ prefix: String) -> String { "http://127.0.0.1:\(port)/\(prefix)/" }

    func start() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.listener = listener
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard bound == 0, listen(listener, 64) == 0 else { throw CocoaError(.fileWriteUnknown) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) } }
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread.detachNewThread { [self] in
            while true {
                let connection = accept(listener, nil, nil)
                if connection < 0 { return }
                Thread.detachNewThread { self.serve(connection) }
            }
        }
    }

    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func serve(_ connection: Int32) {
        defer { close(connection) }
        var request = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !request.contains(UInt8(ascii: "\n")) {
            let count = read(connection, &buffer, buffer.count)
            if count <= 0 { return }
            request += buffer[..<count]
        }
        let line = String(decoding: request.prefix { $0 != UInt8(ascii: "\r") && $0 != UInt8(ascii: "\n") }, as: UTF8.self)
        let path = line.split(separator: " ").dropFirst().first.map(String.init) ?? "/"
        let (status, body) = answer(path)
        let head = "HTTP/1.1 \(status) X\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n"
        let bytes = Array(head.utf8) + body
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if written <= 0 { return }
            offset += written
        }
    }

    func answer(_ path: String) -> (Int, [UInt8]) {
        let parts = path.split(separator: "/", maxSplits: 1).map(String.init)
        guard let prefix = parts.first, let behaviour = self[prefix] else { return (404, []) }
        let rest = parts.count > 1 ? parts[1] : "index.html"
        switch behaviour {
        case .folder(let folder):
            guard !rest.contains(".."), let data = FileManager.default.contents(atPath: folder.appending(path: rest).path) else { return (404, []) }
            return (200, Array(data))
        case .status(let code):
            return (code, [])
        case .body(let text):
            return (200, Array(text.utf8))
        case .hang(let seconds):
            Thread.sleep(forTimeInterval: seconds)
            return (200, Array("{}".utf8))
        }
    }
}
