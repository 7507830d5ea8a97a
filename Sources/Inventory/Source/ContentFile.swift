import Foundation

/// One content file read from disk and cut into YAML tree and Markdown body.
struct ContentFile {
    var path: String
    var root: YAMLNode?
    var body: String

    /// Files larger than this are refused: an inventory page is a few KiB.
    static let maximumSize = 1 << 20

    /// Reads, checks and parses `url`, reported as `path`. Every problem is a located diagnostic.
    static func read(_ url: URL, path: String) throws(Diagnostic) -> ContentFile {
        let start = SourceLocation(file: path, line: 1, column: 1)
        let data: Data
        let loaded = Result { () throws -> Data in
            let size = (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
            if size > maximumSize {
                throw Diagnostic(start, "the file is \(size / 1024) KiB, over the limit of \(maximumSize / 1024) KiB",
                                 hint: "keep a service file to its facts and runbook; link to long documents")
            }
            return try Data(contentsOf: url)
        }
        switch loaded {
        case .success(let bytes): data = bytes
        case .failure(let diagnostic as Diagnostic): throw diagnostic
        case .failure(let error): throw Diagnostic(start, "cannot read the file: \(describe(error))")
        }
        let decoded: Result<String, Diagnostic> = data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            if let offset = firstInvalidUTF8Offset(bytes) {
                let (line, column) = lineAndColumn(of: offset, in: bytes)
                return .failure(Diagnostic(SourceLocation(file: path, line: line, column: column),
                                 "the file is not valid UTF-8 (byte offset \(offset), byte 0x\(String(bytes[offset], radix: 16, uppercase: true)))",
                                 hint: "save the file as UTF-8"))
            }
            return .success(String(decoding: bytes, as: UTF8.self))
        }
        let text = try decoded.get()
        let split = try FrontMatter.split(text, file: path)
        let root = try YAMLParser.parse(split.yaml, file: path, firstLine: split.yamlFirstLine)
        return ContentFile(path: path, root: root, body: split.body)
    }

    private static func describe(_ error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if nsError.domain == NSCocoaErrorDomain {
            switch nsError.code {
            case NSFileReadNoPermissionError: return "permission denied"
            case NSFileReadNoSuchFileError: return "no such file (a broken or looping link?)"
            default: break
            }
        }
        return nsError.localizedDescription
    }
}
