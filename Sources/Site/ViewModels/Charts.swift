import Analysis
import Inventory
import Templates

/// SVG charts written by the generator: no charting library, no script, readable in print.
enum Charts {
    /// Rollout durations over time, rollbacks marked, with the least-squares line through the
    /// stable ones (the analysis fits it; a rollback never reached stable).
    /// `namingService` labels each point with its service, for a chart of several.
    static func rolloutDurations(_ trend: RolloutTrend, title: String, namingService: Bool, width: Int = 720, height: Int = 260) -> String? {
        let points = trend.timings
        guard !points.isEmpty else { return nil }
        func label(_ point: RolloutTrend.Timing) -> String { namingService ? "\(point.service) \(point.started)" : point.started.description }
        let left = 56, right = 16, top = 32, bottom = 44
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let firstDay = points.map(\.started.day.ordinal).min()!, lastDay = points.map(\.started.day.ordinal).max()!
        let span = max(1, lastDay - firstDay)
        let maxMinutes = niceCeiling(points.map(\.minutes).max()!)
        func x(_ day: Int) -> Int { left + (day - firstDay) * plotWidth / span }
        func y(_ minutes: Int) -> Int { top + plotHeight - minutes * plotHeight / maxMinutes }

        // Written piece by piece: an interpolated string per element cost more than the page.
        var svg = ByteText(capacity: 1_500 + 200 * points.count)
        let escapedTitle = escape(title)
        svg.add("<svg class=\"chart\" role=\"img\" viewBox=\"0 0 "); svg.add(width); svg.add(" "); svg.add(height)
        svg.add("\" xmlns=\"http://www.w3.org/2000/svg\" aria-labelledby=\"chart-title\">")
        svg.add("<title id=\"chart-title\">"); svg.append(escapedTitle); svg.add("</title>")
        svg.add("<text class=\"chart-title\" x=\""); svg.add(left); svg.add("\" y=\"18\">"); svg.append(escapedTitle); svg.add("</text>")
        // Axes, gridlines and labels.
        for step in 0...4 {
            let value = maxMinutes * step / 4
            let gy = y(value)
            svg.add("<line class=\"grid\" x1=\""); svg.add(left); svg.add("\" y1=\""); svg.add(gy)
            svg.add("\" x2=\""); svg.add(width - right); svg.add("\" y2=\""); svg.add(gy); svg.add("\"/>")
            svg.add("<text class=\"tick\" x=\""); svg.add(left - 6); svg.add("\" y=\""); svg.add(gy + 4)
            svg.add("\" text-anchor=\"end\">"); svg.add(value); svg.add("</text>")
        }
        svg.add("<line class=\"axis\" x1=\""); svg.add(left); svg.add("\" y1=\""); svg.add(top + plotHeight)
        svg.add("\" x2=\""); svg.add(width - right); svg.add("\" y2=\""); svg.add(top + plotHeight); svg.add("\"/>")
        svg.add("<line class=\"axis\" x1=\""); svg.add(left); svg.add("\" y1=\""); svg.add(top)
        svg.add("\" x2=\""); svg.add(left); svg.add("\" y2=\""); svg.add(top + plotHeight); svg.add("\"/>")
        svg.add("<text class=\"tick\" x=\""); svg.add(left); svg.add("\" y=\""); svg.add(top + plotHeight + 16)
        svg.add("\" text-anchor=\"start\">"); svg.append(Day(ordinal: firstDay).description); svg.add("</text>")
        svg.add("<text class=\"tick\" x=\""); svg.add(width - right); svg.add("\" y=\""); svg.add(top + plotHeight + 16)
        svg.add("\" text-anchor=\"end\">"); svg.append(Day(ordinal: lastDay).description); svg.add("</text>")
        svg.add("<text class=\"axis-label\" x=\""); svg.add(left + plotWidth / 2); svg.add("\" y=\""); svg.add(height - 6)
        svg.add("\" text-anchor=\"middle\">rollout start</text>")
        svg.add("<text class=\"axis-label\" transform=\"rotate(-90)\" x=\""); svg.add(-(top + plotHeight / 2))
        svg.add("\" y=\"14\" text-anchor=\"middle\">minutes to stable</text>")
        if let (slope, intercept) = trend.fit, lastDay > firstDay {
            let y0 = min(maxMinutes, max(0, Int((intercept + slope * Double(firstDay)).rounded())))
            let y1 = min(maxMinutes, max(0, Int((intercept + slope * Double(lastDay)).rounded())))
            svg.append("<line class=\"trend\" x1=\"\(x(firstDay))\" y1=\"\(y(y0))\" x2=\"\(x(lastDay))\" y2=\"\(y(y1))\"><title>trend: \(slope <= 0 ? "shorter" : "longer") over time</title></line>")
        }
        for point in points {
            let px = x(point.started.day.ordinal), py = y(point.minutes)
            if point.rolledBack {
                svg.add("<path class=\"rollback\" d=\"M"); svg.add(px - 5); svg.add(" "); svg.add(py - 5)
                svg.add("L"); svg.add(px + 5); svg.add(" "); svg.add(py + 5)
                svg.add("M"); svg.add(px - 5); svg.add(" "); svg.add(py + 5)
                svg.add("L"); svg.add(px + 5); svg.add(" "); svg.add(py - 5); svg.add("\">")
            } else {
                svg.add("<circle class=\"point\" cx=\""); svg.add(px); svg.add("\" cy=\""); svg.add(py); svg.add("\" r=\"4\">")
            }
            svg.add("<title>"); svg.append(escape(label(point))); svg.add(": "); svg.add(point.minutes); svg.add(" min")
            if point.rolledBack { svg.add(", rolled back") }
            svg.add("</title>")
            svg.add(point.rolledBack ? "</path>" : "</circle>")
        }
        svg.add("</svg>")
        return svg.text
    }

