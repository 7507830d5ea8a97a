import Analysis
import Foundation
import Inventory

/// `shortpath record`: appends one rollout to a service file, changing nothing else in it.
///
/// The new entry goes after the last line of the `rollouts` list (block style) or before its
/// closing bracket (flow style), indented like the entries above it; without a list, a
/// `rollouts:` key is added at the end of the front matter. The edited file is parsed and
/// checked the way `build` does before it replaces the old one in a single rename.
public struct RolloutRecorder {
    public struct Entry: Sendable {
        public var started: String
        public var stable: String?
        public var rolledBack: String?
        public var to: String?
        /// The environment, when not production.
        public var environment: String?
        public var changes: [Rollout.Change]
        public var note: String?

        public init(started: String, stable: String? = nil, rolledBack: String? = nil, to: String? = nil,
                    environment: String? = nil, changes: [Rollout.Change] = [], note: String? = nil) {
            self.environment = environment
            self.started = started
            self.stable = stable
            self.rolledBack = rolledBack
            self.to = to
            self.changes = changes
            self.note = note
        }

        /// The fields in file order, values ready to write as YAML.
        var fields: [(String, String)] {
            var fields = [("started", started)]
            if let stable { fields.append(("stable", stable)) }
            if let rolledBack { fields.append(("rolled_back", rolledBack)) }
            if let to { fields.append(("to", quoted(to))) }
            if let environment { fields.append(("env", quoted(environment))) }
            if !changes.isEmpty { fields.append(("changes", "[" + changes.map(\.rawValue).joined(separator: ", ") + "]")) }
            if let note { fields.append(("note", quoted(note))) }
            return fields
        }
    }

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { "error: \(message)" }
    }

    /// The file's text with the entry appended; throws when the file cannot take it or the
    /// result would not be valid.
    public static func append(_ entry: Entry, to text: String, path: String, slug: String) throws -> (text: String, service: Service) {
        let (before, root) = try ContentLoader.parseService(text: text, path: path, slug: slug)
        let lineEnd = text.contains("\r\n") ? "\r\n" : "\n"
        var lines = splitLines(text)
        guard case .mapping(let pairs)? = root?.kind else { throw Failure(message: "\(path): the front matter is not a mapping") }
        let fenceLine = closingFenceLine(lines)

        if let pair = pairs.first(where: { $0.key.scalar == "rollouts" }) {
            let value = pair.value
            if let close = value.flowClose, case .sequence(let items) = value.kind {
                // Flow style: `rollouts: [ {...}, {...} ]` gains `, { ... }` before the bracket.
                let flow = "{ " + entry.fields.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + " }"
                try insert(items.isEmpty ? flow : ", " + flow, atLine: close.line, column: close.column, in: &lines)
            } else if case .sequence(let items) = value.kind, let first = items.first {
                // Block style: new lines after the list, indented like its first entry: the
                // sequence starts at the first dash, the entry's mapping at its first key.
                let dash = String(repeating: " ", count: value.column - 1)
                var keyIndent = dash + "  "
                if case .mapping = first.kind { keyIndent = String(repeating: " ", count: max(first.column - 1, dash.count + 2)) }
                let dashPrefix = dash + "-" + String(repeating: " ", count: max(1, keyIndent.count - dash.count - 1))
                let block = entry.fields.enumerated().map { index, field in
                    (index == 0 ? dashPrefix : keyIndent) + "\(field.0): \(field.1)" + lineEnd
                }
                lines.insert(contentsOf: block, at: lastContentLine(items))
            } else if value.isNull, value.scalar == "" {
                // `rollouts:` with nothing after it.
                let block = entry.fields.enumerated().map { index, field in (index == 0 ? "  - " : "    ") + "\(field.0): \(field.1)" + lineEnd }
                lines.insert(contentsOf: block, at: pair.key.line)
            } else {
                throw Failure(message: "\(path):\(pair.key.line):\(pair.key.column): 'rollouts' holds '\(value.scalar ?? "")'; make it a list (or leave it empty) to add to it")
            }
        } else {
            guard let fenceLine else { throw Failure(message: "\(path): no closing '---' line") }
            let block = ["rollouts:" + lineEnd] + entry.fields.enumerated().map { index, field in
                (index == 0 ? "  - " : "    ") + "\(field.0): \(field.1)" + lineEnd
            }
            lines.insert(contentsOf: block, at: fenceLine - 1)
        }
        let edited = lines.joined()
        let after = try ContentLoader.parseService(text: edited, path: path, slug: slug).service
        guard after.rollouts.count == before.rollouts.count + 1, let added = after.rollouts.last,
              added.started == Moment(entry.started) else {
            throw Failure(message: "\(path): the new rollout could not be placed in the file; add it by hand")
        }
        return (edited, after)
    }

    /// Appends, updates the environment the rollout shipped to (when given), and writes the
    /// file atomically (a temporary file beside it, then a rename).
    public static func record(_ entry: Entry, update: EnvironmentUpdate? = nil, file url: URL, path: String,
                              slug: String) throws -> (service: Service, notes: [String]) {
        let data = try Data(contentsOf: url)
        var original = String(decoding: data, as: UTF8.self)
        var notes: [String] = []
        if let update {
            (original, notes) = try update.apply(to: original, path: path, slug: slug)
        }
        let (text, service) = try append(entry, to: original, path: path, slug: slug)
        if let update, let environment = service.environment(update.environment) {
            let applied = environment.version?.value == update.version
                && (update.image == nil || environment.image?.value == update.image)
                && (update.digest == nil || environment.digest?.value == update.digest)
            guard applied else { throw Failure(message: "\(path): \(update.environment) could not be updated in place; edit it by hand") }
        }
        let temporary = url.deletingLastPathComponent().appending(path: ".\(url.lastPathComponent).shortpath-tmp")
        try Data(text.utf8).write(to: temporary)
        if let attributes = try? FileManager.default.attributesOfItem(atPath: url.path), let permissions = attributes[.posixPermissions] {
            try? FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: temporary.path)
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw Failure(message: "\(path): cannot replace the file: \(reason)")
        }
        return (service, notes)
    }

    /// `recorded ... took 25 min; the median of 4 rollouts is 45 min: 20 min faster.`
    public static func summary(of service: Service) -> String {
        guard let last = service.rollouts.last else { return "" }
        let outcome: String
        switch last.outcome {
        case .stable(let end): outcome = "stable at \(end)"
        case .rolledBack(let end): outcome = "rolled back at \(end)"
        case .open: outcome = "still open"
        }
        var text = "recorded in \(service.file): started \(last.started), \(outcome)"
        guard let minutes = last.minutes else { return text }
        text += ", took \(minutes) min"
        let earlier = service.rollouts.dropLast().compactMap(\.minutes)
        guard let median = Statistics.median(earlier) else { return text + "; the first timed rollout of \(service.name)" }
        let difference = minutes - median
        let comparison = difference == 0 ? "the same" : difference < 0 ? "\(-difference) min faster" : "\(difference) min slower"
        return text + "; the median of the \(earlier.count) before is \(median) min: \(comparison)"
    }

    /// Lines with their line ends, so joining them gives back the text.
    static func splitLines(_ text: String) -> [String] {
        var lines: [String] = []
        var current = ""
        for character in text {
            current.append(character)
            if character == "\n" || character == "\r\n" {
                lines.append(current)
                current = ""
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// The 1-based line of the closing `---` of the front matter.
    static func closingFenceLine(_ lines: [String]) -> Int? {
        for (index, line) in lines.enumerated().dropFirst() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed == "---" || trimmed == "..." { return index + 1 }
        }
        return nil
    }

    /// The index in `lines` after the last line that holds part of the list's entries.
    static func lastContentLine(_ items: [YAMLNode]) -> Int {
        items.map(\.endLine).max() ?? 0
    }

    /// Inserts text at a 1-based line and column.
    static func insert(_ text: String, atLine line: Int, column: Int, in lines: inout [String]) throws {
        guard line >= 1, line <= lines.count else { throw Failure(message: "line \(line) is outside the file") }
        var characters = Array(lines[line - 1])
        let index = min(max(0, column - 1), characters.count)
        characters.insert(contentsOf: Array(text), at: index)
        lines[line - 1] = String(characters)
    }
}

/// A YAML double-quoted string: safe for any text.
func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        case "\r": out += "\\r"
        default:
            if scalar.value < 0x20 { out += String(format: "\\x%02X", scalar.value) } else { out.unicodeScalars.append(scalar) }
        }
    }
    return out + "\""
}
