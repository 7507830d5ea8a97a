import Foundation

/// Writes a site so that readers only ever see a whole one, and a failed build changes nothing.
///
/// The site is written into a spare folder beside the output (`.public.shortpath-spare` for
/// `public`) and swapped with the output in one atomic `renameat2(RENAME_EXCHANGE)` once every
/// page is written. The old site becomes the spare, and the next build overwrites its files in
/// place: on ext4, creating thousands of new files and folders costs ten times more than
/// rewriting existing ones. Files the new site no longer has are removed from the spare before
/// the swap. Both folders carry a mark file; a non-empty folder without it is never replaced.
public final class OutputFolder: @unchecked Sendable {
    public static let markName = ".shortpath-output"

    public let destination: URL
    public let staging: URL
    private let fileManager = FileManager.default
    private var createdDirectories: Set<String> = []
    private var writtenFiles: Set<String> = []
    private let lock = NSLock()

    public init(_ destination: URL) throws(OutputError) {
        self.destination = destination.standardizedFileURL
        let parent = self.destination.deletingLastPathComponent()
        staging = parent.appending(path: ".\(self.destination.lastPathComponent).shortpath-spare")
        try Self.checkReplaceable(self.destination)
        try Self.checkReplaceable(staging)
        do {
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
        if entries.allSatisfy({ $0 == ".gitkeep" }) || entries.contains(markName) { return }
        throw OutputError("\(folder.path) is not empty and was not written by shortpath (no \(markName) file); refusing to replace it",
                          hint: "choose an empty or new folder with --output")
    }

    /// Writes one file, creating its folders; `path` is relative and already checked.
    public func write(_ path: String, _ bytes: [UInt8]) throws(OutputError) {
        let result: Result<Void, OutputError> = bytes.withUnsafeBytes { buffer in
            Result { () throws(OutputError) in try write(path, buffer) }
        }
        try result.get()
    }

    /// Writes a text as UTF-8 straight from the string's storage.
    public func write(_ path: String, _ text: String) throws(OutputError) {
        var text = text
        let result: Result<Void, OutputError> = text.withUTF8 { buffer in
            Result { () throws(OutputError) in try write(path, UnsafeRawBufferPointer(buffer)) }
        }
        try result.get()
    }

    /// Plain open/write/close over any old file of the same name: the swap is what makes the
    /// site appear whole, so a file needs no fsync of its own.
    private func write(_ path: String, _ buffer: UnsafeRawBufferPointer) throws(OutputError) {
        let url = staging.appending(path: path)
        let folder = url.deletingLastPathComponent().path
        let isNewFolder = lock.withLock {
            writtenFiles.insert(path)
            return createdDirectories.insert(folder).inserted
        }
        if isNewFolder {
            do {
                try fileManager.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw OutputError("cannot create the folder for \(path): \(error.localizedDescription)")
            }
        }
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw OutputError("cannot write \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var offset = 0
        while offset < buffer.count {
            let count = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if count < 0 {
                if errno == EINTR { continue }
                throw OutputError("cannot write \(path): \(String(cString: strerror(errno)))")
            }
            offset += count
        }
    }

    /// Removes what the new site does not have, marks it, and swaps it with the output.
    public func commit() throws(OutputError) {
        do {
            if fileManager.fileExists(atPath: destination.appending(path: ".gitkeep").path) {
                // A placeholder kept in git (public/.gitkeep) survives the swap.
                try write(".gitkeep", [UInt8]())
            }
            try write(Self.markName, Array("This folder was written by shortpath build; it is replaced whole on every build.\n".utf8))
            try prune()
            try Self.checkReplaceable(destination)
            if fileManager.fileExists(atPath: destination.path) {
                try exchange(staging, destination)
            } else {
                try fileManager.moveItem(at: staging, to: destination)
            }
        } catch let error as OutputError {
            throw error
        } catch {
            throw OutputError("cannot put the new site in place at \(destination.path): \(error.localizedDescription)")
        }
    }

    /// Removes the unfinished site; the output is untouched.
    public func abandon() {
        try? fileManager.removeItem(at: staging)
    }

    /// Deletes files of an earlier site that this build did not write, and folders left empty.
    private func prune() throws {
        let written = lock.withLock { writtenFiles }
        var folders: [String] = []
        guard let walker = fileManager.enumerator(atPath: staging.path) else { return }
        while let path = walker.nextObject() as? String {
            let type = walker.fileAttributes?[.type] as? FileAttributeType
            if type == .typeDirectory {
                folders.append(path)
            } else if !written.contains(path) {
                try fileManager.removeItem(at: staging.appending(path: path))
            }
        }
        for folder in folders.reversed() where (try? fileManager.contentsOfDirectory(atPath: staging.appending(path: folder).path))?.isEmpty == true {
            try fileManager.removeItem(at: staging.appending(path: folder))
        }
    }

    /// Swaps two folders in one step where the system can (`renameat2` on Linux), else in three renames.
    private func exchange(_ a: URL, _ b: URL) throws {
        if let renameat2 = Self.renameat2, renameat2(AT_FDCWD, a.path, AT_FDCWD, b.path, 2 /* RENAME_EXCHANGE */) == 0 {
            return
        }
        let aside = b.deletingLastPathComponent().appending(path: ".\(b.lastPathComponent).shortpath-swap-\(getpid())")
        try fileManager.moveItem(at: b, to: aside)
        do {
            try fileManager.moveItem(at: a, to: b)
        } catch {
            try? fileManager.moveItem(at: aside, to: b)
            throw error
        }
        try fileManager.moveItem(at: aside, to: a)
    }

    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

    /// glibc's `renameat2`, which Swift's Glibc module does not import.
    private static let renameat2: RenameAt2? = {
        #if os(Linux)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: RenameAt2.self)
        #else
        return nil
        #endif
    }()
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
