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
