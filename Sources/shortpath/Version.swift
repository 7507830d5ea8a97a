import Inventory
import Markdown

/// What `shortpath --version` prints: the tool's version and the C libraries it runs with,
/// as they report themselves, for bug reports. `make deb` reads `number` from this file.
enum ShortpathVersion {
    static let number = "0.1.0"

    static var report: String {
        """
        shortpath \(number)
        libcmark-gfm \(Markdown.libraryVersion)
        libyaml \(YAMLParser.libraryVersion)
        """
    }
}
