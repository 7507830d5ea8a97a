import Foundation
import Parallel

/// Writes a site so that readers only ever see a whole one, and a failed build changes nothing.
///
/// The site is written into a spare folder beside the output (`.public.shortpath-spare` for
/// `public`) and swapped with the output in one atomic `renameat2(RENAME_EXCHANGE)` once every
/// page is written. The old site becomes the spare, and the next build overwrites its files in
/// place: on ext4, creating thousands of new files and folders costs ten times more than
/// rewriting existing ones. Files the new site no longer has are removed from the spare before
/// the swap: the mark of a whole site lists its files, so only those are looked at (reading
/// every folder of a 1,000-service site cost 50 ms); a spare whose mark has no list (a build
/// was stopped while writing it) is read folder by folder. Both folders carry a mark file; a
/// non-empty folder without it is never replaced.
public final class OutputFolder: @unchecked Sendable {
    public static let markName = ".shortpath-output"

    public let destination: URL
    public let staging: URL
    private let stagingPath: String
    private let fileManager = FileManager.default
    private var createdDirectories: Set<String> = []
    private var writtenFiles: Set<String> = []
    private let lock = NSLock()

    public init(_ destination: URL) throws(OutputError) {
        self.destination = destination.standardizedFileURL
        let parent = self.destination.deletingLastPathComponent()
        staging = parent.appending(path: ".\(self.destination.lastPathComponent).shortpath-spare")
        stagingPath = staging.path
        try Self.checkReplaceable(self.destination)
        try Self.checkReplaceable(staging)
        do {
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw OutputError("cannot create \(staging.path): \(error.localizedDescription)")
        }
        // The files the spare holds, as its mark lists them; then marked again without the
        // list before any page, so a build that is killed leaves a spare the next one may reuse
        // but whose files it must read from the folder.
        previousFiles = Self.listedFiles(inMarkOf: stagingPath)
        try write(Self.markName, Self.markText)
    }

    private static let markText = "This folder was written by shortpath build; it is replaced whole on every build.\n"
    private static let listHeader = "Files:\n"
    /// What the spare folder held when it was put in place, from its mark; nil when unknown.
    private let previousFiles: Set<String>?

    /// The mark of a whole site: the text, then every file, one path per line, sorted.
    private func markWithFiles(_ written: Set<String>) -> String {
        Self.markText + Self.listHeader + written.sorted().map { $0 + "\n" }.joined()
    }

    /// The file list in a folder's mark; nil without one, or if a path in it is not a plain
    /// relative path inside the folder. Read as UTF-8 bytes: splitting the text by `Character`
    /// took 78 M instructions at 1,000 services, on one core before any page was written.
    private static func listedFiles(inMarkOf folder: String) -> Set<String>? {
        guard let data = FileManager.default.contents(atPath: folder + "/" + markName) else { return nil }
        let header = Array((markText + listHeader).utf8)
        return data.withUnsafeBytes { raw -> Set<String>? in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard bytes.count >= header.count, bytes.prefix(header.count).elementsEqual(header) else { return nil }
            var files: Set<String> = []
            var start = header.count
            while start < bytes.count {
                let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
                let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
                start = end + 1
                if line.isEmpty { continue }
                guard isPlainRelative(line), let path = String(validating: line, as: UTF8.self) else { return nil }
                files.insert(path)
            }
            return files
        }
    }

