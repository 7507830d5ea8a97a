/// The bounds hostile content meets before any parser or walker could recurse or expand
/// without end. No real file comes near them: a service file nests about five levels, and
/// kubectl's JSON about twenty.
public enum NestingLimits {
    /// The deepest nesting of YAML collections, JSON arrays and objects, and template sections.
    public static let depth = 64

    /// The most values YAML aliases may add to one file's tree (a "billion laughs" file would
    /// otherwise make the schema walk the same mapping millions of times).
    public static let aliasedValues = 100_000

    /// For messages: "the YAML nests deeper than 64 levels".
    public static var deeper: String { "deeper than \(depth) levels" }
}
