import Inventory

extension Charts {
    /// A small step chart of one series of the history: each value holds until the next point;
    /// a point whose content did not load breaks the line and is marked on the axis.
    static func line(_ values: [(day: Day, value: Int?)], title: String, width: Int = 320, height: Int = 96) -> String {
        let left = 34, right = 10, top = 10, bottom = 20
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let first = values.first?.day.ordinal ?? 0, last = values.last?.day.ordinal ?? 0
        let span = max(1, last - first)
        let highest = max(1, values.compactMap(\.value).max() ?? 1)
        let ceiling = roundUp(highest)
        func x(_ day: Day) -> Int { left + (day.ordinal - first) * plotWidth / span }
        func y(_ value: Int) -> Int { top + plotHeight - value * plotHeight / ceiling }

        var svg = "<svg class=\"chart history\" role=\"img\" viewBox=\"0 0 \(width) \(height)\" xmlns=\"http://www.w3.org/2000/svg\">"
        svg += "<title>\(escape(title))</title>"
        for value in Set([0, ceiling / 2, ceiling]).sorted() {
            svg += "<line class=\"grid\" x1=\"\(left)\" y1=\"\(y(value))\" x2=\"\(width - right)\" y2=\"\(y(value))\"/>"
            svg += "<text class=\"tick\" x=\"\(left - 4)\" y=\"\(y(value) + 4)\" text-anchor=\"end\">\(value)</text>"
        }
        if let day = values.first?.day {
            svg += "<text class=\"tick\" x=\"\(left)\" y=\"\(height - 4)\" text-anchor=\"start\">\(day)</text>"
        }
        if let day = values.last?.day, values.count > 1 {
            svg += "<text class=\"tick\" x=\"\(width - right)\" y=\"\(height - 4)\" text-anchor=\"end\">\(day)</text>"
        }
        // Each run of measured points is one step line: flat until the value changes.
        var path = "", previous: (x: Int, y: Int)?
        func flush() {
            if let previous { path += "H\(previous.x)" }
        }
        for entry in values {
            guard let value = entry.value else {
                flush()
                previous = nil
                let gx = x(entry.day), base = top + plotHeight
                svg += "<path class=\"gap\" d=\"M\(gx - 3) \(base - 3)L\(gx + 3) \(base + 3)M\(gx - 3) \(base + 3)L\(gx + 3) \(base - 3)\"><title>\(entry.day): the content did not load</title></path>"
                continue
            }
            let point = (x: x(entry.day), y: y(value))
            if let before = previous {
                if point.y != before.y { path += "H\(point.x)V\(point.y)" }
            } else {
                path += "M\(point.x) \(point.y)"
            }
            previous = point
        }
        flush()
        if !path.isEmpty { svg += "<path class=\"series\" d=\"\(path)\"/>" }
        if let lastMeasured = values.last(where: { $0.value != nil }), let value = lastMeasured.value {
            svg += "<circle class=\"point\" cx=\"\(x(lastMeasured.day))\" cy=\"\(y(value))\" r=\"3\"><title>\(lastMeasured.day): \(value)</title></circle>"
        }
        return svg + "</svg>"
    }

    /// The next of 1, 2, 4, 6, 8 and 10 times a power of ten at or above `value`, for the
    /// top of a count axis (halves stay whole numbers).
    static func roundUp(_ value: Int) -> Int {
        var scale = 1
        while true {
            for step in [1, 2, 4, 6, 8, 10] where value <= step * scale { return step * scale }
            scale *= 10
        }
    }
}
