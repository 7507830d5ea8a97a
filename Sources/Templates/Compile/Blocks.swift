/// Template inheritance: `{{<parent}}{{$block}}…{{/block}}{{/parent}}` renders the parent
/// with its blocks replaced. Which content fills a block is known when compiling, so blocks
/// cost nothing when rendering.
extension Compiler {
    /// The blocks a parent tag overrides: the blocks directly inside it. Anything else inside
    /// a parent tag is ignored, as the specification says.
    func overrides(in template: Template, _ range: Range<Int>, _ context: LineContext) -> [(String, BlockContent)] {
        var found: [(String, BlockContent)] = []
        var position = range.lowerBound
        let number = index[template.name]!
        while position < range.upperBound {
            switch template.nodes[position].kind {
            case .block(let name, let end):
                found.append((name, BlockContent(template: number, node: position, context: context)))
                position = end
            case .section(_, _, let end), .parent(_, let end):
                position = end
            case .text, .variable, .partial:
                position += 1
            }
        }
        return found
    }

    /// A block where it stands: its override if a parent tag gave one, else its own content.
    ///
    /// Indentation follows the specification's examples: when the block tag stands alone on
    /// its line, the content's own indentation is removed (if its opening tag stood alone
    /// where it was written) and the content takes the indentation of the block's default
    /// content, or else of the tag. Otherwise the content is inserted as it was written.
    mutating func expand(_ name: String, at position: Int, of template: Template, _ context: LineContext, _ scope: Scope,
                         into unit: inout UnitBuilder) {
        let site = template.nodes[position]
        let own = BlockContent(template: index[template.name]!, node: position, context: context)
        var content = scope.overrides[name] ?? own
        if scope.expanding.contains(content) { content = own }
        let source = templates[content.template]
        let opening = source.nodes[content.node]
        guard case .block(_, let end) = opening.kind, !scope.expanding.contains(content) else { return }
        var inner = scope
        inner.expanding.insert(content)
        var lines = content.context
        if opening.standalone { lines = LineContext(prefix: [], strip: max(content.context.strip, opening.margin.count)) }
        if site.standalone {
            let margin = site.margin.dropFirst(context.strip)
            let indentation = context.prefix + (margin.isEmpty ? site.indentation.dropFirst(context.strip) : margin)
            lines.prefix = indentation + lines.prefix
        }
        compile(source, content.node + 1..<end, lines, forceLineStart: site.standalone, inner, into: &unit)
    }
}
