/// Where a tag's value comes from, decided when the template is compiled.
enum Ref: Sendable {
    /// `{{.}}`: the value on top of the context stack.
    case top
    /// A typed record's slot, `depth` records down the context stack.
    case slot(depth: Int32, slot: Int32)
    /// A dotted name through typed records: the first slot, then `Program.paths[rest]`.
    case path(depth: Int32, slot: Int32, rest: Int32)
    /// A name looked up at render time (dynamic data): `Program.names[index]`.
    case name(Int32)
}

/// One instruction. All are plain values: running a program copies no reference.
enum Op: Sendable {
    /// Bytes `start..<end` of `Program.bytes`.
    case text(start: Int32, end: Int32)
    /// A value, HTML-escaped or not.
    case value(Ref, escaped: Bool)
    /// The ops after this one, up to `end`, once per element, once for a present value, or
    /// not at all; then on at `end`.
    case section(Ref, end: Int32)
    /// The ops up to `end` when the value is absent, false or an empty list.
    case inverted(Ref, end: Int32)
    /// Another unit: a partial or parent template, compiled for this place.
    case call(Int32)
}

/// A compiled template: flat units of ops with jump offsets, and the bytes of its text.
/// Unit 0 is the template itself; partials and parents are units of their own, compiled
/// for the context they are used in (with their indentation and block overrides applied).
/// All units' ops stand in one array; a section's `end` is an index in it.
struct Program: Sendable {
    var ops: [Op] = []
    /// Each unit's ops: `ops[start..<end]`.
    var units: [Range<Int>] = []
    var bytes: [UInt8] = []
    var paths: [[Int32]] = []
    var names: [[String]] = []

    /// Puts units compiled one by one (their sections' ends counted from their own start)
    /// into the one array.
    mutating func append(unit: [Op]) -> Int {
        let base = Int32(ops.count)
        for op in unit {
            switch op {
            case .section(let ref, let end): ops.append(.section(ref, end: end + base))
            case .inverted(let ref, let end): ops.append(.inverted(ref, end: end + base))
            default: ops.append(op)
            }
        }
        units.append(Int(base)..<ops.count)
        return units.count - 1
    }
}
