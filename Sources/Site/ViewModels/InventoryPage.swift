import Analysis
import Inventory
import Markdown

/// `index.html`: one row per active service, counts on top, retired services apart.
enum InventoryPage {
    static func view(_ context: PageContext) -> View {
        let inventory = context.inventory, report = context.report
        let route = Route.index
        var view = context.frame(title: inventory.settings.title, route: route, section: "inventory")
        let active = inventory.services.filter(\.isActive)
        let onPath = active.count { report.statuses[$0.slug]?.onStandardPath == true }
        view["intro"] = inventory.settings.intro.trimmingSpaces.isEmpty ? nil : Markdown.toHTML(inventory.settings.intro, rewriteLink: ContentLinks.rewriter(from: inventory.settings.file, on: route))
        view["rows"] = LazyViews(active) { row($0, context, from: route) }
        view["owners"] = Set(active.compactMap { $0.owner?.value }).sorted().map { ["name": $0] as View }
        view["counts"] = [
            "services": active.count,
            "onPath": onPath,
            "needCare": active.count - onPath,
            "errors": report.count(.error),
            "warnings": report.count(.warning),
        ] as View
        let retired = inventory.services.filter { !$0.isActive }
        view["retired"] = retired.map { ["href": route.link(to: .service($0.slug)), "name": $0.name, "description": $0.description ?? "", "owner": $0.owner?.value ?? ""] as View }
        view["retiredCount"] = retired.count
        view["retiredNoun"] = retired.count == 1 ? "service" : "services"
        view["hasRetired"] = !retired.isEmpty
        return view
    }

    static func row(_ service: Service, _ context: PageContext, from route: Route) -> View {
        let status = context.report.statuses[service.slug]
        var row: View = [
            "slug": service.slug,
            "href": route.link(to: .service(service.slug)),
            "name": service.name,
            "description": service.description ?? "",
            "owner": service.owner?.value ?? "",
            "ownerMissing": service.owner == nil,
            "version": service.primaryEnvironment?.version?.value ?? "",
            "onPath": status?.onStandardPath ?? true,
            "blocksUpdates": service.blocksUpdates,
            "reasons": (status?.reasons ?? []).map { ["label": $0.label, "rule": $0.rawValue] as View },
            "statusText": status?.onStandardPath ?? true ? "on the standard path" : "needs care",
        ]
        let observed = context.report.observed[service.slug] ?? [:]
        row["verified"] = service.environments.compactMap { environment in
            observed[environment.name].map { "\(environment.name) \($0.date?.description ?? "")" }
        }.joined(separator: ", ")
        row["hasVerified"] = !observed.isEmpty
        if let image = service.baseImage {
            row["baseImage"] = ["short": Format.shortImage(image), "full": image.value] as View
        }
        if let age = context.assessment(of: service).image {
            row["rebuilt"] = ["date": age.day.description, "age": Format.age(age.days), "days": age.days] as View
        }
        return row
    }
}
