import Foundation

/// Writes a site into a temporary folder beside the output and swaps it in whole, so a
/// failed build leaves the previous site byte for byte. Refuses to replace a non-empty folder
/// that it did not create (one without its mark file).
public final class OutputFolder: @unchecked Sendable {
    public static let markName = ".shortpath-output"

    public let destination: URL
    public let staging: URL
    private let fileManager = FileManager.default
    private var createdDirectories: Set<String> = []
    private let lock = NSLock()

    public init(_ destination: URL) throws(OutputError) {
        self.destination = destination.standardizedFileURL
        let parent = self.destination.deletingLastPathComponent()
        staging = parent.appending(path: ".\(self.destination.lastPathComponent).shortpath-tmp-\(getpid())")
        try Self.checkReplaceable(self.destination)
        do {
            try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
            if fileManager.fileExists(atPath: staging.path) { try fileManager.removeItem(at: staging) }
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw OutputError("cannot create \(staging.path): \(error.localizedDescription)")
        }
    }

    /// A folder may be replaced when it does not exist, is empty, or carries the mark.
    static func checkReplaceable(_ folder: URL) throws(OutputError) {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: folder.path, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else { throw OutputError("\(folder.path) exists and is not a folder; refusing to replace it") }
        let entries = (try? fm.contentsOfDirectory(atPath: folder.path)) ?? []
        let meaningful = entries.filter { $0 != ".gitkeep" }
        if meaningful.isEmpty || entries.contains(markName) { return }
        throw OutputError("\(folder.path) is not empty and was not written by shortpath (no \(markName) file); refusing to replace it",
                          hint: "choose an empty or new folder with --output")
    }

    /// Writes one file, creating its folders; `path` is relative and already checked.
    public func write(_ path: String, _ bytes: some Collection<UInt8>) throws(OutputError) {
        let url = staging.appending(path: path)
        let folder = url.deletingLastPathComponent().path
        let needsFolder = lock.withLock { createdDirectories.insert(folder).inserted }
        do {
            if needsFolder { try fileManager.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            try Data(bytes).write(to: url)
        } catch {
            throw OutputError("cannot write \(path): \(error.localizedDescription)")
        }
    }

    public func write(_ path: String, _ text: String) throws(OutputError) {
        try write(path, Array(text.utf8))
    }

    /// Swaps the finished site in: the old output is renamed away, the new one renamed into
    /// place, then the old one removed.
    public func commit() throws(OutputError) {
        do {
            try Data("This folder was written by shortpath build; it is replaced whole on every build.\n".utf8)
                .write(to: staging.appending(path: Self.markName))
            try Self.checkReplaceable(destination)
            let old = destination.deletingLastPathComponent().appending(path: ".\(destination.lastPathComponent).shortpath-old-\(getpid())")
            var hadOld = false
            // A placeholder kept in git (public/.gitkeep) survives the swap.
            let keep = destination.appending(path: ".gitkeep")
            if fileManager.fileExists(atPath: keep.path) {
                try fileManager.copyItem(at: keep, to: staging.appending(path: ".gitkeep"))
            }
            if fileManager.fileExists(atPath: destination.path) {
                if fileManager.fileExists(atPath: old.path) { try fileManager.removeItem(at: old) }
                try fileManager.moveItem(at: destination, to: old)
                hadOld = true
            }
            do {
                try fileManager.moveItem(at: staging, to: destination)
            } catch {
                if hadOld { try? fileManager.moveItem(at: old, to: destination) }
                throw error
            }
            if hadOld { try fileManager.removeItem(at: old) }
        } catch let error as OutputError {
            throw error
        } catch {
            throw OutputError("cannot put the new site in place at \(destination.path): \(error.localizedDescription)")
        }
    }

    /// Removes the unfinished site; the previous output is untouched.
    public func abandon() {
        try? fileManager.removeItem(at: staging)
    }
}

public struct OutputError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var hint: String?

    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }

    public var description: String { "error: \(message)" + (hint.map { "\n  hint: \($0)" } ?? "") }
}
