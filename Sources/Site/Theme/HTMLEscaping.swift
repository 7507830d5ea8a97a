import Mustache

/// HTML escaping for templates, on UTF-8 bytes. swift-mustache's own escaper looks every
/// Character up in a dictionary, which made escaping a large share of a build; this one
/// returns the text itself when nothing needs escaping. It escapes the same five characters.
struct FastHTMLContentType: MustacheContentType {
    func escapeText(_ text: String) -> String {
        HTMLEscaping.escape(text)
    }
}

public enum HTMLEscaping {
    /// Registers the fast escaper under swift-mustache's `HTML` content type, which every
    /// template of a theme selects (see `Theme`). Call once at start-up, before any concurrency.
    public static func register() {
        _ = registration
    }

    private static let registration: Void = {
        MustacheContentTypes.register(FastHTMLContentType(), named: "HTML")
    }()

    /// The pragma put in front of every template so it renders with the escaper above.
    static let pragma = "{{% CONTENT_TYPE: HTML}}"

    /// `<`, `>`, `&`, `"` and `'` as entities; everything else unchanged.
    public static func escape(_ text: String) -> String {
        let utf8 = text.utf8
        guard utf8.contains(where: { $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0x22 || $0 == 0x27 }) else { return text }
        var out = [UInt8]()
        out.reserveCapacity(utf8.count + 16)
        for byte in utf8 {
            switch byte {
            case 0x3C: out.append(contentsOf: "&lt;".utf8)
            case 0x3E: out.append(contentsOf: "&gt;".utf8)
            case 0x26: out.append(contentsOf: "&amp;".utf8)
            case 0x22: out.append(contentsOf: "&quot;".utf8)
            case 0x27: out.append(contentsOf: "&#39;".utf8)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
