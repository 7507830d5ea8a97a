/// Values decoded from JSON, for the dynamic path (the Mustache specification's tests, or any
/// data without a declared shape). Numbers become text as JSON writes them; objects are read
/// by name. Lambdas (code in the data) are refused.
extension Value: Decodable {
    public init(from decoder: any Decoder) throws {
        let single = try decoder.singleValueContainer()
        if single.decodeNil() {
            self = .null
        } else if let flag = try? single.decode(Bool.self) {
            self = .flag(flag)
        } else if let number = try? single.decode(Int.self) {
            self = .text(String(number))
        } else if let number = try? single.decode(Double.self) {
            self = .text(number.description)
        } else if let text = try? single.decode(String.self) {
            self = .text(text)
        } else if var list = try? decoder.unkeyedContainer() {
            var values: [Value] = []
            while !list.isAtEnd { values.append(try list.decode(Value.self)) }
            self = .list(.values(values))
        } else {
            let fields = try decoder.container(keyedBy: Key.self)
            var object: [String: Value] = [:]
            for key in fields.allKeys { object[key.stringValue] = try fields.decode(Value.self, forKey: key) }
            if case .text("code") = object["__tag__"] {
                throw DecodingError.dataCorruptedError(in: single, debugDescription: "lambdas (code in the data) are not supported")
            }
            self = .object(object)
        }
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
