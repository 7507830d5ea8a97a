/// Runs a program over a value, appending UTF-8 bytes to the caller's buffer.
struct Machine {
    let program: Program
    /// The context stack: the root value, then one value per open section.
    private var stack: [Value] = []
    /// Partial calls in progress: dynamic data may recurse, but not without end.
    private var depth = 0
    static let maximumDepth = 200

    init(_ program: Program, root: Value) {
        self.program = program
        stack.reserveCapacity(16)
        stack.append(root)
    }

    mutating func run(into out: inout [UInt8]) {
        run(unit: 0, into: &out)
    }

    private mutating func run(unit: Int32, into out: inout [UInt8]) {
        let ops = program.units[Int(unit)]
        run(ops, 0..<ops.count, into: &out)
    }

    private mutating func run(_ ops: [Op], _ range: Range<Int>, into out: inout [UInt8]) {
        var pc = range.lowerBound
        while pc < range.upperBound {
            switch ops[pc] {
            case .text(let start, let end):
                program.bytes.withUnsafeBufferPointer { bytes in
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[Int(start)..<Int(end)]))
                }
                pc += 1
            case .value(let ref, let escaped):
                write(value(ref), escaped: escaped, into: &out)
                pc += 1
            case .section(let ref, let end):
                let body = pc + 1..<Int(end)
                switch value(ref) {
                case .null: break
                case .flag(let on): if on { run(ops, body, into: &out) }
                case .list(let list):
                    for index in 0..<list.count {
                        stack.append(list.element(at: index))
                        run(ops, body, into: &out)
                        stack.removeLast()
                    }
                case let other:
                    stack.append(other)
                    run(ops, body, into: &out)
                    stack.removeLast()
                }
                pc = Int(end)
            case .inverted(let ref, let end):
                if isEmpty(value(ref)) { run(ops, pc + 1..<Int(end), into: &out) }
                pc = Int(end)
            case .call(let unit):
                if depth < Self.maximumDepth {
                    depth += 1
                    run(unit: unit, into: &out)
                    depth -= 1
                }
                pc += 1
            }
        }
    }

    private func value(_ ref: Ref) -> Value {
        switch ref {
        case .top:
            return stack[stack.count - 1]
        case .slot(let depth, let slot):
            guard case .record(let record) = stack[stack.count - 1 - Int(depth)] else { return .null }
            return record.value(at: Int(slot))
        case .path(let depth, let slot, let rest):
            guard case .record(let record) = stack[stack.count - 1 - Int(depth)] else { return .null }
            var value = record.value(at: Int(slot))
            for next in program.paths[Int(rest)] {
                guard case .record(let inner) = value else { return .null }
                value = inner.value(at: Int(next))
            }
            return value
        case .name(let index):
            return find(program.names[Int(index)])
        }
    }

    /// A dynamic name: the first object down the stack that has its first part, then the
    /// other parts inside that one only.
    private func find(_ parts: [String]) -> Value {
        var found: Value?
        for frame in stack.reversed() {
            if case .object(let object) = frame, let value = object[parts[0]] {
                found = value
                break
            }
        }
        guard var value = found else { return .null }
        for part in parts.dropFirst() {
            guard case .object(let object) = value, let inner = object[part] else { return .null }
            value = inner
        }
        return value
    }

    private func isEmpty(_ value: Value) -> Bool {
        switch value {
        case .null: true
        case .flag(let on): !on
        case .list(let list): list.count == 0
        case .text, .html, .record, .object: false
        }
    }

    private func write(_ value: Value, escaped: Bool, into out: inout [UInt8]) {
        switch value {
        case .text(let text), .html(let text):
            if escaped { HTMLEscaping.append(text, to: &out) } else { HTMLEscaping.appendRaw(text, to: &out) }
        case .flag(let on):
            out.append(contentsOf: on ? Array("true".utf8) : Array("false".utf8))
        case .null, .list, .record, .object:
            break
        }
    }
}
