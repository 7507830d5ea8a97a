import Analysis
import Inventory

/// `inventory.json` and `inventory.csv`: the inventory for scripts and spreadsheets.
enum DataFiles {
    /// Version of the `inventory.json` layout.
    static let schemaVersion = 1

    /// About 1.4 kB a service.
    static func inventoryJSON(_ inventory: Inventory, _ report: Report) -> [UInt8] {
        var w = JSONWriter(reservingCapacity: 4096 + 1600 * inventory.services.count)
        w.beginObject()
        w.field("schema", .int(schemaVersion))
        w.field("today", report.today.description)
        w.field("title", inventory.settings.title)
        w.field("base_url", inventory.settings.baseURL)
        writeStandard(inventory.standards, to: &w)
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
            w.beginArray("exceptions")
            for exception in service.exceptions {
                w.beginObject()
                w.field("component", exception.component.value)
                w.field("version", exception.version?.value)
                w.field("until", exception.until?.value.description)
                w.field("approved_by", exception.approvedBy)
                w.field("reason", exception.reason)
                w.endObject()
            }
            w.endArray()
            w.field("file", service.file)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.utf8
    }

    /// The site's own standard, so an organisation site can compare it with its own.
    static func writeStandard(_ standards: Standards, to w: inout JSONWriter) {
        w.beginObject("standard")
        w.field("review", standards.review?.value.description)
        w.beginObject("components")
        for component in standards.components { w.field(component.name, component.version) }
        w.endObject()
        w.beginObject("images")
        for image in standards.images { w.field(image.value.name, image.value.reference) }
        w.endObject()
        w.endObject()
    }

    static func inventoryCSV(_ inventory: Inventory, _ report: Report) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256 + 256 * inventory.services.count)
        out += "slug,name,owner,status,on_standard_path,reasons,production_version,base_image,rebuilt\r\n".utf8
        for service in inventory.services {
            let status = report.statuses[service.slug]
            let fields = [
                service.slug, service.name, service.owner?.value ?? "", service.status.rawValue,
                service.isActive ? String(status?.onStandardPath ?? false) : "",
                (status?.reasons ?? []).map(\.rawValue).joined(separator: " "),
                service.primaryEnvironment?.version?.value ?? "", service.baseImage?.value ?? "",
                service.rebuilt?.value.description ?? "",
            ]
            for (index, field) in fields.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                out += csvField(field).utf8
            }
            out += [13, 10]
        }
        return out
    }

    /// RFC 4180 quoting, and a leading `'` for text a spreadsheet would run as a formula.
    static func csvField(_ value: String) -> String { CSV.field(value) }
}
