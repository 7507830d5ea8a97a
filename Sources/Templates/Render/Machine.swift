/// Runs a program over a value: the ops and text are read through pointers, the context
/// stack holds one value per open section, and bytes go to a `ByteWriter`.
struct Machine: ~Copyable {
    private let ops: UnsafeBufferPointer<Op>
    private let bytes: UnsafeBufferPointer<UInt8>
    private let program: Program
    /// The context stack: the root value, then one value per open section.
    private var stack: [Value] = []
    /// Partial calls in progress: dynamic data may recurse, but not without end.
    private var depth = 0
    static let maximumDepth = 200
    /// Tags run so far (interpolations, sections, partials), for measurements.
    private(set) var tags = 0
    private var writer: ByteWriter

    /// Renders `program` over `root`, appending the bytes to `out`; returns the tags run.
    @discardableResult
    static func render(_ program: Program, _ root: Value, into out: inout [UInt8]) -> Int {
        program.ops.withUnsafeBufferPointer { ops in
            program.bytes.withUnsafeBufferPointer { bytes in
                // As much room as the caller's buffer has spare (a worker's buffer has held a
                // page before), within reason: a page larger than that grows the writer.
                let capacity = min(max(1 << 14, out.capacity - out.count), 1 << 20)
                var machine = Machine(program, ops, bytes, root, capacity: capacity)
                machine.run(unit: 0)
                machine.writer.append(to: &out)
                return machine.tags
            }
        }
    }

    private init(_ program: Program, _ ops: UnsafeBufferPointer<Op>, _ bytes: UnsafeBufferPointer<UInt8>, _ root: Value, capacity: Int) {
        self.program = program
        self.ops = ops
        self.bytes = bytes
        writer = ByteWriter(capacity: capacity)
        stack.reserveCapacity(16)
        stack.append(root)
    }

    private mutating func run(unit: Int32) {
        run(program.units[Int(unit)])
    }

    private mutating func run(_ range: Range<Int>) {
        var pc = range.lowerBound
        while pc < range.upperBound {
            switch ops[pc] {
            case .text(let start, let end):
                writer.write(bytes.baseAddress! + Int(start), count: Int(end - start))
                pc += 1
            case .value(let ref, let escaped):
                tags &+= 1
                write(value(ref), escaped: escaped)
                pc += 1
            case .section(let ref, let end):
                tags &+= 1
                let body = pc + 1..<Int(end)
                switch value(ref) {
                case .null: break
                case .flag(let on): if on { run(body) }
                case .list(let list):
                    for index in 0..<list.count {
                        stack.append(list.element(index))
                        run(body)
                        stack.removeLast()
                    }
                case let other:
                    stack.append(other)
                    run(body)
                    stack.removeLast()
                }
                pc = Int(end)
            case .inverted(let ref, let end):
                tags &+= 1
                if isEmpty(value(ref)) { run(pc + 1..<Int(end)) }
                pc = Int(end)
            case .call(let unit):
                tags &+= 1
                if depth < Self.maximumDepth {
                    depth += 1
                    run(unit: unit)
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

    private mutating func write(_ value: Value, escaped: Bool) {
        switch value {
        case .text(let text), .html(let text):
            HTMLEscaping.write(text, escaped: escaped, to: &writer)
        case .flag(let on):
            writer.write(on ? "true" : "false")
        case .null, .list, .record, .object:
            break
        }
    }
}
