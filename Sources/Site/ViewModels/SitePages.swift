import Analysis
import Inventory
import Markdown

/// `findings/index.html`, `standards/index.html` and `404.html`.
enum SitePages {
    static func findings(_ context: PageContext) -> View {
        let route = Route.findings
        var view = context.frame(title: "Findings", route: route, section: "findings")
        let names = Dictionary(context.inventory.services.map { ($0.slug, $0.name) }, uniquingKeysWith: { a, _ in a })
        let groups: [View] = Severity.allCases.compactMap { severity in
            let items = context.report.findings.filter { $0.severity == severity }
            guard !items.isEmpty else { return nil }
            var byRule: [Rule: [Finding]] = [:]
            for finding in items { byRule[finding.rule, default: []].append(finding) }
            let rules: [View] = byRule.keys.sorted().map { rule in
                [
                    "rule": rule.rawValue,
                    "label": rule.label,
                    "count": byRule[rule]!.count,
                    "items": LazyViews(byRule[rule]!) { finding -> View in
                        var item = ServicePage.finding(finding)
                        item["serviceHref"] = finding.service.map { route.link(to: .service($0)) } ?? ""
                        item["hasService"] = finding.service != nil
                        item["serviceName"] = finding.service.flatMap { names[$0] } ?? "site"
                        item["where"] = "\(finding.file):\(finding.line):\(finding.column)"
                        return item
                    },
                ]
            }
            return ["severity": severity.rawValue, "count": items.count, "rules": rules]
        }
        view["groups"] = groups
        view["none"] = groups.isEmpty
        view["findingsJSON"] = route.link(to: .findingsJSON)
        view["counts"] = ["errors": context.report.count(.error), "warnings": context.report.count(.warning),
                          "info": context.report.count(.info)] as View
        return view
    }

    static func standards(_ context: PageContext) -> View {
        let standards = context.inventory.standards
        let route = Route.standards
        var view = context.frame(title: "Standards", route: route, section: "standards")
        view["components"] = context.report.overview.progress.components.map { line -> View in
            ["name": line.name, "version": line.approved, "using": line.total, "conforming": line.conforming]
        }
        view["images"] = standards.images.map { ["name": $0.value.name, "reference": $0.value.reference] as View }
        view["owner"] = standards.owner
        if let review = context.report.overview.review { view["review"] = ReviewTiming.view(review) }
        let body = standards.body.trimmingSpaces
        view["body"] = body.isEmpty ? nil : Markdown.toHTML(standards.body, rewriteLink: ContentLinks.rewriter(from: standards.file, on: route))
        return view
    }

    static func notFound(_ context: PageContext) -> View {
        context.frame(title: "Page not found", route: .notFound, section: "none", absolute: true)
    }
}
