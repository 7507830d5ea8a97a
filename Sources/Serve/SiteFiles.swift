import Foundation
import Hummingbird

/// Serves the built files: content types by extension, `index.html` for folders, the site's
/// `404.html` with status 404, no listings, and nothing outside the folder (`..`, `%2e%2e`,
/// symbolic links). HTML pages get the live-reload script; nothing of it is in the files.
struct SiteFiles: Sendable {
    let root: URL

    static let types: [String: String] = [
        "html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8", "js": "application/javascript; charset=utf-8",
        "json": "application/json", "csv": "text/csv; charset=utf-8", "svg": "image/svg+xml", "png": "image/png",
        "txt": "text/plain; charset=utf-8",
    ]

    /// The file for a request path, or nil when it is not a file inside the site.
    func file(for requestPath: String) -> URL? {
        guard let decoded = requestPath.removingPercentEncoding, !decoded.contains("\0"), !decoded.contains("\\") else { return nil }
        var parts: [String] = []
        for part in decoded.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." || part.hasPrefix(".") { return nil }
            parts.append(String(part))
        }
        var url = parts.reduce(root) { $0.appending(path: $1) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return nil }
        if isDirectory.boolValue { url = url.appending(path: "index.html") }
        // Symbolic links may not lead out of the folder.
        guard let real = realpath(url.path, nil) else { return nil }
        defer { free(real) }
        guard let rootReal = realpath(root.path, nil) else { return nil }
        defer { free(rootReal) }
        let resolved = String(cString: real), base = String(cString: rootReal)
        guard resolved.hasPrefix(base + "/") else { return nil }
        return URL(fileURLWithPath: resolved)
    }

    func response(for requestPath: String) -> Response {
        if let url = file(for: requestPath), let data = FileManager.default.contents(atPath: url.path) {
            return respond(data, type: url.pathExtension, status: .ok)
        }
        let notFound = FileManager.default.contents(atPath: root.appending(path: "404.html").path) ?? Data("not found\n".utf8)
        return respond(notFound, type: "html", status: .notFound)
    }

    private func respond(_ data: Data, type: String, status: HTTPResponse.Status) -> Response {
        var body = data
        if type == "html" { body = Data(LiveReload.inject(into: String(decoding: data, as: UTF8.self)).utf8) }
        return Response(status: status,
                        headers: [.contentType: Self.types[type] ?? "application/octet-stream", .cacheControl: "no-store",
                                  .init("X-Content-Type-Options")!: "nosniff"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}
