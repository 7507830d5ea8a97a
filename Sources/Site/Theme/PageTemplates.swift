import Dispatch
import Templates

/// Every page kind's view shape, for a theme with the given assets (each asset is a name of
/// the frame: `asset_style_css`).
public struct PageShapes: Sendable {
    let frame: ViewShape<PageFrame>
    let index: ViewShape<InventoryPage>
    let service: ViewShape<ServicePage>
    let rollback: ViewShape<RollbackPage>
    let findings: ViewShape<FindingsPage>
    let rule: ViewShape<RulePage>
    let standards: ViewShape<StandardsPage>
    let progress: ViewShape<ProgressPage>
    let review: ViewShape<ReviewPage>
    let notFound: ViewShape<PageFrame>
    let organisation: ViewShape<OrganisationIndexPage>
    let organisationComponents: ViewShape<OrganisationComponentsPage>
    let organisationSearch: ViewShape<OrganisationSearchPage>

    public init(assetNames: some Sequence<String>) {
        frame = PageFrame.shape(assetKeys: PageFrame.assetKeys(assetNames))
        index = InventoryPage.shape(frame)
        service = ServicePage.shape(frame)
        rollback = RollbackPage.shape(frame)
        findings = FindingsPage.shape(frame)
        rule = RulePage.shape(frame)
        standards = StandardsPage.shape(frame)
        progress = ProgressPage.shape(frame)
        review = ReviewPage.shape(frame)
        notFound = NotFoundPage.shape(frame)
        organisation = OrganisationIndexPage.shape(frame)
        organisationComponents = OrganisationComponentsPage.shape(frame)
        organisationSearch = OrganisationSearchPage.shape(frame)
    }

    /// Each page template with the shape it is compiled against, in the order of the site's pages.
    public var byTemplate: [(template: String, shape: Shape)] {
        [("index", index.shape), ("service", service.shape), ("rollback", rollback.shape), ("findings", findings.shape),
         ("rule", rule.shape), ("standards", standards.shape), ("progress", progress.shape), ("review", review.shape), ("404", notFound.shape),
         ("organisation", organisation.shape), ("organisation-components", organisationComponents.shape),
         ("organisation-search", organisationSearch.shape)]
    }

    /// Every name each page template may use, as Markdown (the README's list is this text).
    public var documentation: String {
        byTemplate.map { template, shape in
            "`\(template).mustache`, \(shape.description):\n\n" + shape.outline().joined(separator: "\n") + "\n"
        }.joined(separator: "\n")
    }
}

/// The theme's page templates, each compiled against its page's view.
struct PageTemplates: Sendable {
    let index: PageTemplate<InventoryPage>
    let service: PageTemplate<ServicePage>
    let rollback: PageTemplate<RollbackPage>
    let findings: PageTemplate<FindingsPage>
    let rule: PageTemplate<RulePage>
    let standards: PageTemplate<StandardsPage>
    let progress: PageTemplate<ProgressPage>
    let review: PageTemplate<ReviewPage>
    let notFound: PageTemplate<PageFrame>
    let organisation: PageTemplate<OrganisationIndexPage>
    let organisationComponents: PageTemplate<OrganisationComponentsPage>
    let organisationSearch: PageTemplate<OrganisationSearchPage>

    /// Compiles every page, collecting the errors of all of them.
    init(_ library: TemplateLibrary, shapes: PageShapes) throws(TemplateErrors) {
        var errors: [TemplateError] = []
        func compile<View>(_ name: String, _ shape: ViewShape<View>) -> PageTemplate<View>? {
            do { return try library.compile(name, for: shape) } catch {
                errors += error.errors
                return nil
            }
        }
        let index = compile("index", shapes.index), service = compile("service", shapes.service)
        let rollback = compile("rollback", shapes.rollback), findings = compile("findings", shapes.findings)
        let rule = compile("rule", shapes.rule)
        let standards = compile("standards", shapes.standards), progress = compile("progress", shapes.progress)
        let review = compile("review", shapes.review), notFound = compile("404", shapes.notFound)
        let organisation = compile("organisation", shapes.organisation)
        let organisationComponents = compile("organisation-components", shapes.organisationComponents)
        let organisationSearch = compile("organisation-search", shapes.organisationSearch)
        guard let index, let service, let rollback, let findings, let rule, let standards, let progress, let review, let notFound,
              let organisation, let organisationComponents, let organisationSearch else {
            throw TemplateErrors(errors)
        }
        (self.organisation, self.organisationComponents, self.organisationSearch) = (organisation, organisationComponents, organisationSearch)
        (self.index, self.service, self.rollback, self.findings, self.rule) = (index, service, rollback, findings, rule)
        (self.standards, self.progress, self.review, self.notFound) = (standards, progress, review, notFound)
    }
}

extension PageTemplate {
    /// The page as bytes; with `SHORTPATH_TIMINGS` set, its time and tags are added to the template's.
    func bytes(_ view: View, template: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(16_384)
        guard RenderTimings.shared.enabled else {
            render(view, into: &out)
            return out
        }
        let start = DispatchTime.now().uptimeNanoseconds
        let tags = render(view, into: &out)
        RenderTimings.shared.add(template, DispatchTime.now().uptimeNanoseconds - start, tags: tags)
        return out
    }
}
