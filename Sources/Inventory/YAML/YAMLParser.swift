import CYAML

/// Builds a `YAMLNode` tree from libyaml's event stream, keeping line and column for every
/// node. Anchors and aliases are resolved, `<<` merge keys are applied, and a stream with
/// more than one document is rejected. The tree is built without recursion and is never deeper
/// than `NestingLimits.depth`: a collection one level deeper, or an alias that would make it
/// so, is an error at its line and column, so walking or freeing the tree stays shallow.
public enum YAMLParser {
    /// The version of the libyaml library loaded at run time, as it reports itself.
    public static var libraryVersion: String { String(cString: yaml_get_version_string()) }

    /// Parses `text`, whose first line is line `firstLine` of `file`. Returns nil for an empty
    /// document (a front matter with nothing in it).
    public static func parse(_ text: String, file: String, firstLine: Int = 1) throws(Diagnostic) -> YAMLNode? {
        var text = text
        let result: Result<YAMLNode?, Diagnostic> = text.withUTF8 { bytes in
            Result { () throws(Diagnostic) -> YAMLNode? in try parse(bytes: bytes, file: file, firstLine: firstLine) }
        }
        return try result.get()
    }

    /// The same on UTF-8 bytes (valid UTF-8, as a content file's are once checked).
    static func parse(bytes: UnsafeBufferPointer<UInt8>, file: String, firstLine: Int = 1) throws(Diagnostic) -> YAMLNode? {
        if let tree = PlainBlockYAML.parse(bytes, lineOffset: firstLine - 1) { return tree }
        var builder = TreeBuilder(file: file, lineOffset: firstLine - 1)
        return try builder.run(bytes)
    }

    /// The same text read by libyaml alone, for tests that compare the two readers.
    static func parseWithLibYAML(_ text: String, file: String, firstLine: Int = 1) throws(Diagnostic) -> YAMLNode? {
        var text = text
        let result: Result<YAMLNode?, Diagnostic> = text.withUTF8 { bytes in
            var builder = TreeBuilder(file: file, lineOffset: firstLine - 1)
            return Result { () throws(Diagnostic) -> YAMLNode? in try builder.run(bytes) }
        }
        return try result.get()
    }

    /// For the fuzzer: wherever the plain reader reads `text`, libyaml must read the same tree,
    /// marks included. What differs, or nil when they agree or the plain reader gives way.
    public static func plainReaderDisagreement(_ text: String) -> String? {
        guard let fast = parseWithPlainReader(text) else { return nil }
        do {
            let slow = try parseWithLibYAML(text, file: "fuzz.md")
            return slow == fast ? nil : "trees differ:\nlibyaml: \(String(describing: slow))\nplain: \(fast)"
        } catch {
            return "the plain reader read a text libyaml refuses: \(error)"
        }
    }

    /// The fast reader alone: nil when it leaves the text to libyaml.
    static func parseWithPlainReader(_ text: String, firstLine: Int = 1) -> YAMLNode? {
        var text = text
        return text.withUTF8 { PlainBlockYAML.parse($0, lineOffset: firstLine - 1) }
    }
}

private struct TreeBuilder {
    let file: String
    let lineOffset: Int
    var anchors: [String: (node: YAMLNode, shape: Shape)] = [:]
    /// Values added so far by aliases, against `NestingLimits.aliasedValues`.
    var aliased = 0

    init(file: String, lineOffset: Int) {
        self.file = file
        self.lineOffset = lineOffset
    }

    /// An open collection while its children arrive: its children are the nodes of `items`
    /// from `start` on, one flat stack for all levels, so nothing is copied as it grows.
    private struct Frame {
        var isMapping: Bool
        var isFlow: Bool
        var line: Int
        var column: Int
        var anchor: String?
        var start: Int
    }

    /// How deep a finished node is (a scalar 0, a collection one more than its deepest child)
    /// and how many values it holds, itself included.
    struct Shape {
        var height: Int
        var size: Int
    }

