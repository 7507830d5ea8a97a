import Foundation

/// One content file read from disk and cut into YAML tree and Markdown body.
struct ContentFile {
    var path: String
    var root: YAMLNode?
    var body: String

    /// Files larger than this are refused: an inventory page is a few KiB.
    static let maximumSize = FileLimits.largestContentFile

    /// Reads, checks and parses the file at `location`, reported as `path`. Every problem is a
    /// located diagnostic.
    static func read(_ location: String, path: String, knownRegular: Bool = false) throws(Diagnostic) -> ContentFile {
        try parse(try readBytes(location, path: path, knownRegular: knownRegular), path: path)
    }

    /// Checks and parses a file's bytes: UTF-8, front matter, YAML.
    static func parse(_ bytes: [UInt8], path: String) throws(Diagnostic) -> ContentFile {
        // Read on the bytes: only the body becomes a string (making the whole text one first
        // checked its UTF-8 a second time and copied it).
        try bytes.withUnsafeBufferPointer { (buffer) -> Result<ContentFile, Diagnostic> in
            Result { () throws(Diagnostic) -> ContentFile in
                if let offset = firstInvalidUTF8Offset(buffer) {
                    let (line, column) = lineAndColumn(of: offset, in: buffer)
                    throw Diagnostic(SourceLocation(file: path, line: line, column: column),
                                     "the file is not valid UTF-8 (byte offset \(offset), byte 0x\(String(buffer[offset], radix: 16, uppercase: true)))",
                                     hint: "save the file as UTF-8")
                }
                let parts = try FrontMatter.ranges(bytes: buffer, file: path)
                let root = try YAMLParser.parse(bytes: UnsafeBufferPointer(rebasing: buffer[parts.yaml]), file: path, firstLine: parts.yamlFirstLine)
                return ContentFile(path: path, root: root, body: String(decoding: UnsafeBufferPointer(rebasing: buffer[parts.body]), as: UTF8.self))
            }
        }.get()
    }

    /// The file's bytes with one open, fstat and read: it runs for every service. Anything but a
    /// regular file is refused before it is opened (`lstat`, `stat`), unless the directory
    /// listing already said it is one; the open never blocks, and `fstat` checks again.
    static func readBytes(_ location: String, path: String, knownRegular: Bool = false) throws(Diagnostic) -> [UInt8] {
        let start = SourceLocation(file: path, line: 1, column: 1)
        if !knownRegular, let kind = FileKind.irregular(atPath: location) { throw FileKind.diagnostic(kind, file: path) }
        let descriptor = open(location, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw Diagnostic(start, "cannot read the file: \(describe(errno))") }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw Diagnostic(start, "cannot read the file: \(describe(errno))") }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw FileKind.diagnostic(FileKind.name(of: info.st_mode & S_IFMT), file: path) }
        let size = Int(info.st_size)
        if size > maximumSize {
            throw Diagnostic(start, "the file is \(size / 1024) KiB, over the limit of \(maximumSize / 1024) KiB",
                             hint: "keep a service file to its facts and runbook; link to long documents")
        }
        var bytes = [UInt8](repeating: 0, count: size)
        var filled = 0
        while filled < size {
            let count = bytes.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress! + filled, size - filled) }
            if count < 0 {
                if errno == EINTR { continue }
                throw Diagnostic(start, "cannot read the file: \(describe(errno))")
            }
            if count == 0 { break }
            filled += count
        }
        if filled < size { bytes.removeLast(size - filled) }
        return bytes
    }

    private static func describe(_ code: Int32) -> String {
        switch code {
        case ELOOP: "a symbolic link that loops"
        case ENOENT: "no such file (a broken symbolic link?)"
        case EACCES: "permission denied"
        default: String(cString: strerror(code))
        }
    }
}

extension ContentFile {
    /// A file cut into YAML and body, then read by its schema: the value and the file, or every
    /// problem of both (a schema that gives no value has said why).
    static func decode<Value>(_ bytes: [UInt8], path: String,
                              _ schema: (ContentFile, SchemaReader) -> Value?) throws(ContentErrors) -> (value: Value, file: ContentFile) {
        let file: ContentFile
        do {
            file = try ContentFile.parse(bytes, path: path)
        } catch {
            throw ContentErrors([error])
        }
        let reader = SchemaReader(file: path)
        let value = schema(file, reader)
        if let value, reader.diagnostics.isEmpty { return (value, file) }
        throw ContentErrors(reader.diagnostics)
    }
}
