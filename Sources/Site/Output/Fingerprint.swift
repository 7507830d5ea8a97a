/// Content-derived asset names, so long cache lifetimes are safe and output stays deterministic.
enum Fingerprint {
    /// `style.css` → `style.<10 hex digits of the content's FNV-1a hash>.css`.
    static func name(_ name: String, _ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        let hex = String(hash, radix: 16)
        let digits = String((String(repeating: "0", count: 16 - hex.count) + hex).prefix(10))
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "\(name).\(digits)" }
        return "\(name[..<dot]).\(digits)\(name[dot...])"
    }
}