    mutating func run(_ bytes: UnsafeBufferPointer<UInt8>) throws(Diagnostic) -> YAMLNode? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw Diagnostic(location(line: 1, column: 1), "the YAML parser could not start (out of memory)")
        }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(&parser, bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!, bytes.count)

        var frames: [Frame] = []
        var items: [YAMLNode] = []
        var shapes: [Shape] = []
        var root: YAMLNode?
        var documents = 0
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else { throw parserError(parser) }
            defer { yaml_event_delete(&event) }
            let line = Int(event.start_mark.line) + 1
            let column = Int(event.start_mark.column) + 1
            if frames.count == NestingLimits.depth && (event.type == YAML_SEQUENCE_START_EVENT || event.type == YAML_MAPPING_START_EVENT) {
                throw Diagnostic(location(line: line, column: column), "the YAML nests \(NestingLimits.deeper)",
                                 hint: "a content file needs a few levels of nesting; look for unclosed or repeated '[' or '{'")
            }
            var finished: YAMLNode?
            var shape = Shape(height: 0, size: 1)
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return root
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 {
                    throw Diagnostic(location(line: line, column: column),
                                     "front matter holds more than one YAML document",
                                     hint: "remove the extra '---' or '...' line inside the front matter")
                }
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: Int(scalar.length)), as: UTF8.self)
                let plain = scalar.style == YAML_PLAIN_SCALAR_STYLE && scalar.tag == nil
                // An end mark at a line's first column belongs to the line before (block scalars).
                let end = event.end_mark.column == 0 && event.end_mark.line > event.start_mark.line
                    ? Int(event.end_mark.line) : Int(event.end_mark.line) + 1
                finished = YAMLNode(.scalar(text, plain: plain), line: line + lineOffset, column: column, endLine: end + lineOffset)
                if let anchor = string(scalar.anchor) { anchors[anchor] = (finished!, shape) }
            case YAML_ALIAS_EVENT:
                let name = string(event.data.alias.anchor) ?? ""
                guard let (node, anchored) = anchors[name] else {
                    throw Diagnostic(location(line: line, column: column), "unknown alias '*\(name)'",
                                     hint: "define the anchor '&\(name)' before using it")
                }
                if frames.count + anchored.height > NestingLimits.depth {
                    throw Diagnostic(location(line: line, column: column), "the alias '*\(name)' here makes the YAML nest \(NestingLimits.deeper)",
                                     hint: "a content file needs a few levels of nesting; use fewer nested aliases")
                }
                aliased += anchored.size
                if aliased > NestingLimits.aliasedValues {
                    throw Diagnostic(location(line: line, column: column),
                                     "aliases expand to more than \(NestingLimits.aliasedValues) values by the alias '*\(name)' here",
                                     hint: "write the values out, or alias small mappings only")
                }
                var target = node
                shape = anchored
                target.line = line + lineOffset
                target.column = column
                target.endLine = line + lineOffset
                target.flowClose = nil
                finished = target
            case YAML_SEQUENCE_START_EVENT:
                frames.append(Frame(isMapping: false, isFlow: event.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE,
                                    line: line + lineOffset, column: column,
                                    anchor: string(event.data.sequence_start.anchor), start: items.count))
            case YAML_MAPPING_START_EVENT:
                frames.append(Frame(isMapping: true, isFlow: event.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE,
                                    line: line + lineOffset, column: column,
                                    anchor: string(event.data.mapping_start.anchor), start: items.count))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                let frame = frames.removeLast()
                let children = Array(items[frame.start...])
                items.removeSubrange(frame.start...)
                shape.height = 1
                for child in shapes[frame.start...] {
                    shape.height = max(shape.height, child.height + 1)
                    shape.size += child.size
                }
                shapes.removeSubrange(frame.start...)
                let kind: YAMLNode.Kind = frame.isMapping ? .mapping(try pairs(children)) : .sequence(children)
                let close = frame.isFlow ? (line: line + lineOffset, column: column) : nil
                let endLine = max(frame.line, children.map(\.endLine).max() ?? frame.line, close?.line ?? 0)
                finished = YAMLNode(kind, line: frame.line, column: frame.column, endLine: endLine, flowClose: close)
                if let anchor = frame.anchor { anchors[anchor] = (finished!, shape) }
            default:
                break
            }
            if let node = finished {
                if frames.isEmpty {
                    root = node
                } else {
                    items.append(node)
                    shapes.append(shape)
                }
            }
        }
    }

    /// Pairs up a mapping's keys and values, applies `<<` merges and rejects duplicate keys.
    private func pairs(_ items: [YAMLNode]) throws(Diagnostic) -> [YAMLPair] {
        var result: [YAMLPair] = []
        result.reserveCapacity(items.count / 2)
        var merged: [YAMLPair] = []
        var seen = KeyIndex()
        var index = 0
        while index + 1 < items.count {
            let key = items[index], value = items[index + 1]
            index += 2
            guard let name = key.scalar else {
                throw Diagnostic(location(key), "a key must be a single value, not \(key.kindName)")
            }
            if name == "<<", case .scalar(_, plain: true) = key.kind {
                let sources: [YAMLNode]
                if case .sequence(let list) = value.kind { sources = list } else { sources = [value] }
                for source in sources {
                    guard case .mapping(let more) = source.kind else {
                        throw Diagnostic(location(source), "a '<<' merge needs a mapping, not \(source.kindName)")
                    }
                    merged.append(contentsOf: more)
                }
                continue
            }
            if let first = seen.index(of: name, in: result) {
                throw Diagnostic(location(key), "duplicate key '\(name)' (first at line \(result[first].key.line))")
            }
            seen.add(name, before: result)
            result.append(YAMLPair(key: key, value: value))
        }
        for pair in merged where seen.index(of: pair.key.scalar ?? "", in: result) == nil {
            seen.add(pair.key.scalar ?? "", before: result)
            result.append(pair)
        }
        return result
    }

    private func parserError(_ parser: yaml_parser_t) -> Diagnostic {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        var mark = parser.problem_mark
        // For "found character that cannot start any token" and similar, libyaml's problem mark
        // is where it stopped; for a scanner error that has a context, the context tells more.
        var message = problem
        if let context = parser.context.map({ String(cString: $0) }) {
            message = "\(problem) \(context)"
            // An unclosed quote or bracket is reported at the end of the stream: point at its start.
            if problem.contains("end of stream") || (parser.problem_mark.line == 0 && parser.problem_mark.column == 0) {
                mark = parser.context_mark
            }
        }
        if problem.contains("tab") || problem.contains("cannot start any token") {
            message += " (YAML indents with spaces, never tabs)"
        }
        var hint: String?
        if problem.contains("mapping values are not allowed") {
            hint = "a value that holds ': ' must be quoted, like description: \"Jobs: payments\""
        } else if problem.contains("did not find expected key") || problem.contains("did not find expected '-'") {
            hint = "check the indentation of this line against the lines above"
        } else if problem.contains("found unexpected end of stream") {
            hint = "a quote is not closed"
        }
        return Diagnostic(location(line: Int(mark.line) + 1, column: Int(mark.column) + 1),
                          "invalid YAML: \(message)", hint: hint)
    }

    private func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
    }

    private func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(file: file, line: line + lineOffset, column: column)
    }

    private func location(_ node: YAMLNode) -> SourceLocation {
        SourceLocation(file: file, line: node.line, column: node.column)
    }
}

/// Finds a mapping's keys: a linear search while there are a handful (faster than hashing
/// each one), a dictionary once there are many, so a file with 100,000 keys is not quadratic.
private struct KeyIndex {
    private static let linearLimit = 16
    private var positions: [String: Int]?

    func index(of name: String, in pairs: [YAMLPair]) -> Int? {
        if let positions { return positions[name] }
        return pairs.firstIndex { $0.key.scalar == name }
    }

    /// Call before appending the pair named `name` to `pairs`.
    mutating func add(_ name: String, before pairs: [YAMLPair]) {
        if positions == nil && pairs.count >= Self.linearLimit {
            var all: [String: Int] = [:]
            for (position, pair) in pairs.enumerated() where all[pair.key.scalar ?? ""] == nil {
                all[pair.key.scalar ?? ""] = position
            }
            positions = all
        }
        if positions != nil, positions![name] == nil { positions![name] = pairs.count }
    }
}
