import Analysis
import Inventory
import Markdown
import Templates

/// `standards/index.html`: the approved versions and images, and the standard's own text.
struct StandardsPage: Sendable {
    var frame: PageFrame
    var components: [StandardProgress.Line]
    var images: [NamedImage]
    var owner: String?
    var review: DueDate?
    var body: String?

    init(_ context: PageContext) {
        let standards = context.inventory.standards
        let route = Route.standards
        frame = context.frame(title: "Standards", route: route, section: "standards")
        components = context.report.overview.progress.components
        images = standards.images.map(\.value)
        owner = standards.owner
        review = context.report.overview.review
        let body = standards.body.trimmingSpaces
        self.body = body.isEmpty ? nil : Markdown.toHTML(standards.body, rewriteLink: ContentLinks.rewriter(from: standards.file, on: route))
    }

    static func shape(_ frame: ViewShape<PageFrame>) -> ViewShape<StandardsPage> {
        ViewShape("the standards page", [
            .embed(frame) { $0.frame },
            .list("components", componentShape) { $0.components },
            .list("images", imageShape) { $0.images },
            .optionalText("owner") { $0.owner },
            .optional("review", ReviewTiming.shape) { $0.review },
            .optionalHTML("body") { $0.body },
        ])
    }

    static let componentShape = ViewShape<StandardProgress.Line>("an approved component", [
        .text("name") { $0.name },
        .text("version") { $0.approved },
        .number("using") { $0.total },
        .number("conforming") { $0.conforming },
    ])

    static let imageShape = ViewShape<NamedImage>("an approved image", [
        .text("name") { $0.name },
        .text("reference") { $0.reference },
    ])
}

/// `404.html`: only the frame, with absolute links.
enum NotFoundPage {
    static func view(_ context: PageContext) -> PageFrame {
        context.frame(title: "Page not found", route: .notFound, section: "none", absolute: true)
    }

    static func shape(_ frame: ViewShape<PageFrame>) -> ViewShape<PageFrame> {
        ViewShape("the 404 page", [.embed(frame) { $0 }])
    }
}
