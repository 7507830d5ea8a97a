/// Parses a template's source into nodes, in three passes: scan tags (following delimiter
/// changes), take standalone lines out, then match sections and check names.
struct Parser {
    private let source: [UInt8]
    private var nodes: [Node] = []
    private var issues: [ParseIssue] = []
    /// Open sections, parents and blocks: their node (none when the tag was in error) and the
    /// item that opened them.
    private var open: [(node: Int?, item: Item, tag: Tag)] = []

    static func parse(name: String, path: String, source: [UInt8]) -> Result<Template, TemplateErrors> {
        var scanner = Scanner(source)
        scanner.scan()
        let lines = StandaloneLines(source: source, tokens: scanner.tokens)
        var parser = Parser(source: source)
        parser.issues = scanner.issues
        for item in lines.items { parser.add(item) }
        for (_, _, tag) in parser.open.reversed() {
            parser.issue(tag.position, "unclosed section '\(tag.content)': no {{/\(tag.content)}} follows")
        }
        guard parser.issues.isEmpty else {
            return .failure(TemplateErrors(parser.issues.map {
                TemplateError(path: path, line: Int($0.position.line), column: Int($0.position.column), message: $0.message)
            }))
        }
        return .success(Template(name: name, path: path, source: source, nodes: parser.nodes))
    }

    private init(source: [UInt8]) {
        self.source = source
    }

    private mutating func add(_ item: Item) {
        let tag: Tag
        switch item.content {
        case .text(let range):
            nodes.append(Node(kind: .text(range), position: SourcePosition(line: 0, column: 0), lineStart: item.lineStart))
            return
        case .tag(let scanned):
            tag = scanned
        }
        var node = Node(kind: .text(0..<0), position: tag.position, lineStart: item.lineStart, standalone: item.standalone,
                        indentation: source[item.indentation])
        switch tag.kind {
        case .variable, .unescaped:
            guard let name = name(tag) else { return }
            node.kind = .variable(name, escaped: tag.kind == .variable)
        case .section, .inverted:
            let name = name(tag)
            open.append((name == nil ? nil : nodes.count, item, tag))
            guard let name else { return }
            node.kind = .section(name, inverted: tag.kind == .inverted, end: 0)
        case .partial, .parent, .block:
            let name = templateName(tag)
            if tag.kind != .partial { open.append((name == nil ? nil : nodes.count, item, tag)) }
            guard let name else { return }
            node.kind = tag.kind == .partial ? .partial(name) : tag.kind == .parent ? .parent(name, end: 0) : .block(name, end: 0)
        case .close:
            close(tag, item)
            return
        case .comment, .delimiters:
            return
        }
        nodes.append(node)
    }

    private mutating func close(_ tag: Tag, _ item: Item) {
        guard let (index, openItem, openTag) = open.popLast() else {
            issue(tag.position, "{{/\(tag.content)}} closes no open section")
            return
        }
        if openTag.content != tag.content {
            issue(tag.position, "{{/\(tag.content)}} does not close the open section '\(openTag.content)' (line \(openTag.position.line))")
        }
        guard let index else { return }
        let end = nodes.count
        switch nodes[index].kind {
        case .section(let name, let inverted, _): nodes[index].kind = .section(name, inverted: inverted, end: end)
        case .parent(let name, _): nodes[index].kind = .parent(name, end: end)
        case .block(let name, _):
            nodes[index].kind = .block(name, end: end)
            if nodes[index].standalone {
                let start = openItem.standalone ? openItem.line.upperBound : openTag.end
                let stop = item.standalone ? item.line.lowerBound : tag.start
                nodes[index].margin = margin(of: start..<max(start, stop))
            }
        default: break
        }
    }

    /// The white space that every line of `range` with something on it starts with.
    private func margin(of range: Range<Int>) -> ArraySlice<UInt8> {
        var common: ArraySlice<UInt8>?
        for line in source[range].split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
            let indent = line.prefix(while: isIndent)
            guard indent.count < line.count, !line[indent.endIndex...].allSatisfy(isSpace) else { continue }
            guard let shared = common else {
                common = indent
                continue
            }
            let length = zip(shared, indent).prefix(while: { $0 == $1 }).count
            common = shared.prefix(length)
        }
        return common ?? []
    }

    private mutating func name(_ tag: Tag) -> Name? {
        if tag.content == "." { return .implicit }
        let parts = tag.content.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !tag.content.isEmpty else {
            issue(tag.position, "empty tag")
            return nil
        }
        guard !parts.contains(where: \.isEmpty) else {
            issue(tag.position, "invalid name '\(tag.content)': a dotted name has a name on each side of every '.'")
            return nil
        }
        return .path(parts)
    }

    private mutating func templateName(_ tag: Tag) -> String? {
        guard !tag.content.isEmpty else {
            issue(tag.position, "empty tag")
            return nil
        }
        guard !tag.content.hasPrefix("*") else {
            issue(tag.position, "dynamic names ('\(tag.content)') are not supported: name the template")
            return nil
        }
        return tag.content
    }

    private mutating func issue(_ position: SourcePosition, _ message: String) {
        issues.append(ParseIssue(position: position, message: message))
    }
}
