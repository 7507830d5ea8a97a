import Analysis
import Foundation
import Hummingbird
import Inventory
import Logging
import Site

/// `shortpath serve`: builds the site into a folder of its own, serves it over HTTP, watches
/// `content/` and `themes/`, rebuilds what a change touches and tells open pages to reload.
public enum DevServer {
    public struct Options: Sendable {
        public var source: URL
        public var today: Day
        public var host: String
        public var port: Int

        public init(source: URL, today: Day, host: String, port: Int) {
            self.source = source
            self.today = today
            self.host = host
            self.port = port
        }
    }

    public static func run(_ options: Options, log: @escaping @Sendable (String) -> Void) async throws {
        let output = FileManager.default.temporaryDirectory.appending(path: "shortpath-serve-\(getpid())")
        defer { try? FileManager.default.removeItem(at: output) }
        let site = LiveSite(source: options.source, output: output, today: options.today)
        let broadcaster = Broadcaster()
        let first = await site.rebuild()
        log(first.errors.isEmpty ? "built the site in \(first.milliseconds) ms" : first.errors.joined(separator: "\n"))

        var folders = [options.source.appending(path: "content")]
        let themes = options.source.appending(path: "themes")
        if FileManager.default.fileExists(atPath: themes.path) { folders.append(themes) }
        let watcher = Watcher(folders: folders) { paths in
            Task {
                let update = await site.rebuild(paths: paths) { early in await broadcaster.publish(Events.json(early)) }
                // Only files a load never reads changed (an editor's backup or swap file).
                if update.paths == [] && update.errors.isEmpty { return }
                await broadcaster.publish(Events.json(update))
                if update.errors.isEmpty {
                    log("rebuilt \(update.paths.map { "\($0.count) pages" } ?? "the whole site") in \(update.milliseconds) ms")
                } else {
                    log(update.errors.joined(separator: "\n"))
                }
            }
        }
        watcher.start()
        if watcher.usesPolling { log("watching by polling every 200 ms (inotify is not available)") }

        let files = SiteFiles(root: output)
        let router = Router()
        router.get("/__shortpath/events") { _, _ -> Response in
            let stream = await broadcaster.subscribe()
            return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
                            body: ResponseBody { writer in
                                try await writer.write(ByteBuffer(string: ": connected\n\n"))
                                for await event in stream { try await writer.write(ByteBuffer(string: "data: \(event)\n\n")) }
                                try await writer.finish(nil)
                            })
        }
        router.get("/__shortpath/errors") { _, _ -> Response in
            let errors = await site.errors
            let body = "[" + errors.map { Events.quote($0) }.joined(separator: ",") + "]"
            return Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
        }
        router.get("/__shortpath/reload.js") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/javascript"], body: ResponseBody(byteBuffer: ByteBuffer(string: LiveReload.script)))
        }
        router.get("/__shortpath/overlay.css") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/css"], body: ResponseBody(byteBuffer: ByteBuffer(string: LiveReload.style)))
        }
        router.get("/**") { request, _ in files.response(for: request.uri.path) }
        router.get("/") { request, _ in files.response(for: request.uri.path) }

        let isLoopback = options.host == "127.0.0.1" || options.host == "::1" || options.host == "localhost"
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: "shortpath"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? options.port
                log("serving http://\(options.host):\(port)/" + (isLoopback ? "" : " on every address of this host: other machines can reach it"))
            },
            logger: Logger(label: "shortpath.serve", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        // Ctrl-C (or SIGTERM) stops at once, open event streams and all, and removes the
        // folder the site was served from.
        let stop: @Sendable (Int32) -> Void = { _ in
            try? FileManager.default.removeItem(at: output)
            log("stopped")
            exit(0)
        }
        var handlers: [DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { stop(number) }
            source.resume()
            handlers.append(source)
        }
        try await app.runService(gracefulShutdownSignals: [])
        _ = (watcher, handlers)
    }
}

enum Events {
    static func json(_ update: LiveSite.Update) -> String {
        let paths = update.paths.map { "[" + $0.map(quote).joined(separator: ",") + "]" } ?? "null"
        return "{\"version\":\(update.version),\"paths\":\(paths),\"errors\":\(update.errors.count)}"
    }

    static func quote(_ text: String) -> String { JSONWriter.quote(text) }
}
