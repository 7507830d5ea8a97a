/// Compiles a parsed template, with the partials and parents it uses, into a `Program`.
///
/// A typed compile (`root` given) resolves every name to a slot and checks how it is used;
/// a dynamic compile leaves names to be looked up when rendering and, as the specification
/// asks, renders an unknown partial as nothing.
struct Compiler {
    let templates: [Template]
    let index: [String: Int]
    /// The shape of the page's view; nil for dynamic data.
    let root: Shape?
    /// Templates that failed to parse: naming one is not an error of its own.
    let broken: Set<String>
    let output: TemplateOutput
    var program = Program()
    var errors: [TemplateError] = []
    /// Each unit's ops, compiled one by one, then put in `program`.
    private var units: [[Op]] = []
    private var memo: [UnitKey: Int32] = [:]
    /// Units being compiled, innermost last, without their frames.
    private var active: [UnitKey] = []
    private var pathIndex: [[Int32]: Int32] = [:]
    private var nameIndex: [[String]: Int32] = [:]

    init(templates: [Template], index: [String: Int], root: Shape?, broken: Set<String>, output: TemplateOutput) {
        self.templates = templates
        self.index = index
        self.root = root
        self.broken = broken
        self.output = output
    }

    var typed: Bool { root != nil }

    /// Compiles unit 0 for the named template.
    mutating func compileEntry(_ template: Int) {
        var scope = Scope()
        if let root { scope.frames = [.record(root)] }
        _ = unit(UnitKey(template: template, context: LineContext(), overrides: [:], frames: scope.frames), scope: scope, at: nil)
        for unit in units { _ = program.append(unit: unit) }
    }

    /// The unit for `key`, compiled now unless it was already; nil after an error.
    private mutating func unit(_ key: UnitKey, scope: Scope, at tag: (Template, Node)?) -> Int32? {
        if let existing = memo[key] { return existing }
        if active.contains(key.withoutFrames) {
            // Dynamic data may end the recursion (a tree's leaves have no children); a typed
            // view has no recursive shape, so a typed page would never end.
            if typed, let (template, node) = tag {
                error(template, node.position, "'\(templates[key.template].name)' includes itself: a typed page cannot recurse")
                return nil
            }
        }
        let number = Int32(units.count)
        units.append([])
        memo[key] = number
        active.append(key.withoutFrames)
        var unit = UnitBuilder()
        var scope = scope
        scope.expanding = []
        let template = templates[key.template]
        compile(template, 0..<template.nodes.count, key.context, forceLineStart: false, scope, into: &unit)
        flush(&unit)
        units[Int(number)] = unit.ops
        active.removeLast()
        return number
    }

    /// Compiles `range` of a template's nodes into `unit`.
    mutating func compile(_ template: Template, _ range: Range<Int>, _ context: LineContext, forceLineStart: Bool,
                          _ scope: Scope, into unit: inout UnitBuilder) {
        var position = range.lowerBound
        while position < range.upperBound {
            let node = template.nodes[position]
            let lineStart = node.lineStart || (forceLineStart && position == range.lowerBound)
            if lineStart, !node.standalone, !isText(node) { unit.pending += context.prefix }
            switch node.kind {
            case .text(let bytes):
                text(template.source[bytes], lineStart: lineStart, context, into: &unit)
                position += 1
            case .variable(let name, let escaped):
                let usage: Usage = output == .text ? .plain : escaped ? .escaped : .unescaped
                if let (ref, _) = resolve(name, usage, template, node, scope) {
                    emit(.value(ref, escaped: usage == .escaped), into: &unit)
                }
                position += 1
            case .section(let name, let inverted, let end):
                var inner = scope
                if let (ref, kind) = resolve(name, inverted ? .inverted : .section, template, node, scope) {
                    let at = emit(inverted ? .inverted(ref, end: 0) : .section(ref, end: 0), into: &unit)
                    if !inverted, typed, let frame = pushedFrame(kind) { inner.frames.append(frame) }
                    compile(template, position + 1..<end, context, forceLineStart: false, inner, into: &unit)
                    flush(&unit)
                    let after = Int32(unit.ops.count)
                    unit.ops[at] = inverted ? .inverted(ref, end: after) : .section(ref, end: after)
                }
                position = end
            case .partial(let name):
                call(name, template, node, context, scope, into: &unit)
                position += 1
            case .parent(let name, let end):
                var inner = scope
                for (block, content) in overrides(in: template, position + 1..<end, context) where inner.overrides[block] == nil {
                    inner.overrides[block] = content
                }
                call(name, template, node, context, inner, into: &unit)
                position = end
            case .block(let name, let end):
                expand(name, at: position, of: template, context, scope, into: &unit)
                position = end
            }
        }
    }

    /// A partial or parent: a call to its unit, compiled with the tag's indentation when the
    /// tag stands alone (and none otherwise).
    private mutating func call(_ name: String, _ template: Template, _ node: Node, _ context: LineContext, _ scope: Scope,
                               into unit: inout UnitBuilder) {
        guard let target = index[name] else {
            if typed, !broken.contains(name) {
                error(template, node.position, "no template named '\(name)'\(didYouMean(name, among: index.keys))")
            }
            return
        }
        var inner = LineContext()
        if node.standalone { inner.prefix = context.prefix + node.indentation.dropFirst(context.strip) }
        let key = UnitKey(template: target, context: inner, overrides: scope.overrides, frames: scope.frames)
        if let callee = self.unit(key, scope: scope, at: (template, node)) { emit(.call(callee), into: &unit) }
    }

    /// Literal text; at the start of a line, the line context's indentation applies.
    private func text(_ bytes: ArraySlice<UInt8>, lineStart: Bool, _ context: LineContext, into unit: inout UnitBuilder) {
        var bytes = bytes
        if lineStart {
            bytes = bytes.dropFirst(min(context.strip, bytes.prefix(while: isIndent).count))
            let empty = bytes.first == UInt8(ascii: "\n") || (bytes.first == UInt8(ascii: "\r") && bytes.dropFirst().first == UInt8(ascii: "\n"))
            if !empty { unit.pending += context.prefix }
        }
        unit.pending += bytes
    }

    private func isText(_ node: Node) -> Bool {
        if case .text = node.kind { return true }
        return false
    }

    @discardableResult
    mutating func emit(_ op: Op, into unit: inout UnitBuilder) -> Int {
        flush(&unit)
        unit.ops.append(op)
        return unit.ops.count - 1
    }

    mutating func flush(_ unit: inout UnitBuilder) {
        guard !unit.pending.isEmpty else { return }
        let start = Int32(program.bytes.count)
        program.bytes += unit.pending
        unit.pending.removeAll(keepingCapacity: true)
        unit.ops.append(.text(start: start, end: Int32(program.bytes.count)))
    }

    mutating func intern(path: [Int32]) -> Int32 {
        if let known = pathIndex[path] { return known }
        program.paths.append(path)
        pathIndex[path] = Int32(program.paths.count - 1)
        return Int32(program.paths.count - 1)
    }

    mutating func intern(name: [String]) -> Int32 {
        if let known = nameIndex[name] { return known }
        program.names.append(name)
        nameIndex[name] = Int32(program.names.count - 1)
        return Int32(program.names.count - 1)
    }

    mutating func error(_ template: Template, _ position: SourcePosition, _ message: String) {
        errors.append(TemplateError(path: template.path, line: Int(position.line), column: Int(position.column), message: message))
    }
}

/// The ops of a unit being compiled, and text not yet made an op (adjacent texts merge).
struct UnitBuilder {
    var ops: [Op] = []
    var pending: [UInt8] = []
}
