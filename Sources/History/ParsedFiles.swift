import Inventory
import Parallel

/// One content file at one blob, parsed. The points and the timelines hold it by reference:
/// a service is a large value, and each copy of it retains every one of its parts.
final class ParsedFile: Sendable {
    let result: Result<ContentSnapshot.Parsed, ContentErrors>
    /// The service, when the file is a service file that loaded.
    let service: Service?
    /// The file's problems, when it did not load (kept apart: matching `result` copied the
    /// service out of it, reference by reference, at each change the walk applies).
    let problems: [Diagnostic]?

    init(_ result: Result<ContentSnapshot.Parsed, ContentErrors>) {
        self.result = result
        if case .success(.service(let service)) = result { self.service = service } else { service = nil }
        if case .failure(let errors) = result { problems = errors.diagnostics } else { problems = nil }
    }
}

/// Every content file of the window, parsed once per path and blob.
struct ParsedFiles: Sendable {
    var results: [String: ParsedFile] = [:]

    static func key(_ path: String, _ blob: String) -> String { path + "\u{0}" + blob }

    subscript(path: String, blob: String) -> ParsedFile? { results[Self.key(path, blob)] }

    /// The file at `blob`, when it is a service that loaded.
    func service(_ path: String, _ blob: String?) -> Service? {
        guard let blob else { return nil }
        return self[path, blob]?.service
    }

    /// Parses every (path, blob) on every core.
    static func parse(_ wanted: [(path: String, blob: String, kind: ContentSnapshot.Kind)], bytes: GitBlobs) -> ParsedFiles {
        let slots = ConcurrentSlots<ParsedFile>(count: wanted.count)
        Workers.forEach(wanted.count) { index in
            let file = wanted[index]
            guard let content = bytes[file.blob] else {
                slots[index] = ParsedFile(.failure(ContentErrors([Diagnostic(SourceLocation(file: file.path, line: 1, column: 1),
                                                                             "the file's blob \(file.blob) is missing from the repository")])))
                return
            }
            slots[index] = ParsedFile(ContentSnapshot.parse(Array(content), path: file.path, kind: file.kind))
        }
        var files = ParsedFiles()
        files.results.reserveCapacity(wanted.count)
        for (index, file) in slots.all.enumerated() { files.results[key(wanted[index].path, wanted[index].blob)] = file }
        return files
    }
}
