/// A value from a content file, with the line and column of the key that set it.
public struct Located<Value: Sendable>: Sendable {
    public var value: Value
    public var line: Int
    public var column: Int

    public init(_ value: Value, line: Int, column: Int) {
        self.value = value
        self.line = line
        self.column = column
    }
}

extension Located: Equatable where Value: Equatable {}
extension Located: Hashable where Value: Hashable {}

/// Anything read from a content file that knows where: findings point at it.
public protocol SourcePositioned {
    var line: Int { get }
    var column: Int { get }
}

extension Located: SourcePositioned {}
extension ComponentVersion: SourcePositioned {}
extension Rollback: SourcePositioned {}
extension Environment: SourcePositioned {}

/// An image reference as written, where it was written, and parsed once when the file is
/// read: rules and pages use `reference` instead of parsing the text again.
public struct ImageField: Sendable, Equatable, SourcePositioned {
    public var value: String
    public var reference: ImageReference
    public var line: Int
    public var column: Int

    public init(_ value: String, reference: ImageReference, line: Int, column: Int) {
        self.value = value
        self.reference = reference
        self.line = line
        self.column = column
    }
}

/// A component and its version, such as `node: "20.11.1"`.
public struct ComponentVersion: Sendable, Equatable {
    public var name: String
    public var version: String
    public var line: Int
    public var column: Int

    public init(name: String, version: String, line: Int, column: Int) {
        self.name = name
        self.version = version
        self.line = line
        self.column = column
    }
}
