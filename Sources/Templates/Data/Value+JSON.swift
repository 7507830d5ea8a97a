/// Values decoded from JSON, for the dynamic path (the Mustache specification's tests, or any
/// data without a declared shape). Numbers become text as JSON writes them; objects are read
/// by name. Lambdas (code in the data) are refused.
extension Value: Decodable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .flag(flag)
        } else if let number = try? container.decode(Int.self) {
            self = .text(String(number))
        } else if let number = try? container.decode(Double.self) {
            self = .text(number.description)
        } else if let text = try? container.decode(String.self) {
            self = .text(text)
        } else if let list = try? container.decode([Value].self) {
            self = .list(.values(list))
        } else {
            let object = try container.decode([String: Value].self)
            if case .text("code") = object["__tag__"] {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "lambdas (code in the data) are not supported")
            }
            self = .object(object)
        }
    }
}
