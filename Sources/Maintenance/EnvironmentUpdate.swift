import Foundation
import Inventory

/// What `record --to` changes besides the rollout entry: the environment's `version`, and
/// `image` and `digest` when given; the image and digest it replaces become
/// `rollback.previous_image`. Every other byte of the file stays as it was.
public struct EnvironmentUpdate: Sendable {
    public var environment: String
    public var version: String
    public var image: String?
    public var digest: String?

    public init(environment: String = "production", version: String, image: String? = nil, digest: String? = nil) {
        self.environment = environment
        self.version = version
        self.image = image
        self.digest = digest
    }

    /// One change to the text: a scalar replaced, or a `key: value` added to a mapping.
    struct Edit {
        var line: Int
        var column: Int
        /// Characters of the line replaced from `column` on (0 to insert).
        var length: Int
        var text: String
        /// Whole lines inserted before `line` instead of an in-line edit.
        var insertedLines: [String]? = nil
    }

    /// The file's text with the environment updated, and what was done, one line each.
    public func apply(to text: String, path: String, slug: String) throws -> (text: String, notes: [String]) {
        let (service, root) = try ContentLoader.parseService(text: text, path: path, slug: slug)
        guard let environment = service.environment(environment) else {
            throw RolloutRecorder.Failure(message: "\(path): \(service.name) lists no environment '\(environment)'; add it, or pass --env")
        }
        guard case .mapping(let pairs)? = root?.kind,
              let environments = pairs.first(where: { $0.key.scalar == "environments" })?.value,
              case .mapping(let named) = environments.kind,
              let node = named.first(where: { $0.key.scalar == self.environment })?.value else {
            throw RolloutRecorder.Failure(message: "\(path): cannot find environments.\(self.environment) in the front matter")
        }
        var lines = RolloutRecorder.splitLines(text)
        let lineEnd = text.contains("\r\n") ? "\r\n" : "\n"
        var edits: [Edit] = []
        var notes: [String] = []
        try set("version", to: version, in: node, lines: lines, lineEnd: lineEnd, into: &edits)
        notes.append("\(self.environment) version: \(environment.version?.value ?? "none") → \(version)")
        let oldImage = environment.image?.value
        let oldDigest = environment.digest?.value ?? environment.image?.reference.digest
        if let image, image != oldImage {
            try set("image", to: image, in: node, lines: lines, lineEnd: lineEnd, into: &edits)
            notes.append("\(self.environment) image: \(oldImage ?? "none") → \(image)")
        }
        if let digest, digest != environment.digest?.value {
            try set("digest", to: digest, in: node, lines: lines, lineEnd: lineEnd, into: &edits)
            notes.append("\(self.environment) digest: \(environment.digest?.value ?? "none") → \(digest)")
        }
        let replaced = (image != nil && image != oldImage) || (digest != nil && digest != oldDigest)
        if replaced, let oldImage {
            let previous = oldImage.contains("@") || oldDigest == nil ? oldImage : "\(oldImage)@\(oldDigest!)"
            if let rollback = pairs.first(where: { $0.key.scalar == "rollback" })?.value, case .mapping = rollback.kind {
                try set("previous_image", to: previous, in: rollback, lines: lines, lineEnd: lineEnd, into: &edits)
                notes.append("rollback target: \(service.rollback?.previousImage?.value ?? "none") → \(previous)")
            } else {
                notes.append("no rollback section to name \(previous) in; add one")
            }
        } else if image == nil {
            notes.append("\(self.environment) image stays \(oldImage ?? "unset"): pass --image (and --digest) when the image changed")
        }
        // From the end of the file to its start, so earlier positions stay valid.
        for edit in edits.sorted(by: { ($0.line, $0.column) > ($1.line, $1.column) }) {
            if let inserted = edit.insertedLines {
                lines.insert(contentsOf: inserted, at: edit.line - 1)
            } else {
                var characters = Array(lines[edit.line - 1])
                characters.replaceSubrange(edit.column - 1..<edit.column - 1 + edit.length, with: Array(edit.text))
                lines[edit.line - 1] = String(characters)
            }
        }
        return (lines.joined(), notes)
    }

