import Analysis
import Inventory

/// `inventory.json` and `inventory.csv`: the inventory for scripts and spreadsheets.
enum DataFiles {
    /// Version of the `inventory.json` layout.
    static let schemaVersion = 1

    static func inventoryJSON(_ inventory: Inventory, _ report: Report) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.field("schema", .int(schemaVersion))
        w.field("today", report.today.description)
        w.field("title", inventory.settings.title)
        w.beginArray("services")
        for service in inventory.services {
            let status = report.statuses[service.slug]
            w.beginObject()
            w.field("slug", service.slug)
            w.field("name", service.name)
            w.field("description", service.description)
            w.field("owner", service.owner?.value)
            w.field("status", service.status.rawValue)
            w.field("on_standard_path", .bool(status?.onStandardPath ?? false))
            w.beginArray("reasons")
            for rule in status?.reasons ?? [] { w.field(nil, rule.rawValue) }
            w.endArray()
            w.field("blocks_updates", .bool(service.blocksUpdates))
            w.field("base_image", service.baseImage?.value)
            w.field("rebuilt", service.rebuilt?.value.description)
            w.beginObject("components")
            for component in service.components { w.field(component.name, component.version) }
            w.endObject()
            w.beginObject("environments")
            for environment in service.environments {
                w.beginObject(environment.name)
                w.field("version", environment.version?.value)
                w.field("image", environment.image?.value)
                w.field("digest", environment.digest?.value)
                w.field("deployed", environment.deployed?.value.description)
                w.beginObject("components")
                for component in environment.components { w.field(component.name, component.version) }
                w.endObject()
                w.endObject()
            }
            w.endObject()
            w.field("file", service.file)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.text
    }

    static func inventoryCSV(_ inventory: Inventory, _ report: Report) -> String {
        var out = "slug,name,owner,status,on_standard_path,reasons,production_version,base_image,rebuilt\r\n"
        for service in inventory.services {
            let status = report.statuses[service.slug]
            let fields = [
                service.slug, service.name, service.owner?.value ?? "", service.status.rawValue,
                service.isActive ? String(status?.onStandardPath ?? false) : "",
                (status?.reasons ?? []).map(\.rawValue).joined(separator: " "),
                service.primaryEnvironment?.version?.value ?? "", service.baseImage?.value ?? "",
                service.rebuilt?.value.description ?? "",
            ]
            out += fields.map(csvField).joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// RFC 4180 quoting, and a leading `'` for text a spreadsheet would run as a formula.
    static func csvField(_ value: String) -> String {
        // Most fields hold none of these bytes: then nothing changes, and their characters
        // need not be walked.
        if let first = value.utf8.first, first != 0x3D, first != 0x2B, first != 0x2D, first != 0x40,
           !value.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
            return value
        }
        var value = value
        if let first = value.first, "=+-@".contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
