/// How a tag uses its name.
enum Usage {
    case escaped        // {{name}} in HTML
    case unescaped      // {{{name}}}, {{&name}} in HTML
    case plain          // any of the three in plain text
    case section        // {{#name}}
    case inverted       // {{^name}}
}

/// Names resolved when compiling: in a typed program each becomes a slot on a known level of
/// the context stack, and a name that resolves nowhere, or is used against its kind, is an
/// error with the tag's line and column.
extension Compiler {
    mutating func resolve(_ name: Name, _ usage: Usage, _ template: Template, _ node: Node, _ scope: Scope) -> (Ref, Kind?)? {
        guard typed else {
            switch name {
            case .implicit: return (.top, nil)
            case .path(let parts): return (.name(intern(name: parts)), nil)
            }
        }
        guard let (ref, kind) = lookUp(name, template, node, scope.frames) else { return nil }
        if let problem = misuse(name.description, kind, usage) {
            error(template, node.position, problem)
            return nil
        }
        return (ref, kind)
    }

    /// The first record down the context stack that has the name, then the dotted parts
    /// inside it, as Mustache resolves names.
    private mutating func lookUp(_ name: Name, _ template: Template, _ node: Node, _ frames: [Frame]) -> (Ref, Kind)? {
        guard case .path(let parts) = name else {
            switch frames.last! {
            case .record(let shape): return (.top, .record(shape))
            case .value(let kind): return (.top, kind)
            }
        }
        for depth in 0..<frames.count {
            guard case .record(let shape) = frames[frames.count - 1 - depth], let slot = shape.slot(of: parts[0]) else { continue }
            var kind = shape.kinds[slot]
            var optional = false
            var rest: [Int32] = []
            for (number, part) in parts.enumerated().dropFirst() {
                if case .optional = kind { optional = true }
                let known = parts[..<number].joined(separator: ".")
                guard case .record(let inner) = kind.unwrapped else {
                    error(template, node.position, "'\(known)' is \(kind.description): it has no '\(part)'")
                    return nil
                }
                guard let next = inner.slot(of: part) else {
                    let more = parts[(number + 1)...].map { "." + $0 }.joined()
                    let suggestion = closest(to: part, among: inner.names).map { " (did you mean '\(known).\($0)\(more)'?)" } ?? ""
                    error(template, node.position, "no '\(name)' in \(root!.description)\(suggestion)")
                    return nil
                }
                rest.append(Int32(next))
                kind = inner.kinds[next]
            }
            if optional, !kind.isOptional { kind = .optional(kind) }
            let ref: Ref = rest.isEmpty ? .slot(depth: Int32(depth), slot: Int32(slot))
                : .path(depth: Int32(depth), slot: Int32(slot), rest: intern(path: rest))
            return (ref, kind)
        }
        let visible = frames.flatMap { frame -> [String] in
            if case .record(let shape) = frame { return shape.names }
            return []
        }
        let more = parts.dropFirst().map { "." + $0 }.joined()
        error(template, node.position, "no '\(name)' in \(root!.description)\(didYouMean(parts[0], among: visible, then: more))")
        return nil
    }

    /// What is wrong with using a value of this kind this way, if anything.
    private func misuse(_ name: String, _ kind: Kind, _ usage: Usage) -> String? {
        let always = !kind.isOptional
        switch (usage, kind.unwrapped) {
        case (.escaped, .text), (.unescaped, .html), (.plain, .text), (.plain, .html), (.section, .flag), (.section, .list), (.section, .record),
             (.inverted, .flag), (.inverted, .list):
            return nil
        case (.section, .text), (.section, .html), (.inverted, .text), (.inverted, .html), (.inverted, .record):
            if !always { return nil }
            let what = kind.unwrapped.isRecord ? "a record" : kind.description
            return usage == .section
                ? "'\(name)' is \(what), always present: a section needs a flag, a list, a record or an optional value"
                : "'\(name)' is \(what), always present: {{^\(name)}} would never render"
        case (.escaped, .html):
            return "'\(name)' is HTML: {{\(name)}} would show its markup escaped; use {{{\(name)}}}"
        case (.unescaped, .text):
            return "'\(name)' is text: {{{\(name)}}} would insert it unescaped; use {{\(name)}}"
        case (_, .flag):
            return "'\(name)' is a flag, not text: test it with {{#\(name)}}…{{/\(name)}}"
        case (_, .list):
            return "'\(name)' is a list, not text: repeat a section over it with {{#\(name)}}…{{/\(name)}}"
        case (_, .record(let shape)) where name == ".":
            return "'.' is \(shape.description) here, not text: use one of its names"
        case (_, .record):
            return "'\(name)' is a record, not text: open a section over it with {{#\(name)}}…{{/\(name)}} and use its names"
        case (_, .optional):
            return nil
        }
    }

    /// What a section over a value of this kind pushes on the context stack, if anything.
    func pushedFrame(_ kind: Kind?) -> Frame? {
        guard let kind else { return nil }
        switch kind.unwrapped {
        case .flag: return nil
        case .record(let shape): return .record(shape)
        case .list(let element):
            if case .record(let shape) = element.unwrapped { return .record(shape) }
            return .value(element)
        case .text, .html, .optional: return .value(kind.unwrapped)
        }
    }
}

extension Kind {
    var isOptional: Bool {
        if case .optional = self { return true }
        return false
    }

    var isRecord: Bool {
        if case .record = self { return true }
        return false
    }
}