    /// Replaces the value of `key` in `mapping`, or adds `key: value` to it.
    func set(_ key: String, to value: String, in mapping: YAMLNode, lines: [String], lineEnd: String, into edits: inout [Edit]) throws {
        guard case .mapping(let pairs) = mapping.kind else { return }
        if let pair = pairs.first(where: { $0.key.scalar == key }) {
            let node = pair.value
            guard node.scalar != nil, node.endLine == node.line else {
                throw RolloutRecorder.Failure(message: "line \(node.line): '\(key)' is not a one-line value; edit it by hand")
            }
            if node.isNull && node.scalar == "" {
                // `key:` with nothing after it: the value goes after the colon.
                let keyEnd = pair.key.column - 1 + key.count
                edits.append(Edit(line: pair.key.line, column: keyEnd + 2, length: 0, text: " " + quoted(value)))
                return
            }
            let line = Array(lines[node.line - 1])
            let length = Self.scalarLength(line, from: node.column - 1, flow: mapping.flowClose != nil)
            let wasPlain = node.column - 1 < line.count && line[node.column - 1] != "\"" && line[node.column - 1] != "'"
            edits.append(Edit(line: node.line, column: node.column, length: length, text: Self.written(value, plain: wasPlain)))
        } else if let close = mapping.flowClose {
            let line = Array(lines[close.line - 1])
            let spaced = close.column >= 2 && close.column - 2 < line.count && line[close.column - 2] == " "
            let column = spaced ? close.column - 1 : close.column
            edits.append(Edit(line: close.line, column: column, length: 0,
                              text: (pairs.isEmpty ? "" : ", ") + "\(key): \(Self.written(value, plain: true))" + (spaced ? "" : " ")))
        } else if let first = pairs.first {
            let indent = String(repeating: " ", count: first.key.column - 1)
            let after = pairs.map(\.value.endLine).max() ?? first.key.line
            edits.append(Edit(line: after + 1, column: 1, length: 0, text: "",
                              insertedLines: [indent + "\(key): \(Self.written(value, plain: key != "version"))" + lineEnd]))
        }
    }

    /// The value as YAML: plain when the old one was and the text needs no quotes (an image,
    /// a digest), else double-quoted.
    static func written(_ value: String, plain: Bool) -> String {
        let safe = !value.isEmpty && value.unicodeScalars.allSatisfy { scalar in
            scalar.properties.isASCIIHexDigit || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
                || "._/:@+-".unicodeScalars.contains(scalar)
        } && !"-:@".unicodeScalars.contains(value.unicodeScalars.first!) && !value.hasSuffix(":")
        return plain && safe ? value : quoted(value)
    }

    /// How many characters the scalar at `start` spans: a quoted one to its closing quote, a
    /// plain one to a comment, the line's end, or (in a flow mapping) a `,` or `}`.
    static func scalarLength(_ line: [Character], from start: Int, flow: Bool) -> Int {
        guard start < line.count else { return 0 }
        var index = start
        if line[start] == "\"" || line[start] == "'" {
            let quote = line[start]
            index += 1
            while index < line.count {
                if quote == "\"" && line[index] == "\\" { index += 2; continue }
                if line[index] == quote {
                    if quote == "'" && index + 1 < line.count && line[index + 1] == "'" { index += 2; continue }
                    return index + 1 - start
                }
                index += 1
            }
            return line.count - start
        }
        while index < line.count {
            let character = line[index]
            if character == "\n" || character == "\r\n" || character == "\r" { break }
            if character == "#" && index > start && (line[index - 1] == " " || line[index - 1] == "\t") { break }
            if flow && (character == "," || character == "}") { break }
            index += 1
        }
        while index > start && (line[index - 1] == " " || line[index - 1] == "\t") { index -= 1 }
        return index - start
    }
}
