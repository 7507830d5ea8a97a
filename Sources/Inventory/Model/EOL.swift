/// One release cycle of a product: `22` of nodejs, `3.12` of python.
public struct EOLCycle: Sendable, Equatable {
    /// A date, or only whether the moment has come (`yes`) or not (`no`) when no date is known.
    public enum Date: Sendable, Equatable {
        case day(Day)
        case yes
        case no
    }

    public var cycle: String
    public var releaseDate: Day?
    /// End of life.
    public var eol: Date
    /// End of active support (security fixes may go on until `eol`); nil when the product
    /// has no such phase.
    public var support: Date?
    /// The newest release of the cycle, and when it came out.
    public var latest: String?
    public var latestDate: Day?
    /// A long-term-support line, now or announced.
    public var lts: Bool

    public init(cycle: String, releaseDate: Day?, eol: Date, support: Date?, latest: String?, latestDate: Day? = nil, lts: Bool) {
        self.cycle = cycle
        self.releaseDate = releaseDate
        self.eol = eol
        self.support = support
        self.latest = latest
        self.latestDate = latestDate
        self.lts = lts
    }
}

/// The end-of-life data of one product: `content/eol/<product>.json`.
public struct EOLProduct: Sendable, Equatable {
    public enum Format: Sendable, Equatable {
        /// Shortpath's own format, written by `shortpath eol update`.
        case stored
        /// The bare array of cycles endoflife.date's API v0 served; it carries no fetch date.
        case v0
    }

    /// The product's name: the file's name without `.json`.
    public var product: String
    public var file: String
    /// The product's display name (`Node.js`) and the other names it is known by (`node`).
    public var label: String?
    public var aliases: [String]
    /// Where the data came from, and the day it was fetched (with where the file says so).
    public var source: String?
    public var fetched: Located<Day>?
    public var format: Format
    public var cycles: [EOLCycle]

    public init(product: String, file: String, label: String? = nil, aliases: [String] = [], source: String? = nil,
                fetched: Located<Day>? = nil, format: Format = .stored, cycles: [EOLCycle]) {
        self.product = product
        self.file = file
        self.label = label
        self.aliases = aliases
        self.source = source
        self.fetched = fetched
        self.format = format
        self.cycles = cycles
    }

    /// The names a component may use for this product, compared by `EOLProduct.key`: its own
    /// name, its aliases and its label (`node.js` finds `Node.js`).
    public var names: [String] { [product] + aliases + (label.map { [$0] } ?? []) }

    /// A name reduced to lowercase letters and digits, so that `Node.js`, `node.js` and
    /// `nodejs` are the same.
    public static func key(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }.map(Character.init))
    }
}
