import Analysis
import Inventory

/// `organisation.json` and `organisation.csv`: the organisation's members, components, base
/// images, differing standards and every member service, for scripts, spreadsheets and a
/// larger organisation's own site.
enum OrganisationData {
    /// Version of the `organisation.json` layout.
    static let schemaVersion = 1

    static func json(_ inventory: Inventory, _ report: Report) -> String {
        guard let overview = report.organisation else { return "" }
        var w = JSONWriter()
        w.beginObject()
        w.field("schema", .int(schemaVersion))
        w.field("today", report.today.description)
        w.field("title", inventory.settings.title)
        w.field("member_stale_days", .int(overview.staleLimit))
        w.beginArray("members")
        for standing in overview.members {
            let snapshot = standing.snapshot
            w.beginObject()
            w.field("name", snapshot.entry.name)
            w.field("team", snapshot.entry.team)
            w.field("url", snapshot.link(""))
            w.field("state", standing.state.rawValue)
            w.field("problem", snapshot.problem)
            w.field("built", snapshot.site?.built.description)
            w.field("fetched", snapshot.fetched?.description)
            w.field("age_days", .int(standing.age))
            w.field("over_limit", .bool(standing.overLimit))
            w.field("services", .int(standing.services))
            w.field("on_standard_path", .int(standing.onPath))
            w.field("errors", .int(standing.errors))
            w.field("warnings", .int(standing.warnings))
            w.field("open_exceptions", .int(standing.openExceptions))
            w.field("expired_exceptions", .int(standing.expiredExceptions))
            w.endObject()
        }
        w.endArray()
        w.beginArray("components")
        for spread in overview.components { write(spread, to: &w, key: "version") }
        w.endArray()
        w.beginObject("base_images")
        w.field("distinct", .int(overview.images.distinct))
        w.beginArray("images")
        for use in overview.images.uses { write(use, to: &w, key: "image") }
        w.endArray()
        w.endObject()
        w.beginArray("standard_differences")
        for difference in overview.differences {
            w.beginObject()
            w.field("member", difference.member)
            w.field("team", difference.team)
            w.beginArray("differences")
            for line in difference.lines { w.field(nil, line) }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.beginArray("services")
        for row in rows(inventory) {
            w.beginObject()
            w.field("member", row.snapshot.entry.name)
            w.field("team", row.snapshot.entry.team)
            w.field("slug", row.service.slug)
            w.field("name", row.service.name)
            w.field("owner", row.service.owner)
            w.field("on_standard_path", .bool(row.service.onStandardPath))
            w.field("version", row.environment?.version)
            w.field("image", row.environment?.image)
            w.field("digest", row.environment?.digest)
            w.field("base_image", row.service.baseImage)
            w.beginObject("components")
            for component in row.service.runningComponents { w.field(component.name, component.version) }
            w.endObject()
            w.field("href", row.href)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.text
    }

    static func write(_ spread: Spread, to w: inout JSONWriter, key: String) {
        w.beginObject()
        w.field("name", spread.name)
        w.field("approved", spread.approved)
        w.field("distinct", .int(spread.distinct))
        w.beginArray("versions")
        for use in spread.uses { write(use, to: &w, key: key) }
        w.endArray()
        w.endObject()
    }

    static func write(_ use: Spread.Use, to w: inout JSONWriter, key: String) {
        w.beginObject()
        w.field(key, use.value)
        w.field("services", .int(use.services))
        w.beginArray("teams")
        for team in use.teams { w.field(nil, team) }
        w.endArray()
        if let conforms = use.conforms { w.field("conforms", .bool(conforms)) } else { w.field("conforms", .string(nil)) }
        w.endObject()
    }

    /// One row per active member service.
    static func csv(_ inventory: Inventory, _ report: Report) -> String {
        var out = "member,team,slug,name,owner,on_standard_path,version,image,digest,base_image,components,state,href\r\n"
        let states = Dictionary((report.organisation?.members ?? []).map { ($0.snapshot.entry.slug, $0.state.rawValue) },
                                uniquingKeysWith: { first, _ in first })
        for row in rows(inventory) {
            let fields = [
                row.snapshot.entry.name, row.snapshot.entry.team, row.service.slug ?? "", row.service.name, row.service.owner ?? "",
                String(row.service.onStandardPath), row.environment?.version ?? "", row.environment?.image ?? "",
                row.environment?.digest ?? "", row.service.baseImage ?? "", row.components,
                states[row.snapshot.entry.slug] ?? "", row.href ?? "",
            ]
            out += fields.map(DataFiles.csvField).joined(separator: ",") + "\r\n"
        }
        return out
    }

    static func rows(_ inventory: Inventory) -> [MemberServiceRow] {
        inventory.members.flatMap { snapshot in
            (snapshot.site?.services ?? []).filter(\.isActive).map { MemberServiceRow(snapshot: snapshot, service: $0) }
        }
    }
}
