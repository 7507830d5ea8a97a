/// Bounds a theme's (or an archetype's) templates before the Mustache engine sees them. The engine parses nested
/// sections and renders partials by recursion, with no limit of its own, so a template nested
/// 100,000 sections deep, or partials that include each other, would overflow the stack.
/// Sections and partials together may nest `NestingLimits.depth` levels; a partial that
/// includes itself, directly or through others, and a partial whose name comes from the data
/// (`{{>*name}}`, which a service's text could then choose) are errors at their tag.
public enum TemplateLimits {
    /// A `{{>name}}` or `{{<name}}` tag and how many sections enclose it, the tag's own included
    /// for a parent.
    public struct PartialUse: Sendable {
        var name: String
        var depth: Int
        var line: Int
        var column: Int
    }

    /// What the scan of one template found.
    public struct Shape: Sendable {
        var origin: String
        /// The deepest section nesting of the template alone.
        var depth = 0
        var partials: [PartialUse] = []
    }

    /// Scans one template's tags (with `{{=<% %>=}}` delimiter changes); throws when its own
    /// sections nest too deep, or a partial name is dynamic.
    public static func scan(_ text: [UInt8], origin: String) throws(Diagnostic) -> Shape {
        var shape = Shape(origin: origin)
        var open: [UInt8] = Array("{{".utf8), close: [UInt8] = Array("}}".utf8)
        var depth = 0, line = 1, lineStart = 0, index = 0
        func location(_ offset: Int) -> SourceLocation {
            SourceLocation(file: origin, line: line, column: text[lineStart..<offset].count { $0 & 0xC0 != 0x80 } + 1)
        }
        while index < text.count {
            if text[index] == UInt8(ascii: "\n") {
                line += 1
                lineStart = index + 1
                index += 1
                continue
            }
            guard starts(text, at: index, with: open) else {
                index += 1
                continue
            }
            let tagStart = index
            var cursor = index + open.count
            var tagClose = close
            if open == Array("{{".utf8), cursor < text.count, text[cursor] == UInt8(ascii: "{") { tagClose = Array("}}}".utf8) }
            while cursor < text.count, text[cursor] == UInt8(ascii: " ") { cursor += 1 }
            let sigil = cursor < text.count ? text[cursor] : 0
            if sigil == UInt8(ascii: "=") { tagClose = [UInt8(ascii: "=")] + close }
            guard let end = find(tagClose, in: text, from: cursor) else { return shape }  // unclosed: the engine reports it
            // The tag's text after its sigil; `{{}}` or `{{=}}` leave nothing after it.
            let inner = Array(text[min(cursor + 1, end)..<end])
            switch sigil {
            case UInt8(ascii: "#"), UInt8(ascii: "^"), UInt8(ascii: "$"), UInt8(ascii: "<"):
                depth += 1
                if depth > NestingLimits.depth {
                    throw Diagnostic(location(tagStart), "the template's sections nest \(NestingLimits.deeper)",
                                     hint: "close sections with {{/name}}; a page needs a few levels")
                }
                shape.depth = max(shape.depth, depth)
                if sigil == UInt8(ascii: "<") { try shape.partials.append(use(inner, depth: depth, at: location(tagStart))) }
            case UInt8(ascii: "/"):
                depth = max(0, depth - 1)
            case UInt8(ascii: ">"):
                try shape.partials.append(use(inner, depth: depth, at: location(tagStart)))
            case UInt8(ascii: "="):
                let parts = inner.split(separator: UInt8(ascii: " "))
                if parts.count == 2 { (open, close) = (Array(parts[0]), Array(parts[1])) }
            default:
                break
            }
            // Newlines inside a tag still count as lines.
            for offset in tagStart..<(end + tagClose.count) where text[offset] == UInt8(ascii: "\n") {
                line += 1
                lineStart = offset + 1
            }
            index = end + tagClose.count
        }
        return shape
    }

    /// Checks partials across templates: no cycle, and sections plus partials within the limit.
    /// Walks the include graph with a stack of its own, not by recursion.
    public static func check(_ shapes: [String: Shape]) -> [Diagnostic] {
        var total: [String: Int] = [:]  // finished templates: their deepest nesting with partials
        var errors: [Diagnostic] = []
        for root in shapes.keys.sorted() where total[root] == nil {
            var stack: [(name: String, next: Int)] = [(root, 0)]
            var onStack: Set<String> = [root]
            while let (name, next) = stack.last {
                let shape = shapes[name]!
                if next < shape.partials.count {
                    stack[stack.count - 1].next += 1
                    let use = shape.partials[next]
                    guard shapes[use.name] != nil, total[use.name] == nil else { continue }
                    if onStack.contains(use.name) {
                        let cycle = stack.drop { $0.name != use.name }.map(\.name) + [use.name]
                        errors.append(Diagnostic(SourceLocation(file: shape.origin, line: use.line, column: use.column),
                                                 "the partial '\(use.name)' includes itself: \(cycle.joined(separator: " → "))",
                                                 hint: "a template may not include itself, directly or through others"))
                        total[use.name] = 0
                        continue
                    }
                    stack.append((use.name, 0))
                    onStack.insert(use.name)
                    continue
                }
                var deepest = shape.depth
                var reported = false
                for use in shape.partials {
                    let reached = use.depth + (total[use.name] ?? 0)
                    if reached > NestingLimits.depth, !reported {
                        errors.append(Diagnostic(SourceLocation(file: shape.origin, line: use.line, column: use.column),
                                                 "with the partial '\(use.name)', the template's sections nest \(NestingLimits.deeper)",
                                                 hint: "a page needs a few levels of sections and partials"))
                        reported = true
                    }
                    deepest = max(deepest, reached)
                }
                // Reported once, where the limit is passed; the templates that include this one are not blamed again.
                total[name] = reported ? 0 : deepest
                onStack.remove(name)
                stack.removeLast()
            }
        }
        return errors
    }

    private static func use(_ inner: [UInt8], depth: Int, at location: SourceLocation) throws(Diagnostic) -> PartialUse {
        let name = String(decoding: inner, as: UTF8.self).trimmingSpaces
        if name.hasPrefix("*") {
            throw Diagnostic(location, "the partial name '\(name)' comes from the data, which is not supported",
                             hint: "name the partial, like {{>watch}}")
        }
        return PartialUse(name: name, depth: depth, line: location.line, column: location.column)
    }

    private static func starts(_ text: [UInt8], at index: Int, with prefix: [UInt8]) -> Bool {
        guard !prefix.isEmpty, index + prefix.count <= text.count else { return false }
        for offset in 0..<prefix.count where text[index + offset] != prefix[offset] { return false }
        return true
    }

    private static func find(_ needle: [UInt8], in text: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + needle.count <= text.count {
            if starts(text, at: index, with: needle) { return index }
            index += 1
        }
        return nil
    }
}
