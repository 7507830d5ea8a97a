/// Shortpath's own format for `content/eol/<product>.json`, which `shortpath eol update`
/// writes (the README documents it):
///
///     {
///       "schema": 1,
///       "product": "nodejs",
///       "label": "Node.js",
///       "aliases": ["node"],
///       "source": "https://endoflife.date/api/v1/products/nodejs/",
///       "fetched": "2026-11-27",
///       "releases": [
///         {"cycle": "22", "release_date": "2024-04-24", "lts": true, "support_ends": "2025-10-21",
///          "eol": "2027-04-30", "latest": "22.12.0", "latest_date": "2024-12-03"}
///       ]
///     }
///
/// `eol` and `support_ends` are a date, or `true` (it has come, date unknown) or `false`
/// (it has not, no date yet); `support_ends` is left out for products with no separate
/// active-support phase.
public enum EOLStoredFormat {
    public static let schema = 1

    public enum Key: String, CaseIterable, Sendable {
        case schema, product, label, aliases, source, fetched, releases
    }

    public enum ReleaseKey: String, CaseIterable, Sendable {
        case cycle
        case releaseDate = "release_date"
        case lts
        case supportEnds = "support_ends"
        case eol
        case latest
        case latestDate = "latest_date"
    }
}