    /// A horizontal bar: `part` of `whole`, for conformance counts.
    static func bar(_ part: Int, of whole: Int, label: String) -> String {
        let width = whole == 0 ? 0 : part * 200 / whole
        return "<svg class=\"bar\" role=\"img\" viewBox=\"0 0 200 12\" width=\"200\" height=\"12\" xmlns=\"http://www.w3.org/2000/svg\">"
            + "<title>\(escape(label))</title><rect class=\"bar-bg\" width=\"200\" height=\"12\"/>"
            + "<rect class=\"bar-fill\" width=\"\(width)\" height=\"12\"/></svg>"
    }

    /// Least squares of minutes over days since the first rollout: (slope per day, intercept).

    /// A round number at or above `value` for the top of an axis.
    static func niceCeiling(_ value: Int) -> Int {
        for step in [10, 15, 20, 30, 45, 60, 90, 120, 180, 240, 360, 480, 720, 1440] where value <= step { return step }
        return (value + 1439) / 1440 * 1440
    }

    static func escape(_ text: String) -> String { HTMLEscaping.escape(text) }
}

extension Charts {
    /// One release cycle on the end-of-life timeline.
    struct Cycle {
        var label: String
        var release: Day?
        var support: Day?
        var eol: Day?
        var inUse: Int
    }

    /// Cycles the team runs against their support and end dates, with today marked.
    static func eolTimeline(_ cycles: [Cycle], today: Day, title: String) -> String? {
        let dated = cycles.filter { $0.release != nil || $0.eol != nil }
        guard !dated.isEmpty else { return nil }
        let rowHeight = 26, left = 130, right = 84, top = 34, bottom = 30, width = 760
        let height = top + bottom + rowHeight * dated.count
        let days = dated.flatMap { [$0.release, $0.support, $0.eol] }.compactMap { $0?.ordinal } + [today.ordinal]
        let first = days.min()! - 30, last = days.max()! + 60
        let span = max(1, last - first)
        func x(_ day: Int) -> Int { left + (day - first) * (width - left - right) / span }
        var svg = "<svg class=\"chart eol\" role=\"img\" viewBox=\"0 0 \(width) \(height)\" xmlns=\"http://www.w3.org/2000/svg\" aria-labelledby=\"eol-title\">"
        svg += "<title id=\"eol-title\">\(escape(title))</title><text class=\"chart-title\" x=\"10\" y=\"18\">\(escape(title))</text>"
        // Today's line first, so the dates drawn after it stay readable where they cross it.
        let tx = x(today.ordinal)
        svg += "<line class=\"today\" x1=\"\(tx)\" y1=\"\(top - 6)\" x2=\"\(tx)\" y2=\"\(height - bottom + 4)\"/>"
        for (index, cycle) in dated.enumerated() {
            let y = top + index * rowHeight
            let start = x((cycle.release ?? Day(ordinal: first)).ordinal), end = x((cycle.eol ?? Day(ordinal: last)).ordinal)
            svg += "<text class=\"tick\" x=\"\(left - 8)\" y=\"\(y + 15)\" text-anchor=\"end\">\(escape(cycle.label))\(cycle.inUse > 0 ? " (\(cycle.inUse))" : "")</text>"
            let state = cycle.eol.map { $0 <= today ? "eol-past" : $0.days(until: today) > -90 ? "eol-soon" : "eol-ok" } ?? "eol-ok"
            svg += "<rect class=\"cycle \(state)\" x=\"\(start)\" y=\"\(y + 4)\" width=\"\(max(2, end - start))\" height=\"14\">"
            svg += "<title>\(escape(cycle.label)): released \(cycle.release?.description ?? "?"), end of life \(cycle.eol?.description ?? "not set")</title></rect>"
            if let support = cycle.support {
                let sx = x(support.ordinal)
                svg += "<line class=\"support\" x1=\"\(sx)\" y1=\"\(y + 2)\" x2=\"\(sx)\" y2=\"\(y + 20)\"><title>active support ends \(support)</title></line>"
            }
            if let eol = cycle.eol {
                svg += "<text class=\"tick\" x=\"\(end + 4)\" y=\"\(y + 15)\">\(eol)</text>"
            }
        }
        svg += "<text class=\"tick\" x=\"\(tx)\" y=\"\(height - 8)\" text-anchor=\"middle\">today \(today)</text>"
        return svg + "</svg>"
    }
}