    /// Not absolute, and no part of it empty, `.` or `..`.
    private static func isPlainRelative(_ path: UnsafeBufferPointer<UInt8>) -> Bool {
        for part in path.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false) {
            if part.isEmpty || part.elementsEqual([UInt8(ascii: ".")]) || part.elementsEqual([UInt8(ascii: "."), UInt8(ascii: ".")]) {
                return false
            }
        }
        return true
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
        let file = stagingPath + "/" + path
        let folder = String(file[..<file.utf8.lastIndex(of: UInt8(ascii: "/"))!])
        let isNewFolder = lock.withLock {
            writtenFiles.insert(path)
            return createdDirectories.insert(folder).inserted
        }
        if isNewFolder {
            guard Self.makeFolder(folder) else {
                throw OutputError("cannot create the folder for \(path): \(String(cString: strerror(errno)))")
            }
        }
        // No O_TRUNC: ext4 flushes a file truncated to zero and rewritten as soon as it is
        // closed (auto_da_alloc), which made rewriting the spare folder wait on the disk. The
        // old bytes are overwritten and the rest cut off; a file that already holds exactly
        // these bytes is left alone.
        // Never through a symbolic link someone left in the old site: replace the link instead.
        var descriptor = open(file, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        if descriptor < 0, errno == ELOOP, unlink(file) == 0 {
            descriptor = open(file, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o644)
        }
        guard descriptor >= 0 else { throw OutputError("cannot write \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var info = stat()
        let oldSize = fstat(descriptor, &info) == 0 ? Int(info.st_size) : -1
        if oldSize == buffer.count, Self.holds(descriptor, buffer) { return }
        var offset = 0
        while offset < buffer.count {
            let count = pwrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset, off_t(offset))
            if count < 0 {
                if errno == EINTR { continue }
                throw OutputError("cannot write \(path): \(String(cString: strerror(errno)))")
            }
            offset += count
        }
        if oldSize != buffer.count, ftruncate(descriptor, off_t(buffer.count)) != 0 {
            throw OutputError("cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Makes a folder and any missing parents with mkdir alone: `FileManager.createDirectory`
    /// looked at every component of the path first, a tenth of the writing at 10,000 services.
    /// A folder that is already there (made by another worker meanwhile, too) is fine.
    private static func makeFolder(_ folder: String) -> Bool {
        if mkdir(folder, 0o755) == 0 || errno == EEXIST { return true }
        guard errno == ENOENT, let slash = folder.utf8.lastIndex(of: UInt8(ascii: "/")), slash != folder.utf8.startIndex,
              makeFolder(String(folder[..<slash])) else { return false }
        return mkdir(folder, 0o755) == 0 || errno == EEXIST
    }

    /// Whether the open file's bytes equal `buffer` (its size already matches). Read a piece at a
    /// time: a copy of a data file of tens of megabytes would add as much to the build's peak memory.
    private static func holds(_ descriptor: Int32, _ buffer: UnsafeRawBufferPointer) -> Bool {
        guard buffer.count > 0 else { return true }
        let piece = min(buffer.count, 1 << 16)
        let existing = UnsafeMutableRawBufferPointer.allocate(byteCount: piece, alignment: 16)
        defer { existing.deallocate() }
        var offset = 0
        while offset < buffer.count {
            let count = pread(descriptor, existing.baseAddress!, min(piece, buffer.count - offset), off_t(offset))
            if count < 0, errno == EINTR { continue }
            guard count > 0, memcmp(existing.baseAddress!, buffer.baseAddress! + offset, count) == 0 else { return false }
            offset += count
        }
        return true
    }

    /// Removes what the new site does not have, marks it, and swaps it with the output;
    /// `beforeSwap` may still stop it by throwing.
    public func commit(beforeSwap: () throws -> Void = {}) throws {
        do {
            if fileManager.fileExists(atPath: destination.appending(path: ".gitkeep").path) {
                // A placeholder kept in git (public/.gitkeep) survives the swap.
                try write(".gitkeep", [UInt8]())
            }
            // The mark's sorted list is made on the other core while the old files are pruned:
            // at 10,000 services each took tens of milliseconds, on one core at the very end.
            let written = lock.withLock { writtenFiles }
            let (pruned, mark) = Workers.both({ Result { try self.prune(written) } },
                                              { self.markWithFiles(written) })
            try pruned.get()
            try write(Self.markName, mark)
            try Self.checkReplaceable(destination)
            try beforeSwap()
            if fileManager.fileExists(atPath: destination.path) {
                try exchange(staging, destination)
            } else {
                try fileManager.moveItem(at: staging, to: destination)
            }
        } catch let error as OutputError {
            throw error
        } catch let error as Interrupted {
            throw error
        } catch {
            throw OutputError("cannot put the new site in place at \(destination.path): \(error.localizedDescription)")
        }
    }

    /// Deletes files of an earlier site that this build did not write, and folders that hold
    /// none of its files. One `readdir` per folder the new site keeps; the file type comes
    /// from the directory entry, and a symbolic link is removed, never followed.
    /// When the spare's mark listed its files, only those are looked at: no folder is read.
    private func prune(_ written: Set<String>) throws {
        var written = written
        written.insert(Self.markName)
        // Folders as slices of the paths: no string is made for a folder already kept.
        var keptFolders: Set<Substring> = [""]
        for path in written {
            var folder = Substring(path)
            // By UTF-8 byte: a `Character` search backwards reads grapheme breaks (32 M
            // instructions at 1,000 services, on one core at the end of the build).
            while let slash = folder.utf8.lastIndex(of: UInt8(ascii: "/")) {
                folder = folder[..<slash]
                if !keptFolders.insert(folder).inserted { break }
            }
        }
        guard let previousFiles else {
            return try prune(folder: "", written: written, keptFolders: keptFolders)
        }
        var goneFolders: Set<String> = []
        for path in previousFiles where !written.contains(path) {
            // The topmost folder the new site no longer has goes whole; a file in a kept folder alone.
            var folder = Substring(path), top: Substring?
            while let slash = folder.utf8.lastIndex(of: UInt8(ascii: "/")) {
                folder = folder[..<slash]
                if keptFolders.contains(folder) { break }
                top = folder
            }
            if let top {
                goneFolders.insert(String(top))
            } else if unlink(stagingPath + "/" + path) != 0, errno != ENOENT {
                throw OutputError("cannot remove \(stagingPath)/\(path): \(String(cString: strerror(errno)))")
            }
        }
        for folder in goneFolders.sorted() where fileManager.fileExists(atPath: stagingPath + "/" + folder) {
            try fileManager.removeItem(atPath: stagingPath + "/" + folder)
        }
    }

    private func prune(folder relative: String, written: Set<String>, keptFolders: Set<Substring>) throws {
        let full = relative.isEmpty ? staging.path : staging.path + "/" + relative
        guard let directory = opendir(full) else {
            throw OutputError("cannot read \(full): \(String(cString: strerror(errno)))")
        }
        var entries: [(name: String, isFolder: Bool)] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            var type = Int32(entry.pointee.d_type)
            if type == Int32(DT_UNKNOWN) {
                var info = stat()
                type = lstat(full + "/" + name, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR ? Int32(DT_DIR) : Int32(DT_REG)
            }
            entries.append((name, type == Int32(DT_DIR)))
        }
        closedir(directory)
        for (name, isFolder) in entries {
            let path = relative.isEmpty ? name : relative + "/" + name
            if isFolder {
                if keptFolders.contains(Substring(path)) {
                    try prune(folder: path, written: written, keptFolders: keptFolders)
                } else {
                    try fileManager.removeItem(atPath: full + "/" + name)
                }
            } else if !written.contains(path), unlink(full + "/" + name) != 0, errno != ENOENT {
                throw OutputError("cannot remove \(full)/\(name): \(String(cString: strerror(errno)))")
            }
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
