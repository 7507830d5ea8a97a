import Foundation
import Inventory

/// The last good copy of each member's data files, one folder per member:
/// `<folder>/<member>/inventory.json`, `findings.json` and `fetched` (the day they were read).
/// It lives beside the output (by default `<source>/.shortpath/members`), never in `content/`.
public struct MemberCache: Sendable {
    public let folder: URL

    public init(_ folder: URL) { self.folder = folder }

    public static func defaultFolder(source: URL) -> URL { source.appending(path: ".shortpath/members") }

    /// Keeps a copy that parsed, replacing the old one file by file (each written whole, then renamed).
    func keep(_ member: MemberEntry, inventory: Data, findings: Data, fetched: Day) {
        let place = folder.appending(path: member.slug)
        try? FileManager.default.createDirectory(at: place, withIntermediateDirectories: true)
        for (name, data) in [("inventory.json", inventory), ("findings.json", findings), ("fetched", Data("\(fetched)\n".utf8))] {
            let target = place.appending(path: name), temporary = place.appending(path: ".\(name).partial")
            if (try? data.write(to: temporary)) == nil || rename(temporary.path, target.path) != 0 {
                try? FileManager.default.removeItem(at: temporary)
            }
        }
    }

    /// The kept copy of a member, when there is one that still parses.
    func copy(of member: MemberEntry) -> (site: MemberSite, fetched: Day?)? {
        let place = folder.appending(path: member.slug)
        guard let inventory = FileManager.default.contents(atPath: place.appending(path: "inventory.json").path),
              let findings = FileManager.default.contents(atPath: place.appending(path: "findings.json").path),
              let site = try? MemberParser.parse(inventory: inventory, findings: findings) else { return nil }
        let fetched = FileManager.default.contents(atPath: place.appending(path: "fetched").path)
            .flatMap { Day(String(decoding: $0, as: UTF8.self).trimmingSpaces) }
        return (site, fetched)
    }
}
