import Analysis
import Foundation
import Inventory

/// Writes a product in Shortpath's stored format (`EOLStoredFormat`, read back by
/// `EOLParser`): keys in a fixed order and absent values left out, so the same data always
/// gives the same bytes.
enum EOLStoredWriter {
    static func json(_ product: EOLProduct) -> Data {
        typealias Key = EOLStoredFormat.Key
        typealias ReleaseKey = EOLStoredFormat.ReleaseKey
        var json = JSONWriter()
        json.beginObject()
        json.field(Key.schema.rawValue, .int(EOLStoredFormat.schema))
        json.field(Key.product.rawValue, product.product)
        if let label = product.label { json.field(Key.label.rawValue, label) }
        json.beginArray(Key.aliases.rawValue)
        for alias in product.aliases { json.field(nil, alias) }
        json.endArray()
        if let source = product.source { json.field(Key.source.rawValue, source) }
        if let fetched = product.fetched { json.field(Key.fetched.rawValue, fetched.value.description) }
        json.beginArray(Key.releases.rawValue)
        for cycle in product.cycles {
            json.beginObject()
            json.field(ReleaseKey.cycle.rawValue, cycle.cycle)
            if let day = cycle.releaseDate { json.field(ReleaseKey.releaseDate.rawValue, day.description) }
            json.field(ReleaseKey.lts.rawValue, .bool(cycle.lts))
            if let support = cycle.support { json.field(ReleaseKey.supportEnds.rawValue, value(support)) }
            json.field(ReleaseKey.eol.rawValue, value(cycle.eol))
            if let latest = cycle.latest { json.field(ReleaseKey.latest.rawValue, latest) }
            if let day = cycle.latestDate { json.field(ReleaseKey.latestDate.rawValue, day.description) }
            json.endObject()
        }
        json.endArray()
        json.endObject()
        return Data(json.text.utf8)
    }

    static func value(_ date: EOLCycle.Date) -> JSONWriter.Value {
        switch date {
        case .day(let day): .string(day.description)
        case .yes: .bool(true)
        case .no: .bool(false)
        }
    }
}
