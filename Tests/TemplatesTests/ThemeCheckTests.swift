import Testing
import Templates

/// A theme is checked against the page's names when it is compiled: each kind of error, with
/// its exact message, file, line and column, all reported at once.
@Suite struct ThemeCheckTests {
    func check(_ service: String, _ others: [String: String] = [:]) -> [String] {
        errors(others.merging(["service": service]) { $1 }, page: "service", shape: ServiceView.shape)
    }

    @Test func unknownNameWithDidYouMean() {
        #expect(check("<h1>{{nmae}}</h1>") == [
            "templates/service.mustache:1:5: error: no 'nmae' in a service page (did you mean 'name'?)",
        ])
    }

    @Test func unknownNameWithNothingClose() {
        #expect(check("{{owner}}") == ["templates/service.mustache:1:1: error: no 'owner' in a service page"])
    }

    @Test func namesResolveDownTheContextStack() {
        // Inside a component, the component's names and the page's are both visible.
        #expect(check("{{#components}}{{name}} {{title}} {{vrsion}}{{/components}}") == [
            "templates/service.mustache:1:35: error: no 'vrsion' in a service page (did you mean 'version'?)",
        ])
        // Outside, a component's names are not.
        #expect(check("{{version}}") == ["templates/service.mustache:1:1: error: no 'version' in a service page"])
    }

    @Test func dottedNames() {
        #expect(check("{{baseImage.ful}}\n{{baseImge.full}}\n{{name.first}}") == [
            "templates/service.mustache:1:1: error: no 'baseImage.ful' in a service page (did you mean 'baseImage.full'?)",
            "templates/service.mustache:2:1: error: no 'baseImge.full' in a service page (did you mean 'baseImage.full'?)",
            "templates/service.mustache:3:1: error: 'name' is text: it has no 'first'",
        ])
    }

    @Test func sectionOverText() {
        #expect(check("{{#name}}x{{/name}} {{^name}}y{{/name}}") == [
            "templates/service.mustache:1:1: error: 'name' is text, always present: a section needs a flag, a list, a record or an optional value",
            "templates/service.mustache:1:21: error: 'name' is text, always present: {{^name}} would never render",
        ])
    }

    @Test func listFlagOrRecordUsedAsText() {
        #expect(check("{{components}}\n{{retired}}\n{{baseImage}}\n{{#components}}{{.}}{{/components}}") == [
            "templates/service.mustache:1:1: error: 'components' is a list, not text: repeat a section over it with {{#components}}…{{/components}}",
            "templates/service.mustache:2:1: error: 'retired' is a flag, not text: test it with {{#retired}}…{{/retired}}",
            "templates/service.mustache:3:1: error: 'baseImage' is a record, not text: open a section over it with {{#baseImage}}…{{/baseImage}} and use its names",
            "templates/service.mustache:4:16: error: '.' is a component here, not text: use one of its names",
        ])
    }

    @Test func htmlAndTextKeepTheirEscaping() {
        #expect(check("{{runbook}} {{{name}}} {{&note}}") == [
            "templates/service.mustache:1:1: error: 'runbook' is HTML: {{runbook}} would show its markup escaped; use {{{runbook}}}",
            "templates/service.mustache:1:13: error: 'name' is text: {{{name}}} would insert it unescaped; use {{name}}",
            "templates/service.mustache:1:24: error: 'note' is text: {{{note}}} would insert it unescaped; use {{note}}",
        ])
    }

    @Test func unclosedSection() {
        #expect(check("<ul>\n{{#components}}\n<li>{{name}}</li>\n") == [
            "templates/service.mustache:2:1: error: unclosed section 'components': no {{/components}} follows",
        ])
    }

    @Test func closingTagThatClosesSomethingElseOrNothing() {
        #expect(check("<h1>{{title}}</h1>\n{{#components}}\n<p>{{name}}</p>\n{{/component}}\n{{/name}}") == [
            "templates/service.mustache:4:1: error: {{/component}} does not close the open section 'components' (line 2)",
            "templates/service.mustache:5:1: error: {{/name}} closes no open section",
        ])
    }

    @Test func unknownPartialOrParent() {
        #expect(check("{{>wtch}}\n{{<bse}}{{/bse}}", ["watch": "w", "base": "b"]) == [
            "templates/service.mustache:1:1: error: no template named 'wtch' (did you mean 'watch'?)",
            "templates/service.mustache:2:1: error: no template named 'bse' (did you mean 'base'?)",
        ])
    }

    @Test func errorsInsidePartialsNameThePartialsFile() {
        #expect(check("{{#components}}\n  {{>row}}\n{{/components}}", ["row": "<li>{{name}} {{nme}}</li>\n"]) == [
            "templates/row.mustache:1:14: error: no 'nme' in a service page (did you mean 'name'?)",
        ])
    }

    @Test func aPartialThatParsedBadlyIsReportedOnce() {
        #expect(check("{{>broken}}", ["broken": "{{#name}}"]) == [
            "templates/broken.mustache:1:1: error: unclosed section 'name': no {{/name}} follows",
        ])
    }

    @Test func syntaxErrors() {
        #expect(check("<p>{{name</p>") == ["templates/service.mustache:1:4: error: unclosed tag: no '}}' after '{{'"])
        #expect(check("{{{name}}") == ["templates/service.mustache:1:1: error: unclosed tag: no '}}}' after '{{{'"])
        #expect(check("{{}} {{a..b}} {{=<%=}}") == [
            "templates/service.mustache:1:1: error: empty tag",
            "templates/service.mustache:1:6: error: invalid name 'a..b': a dotted name has a name on each side of every '.'",
            "templates/service.mustache:1:15: error: invalid delimiters '<%': give an opening and a closing delimiter, without '=' or spaces, as in {{=<% %>=}}",
        ])
    }

    @Test func lambdasDynamicNamesAndPragmasAreRefused() {
        #expect(check("{{>*name}} {{<*parent}}{{/*parent}} {{%PRAGMA}}") == [
            "templates/service.mustache:1:1: error: dynamic names ('*name') are not supported: name the template",
            "templates/service.mustache:1:12: error: dynamic names ('*parent') are not supported: name the template",
            "templates/service.mustache:1:37: error: pragmas ({{%NAME}}) are not supported",
        ])
    }

    @Test func aTypedPageCannotRecurse() {
        #expect(check("{{#components}}{{>node}}{{/components}}", ["node": "{{name}}{{#components}}{{>node}}{{/components}}"]) == [
            "templates/node.mustache:1:24: error: 'node' includes itself: a typed page cannot recurse",
        ])
    }

    @Test func columnsCountCharacters() {
        #expect(check("<p>é ✓ {{nmae}}</p>") == [
            "templates/service.mustache:1:8: error: no 'nmae' in a service page (did you mean 'name'?)",
        ])
    }

    @Test func everyErrorAtOnceInOrder() {
        let template = """
            {{<base}}
            {{$content}}
            <h1>{{nmae}}</h1>
            {{#description}}{{/description}}
            {{>wtch}}
            {{/content}}
            {{/base}}
            """
        #expect(check(template, ["base": "<title>{{titel}}</title>{{$content}}{{/content}}", "watch": ""]) == [
            "templates/base.mustache:1:8: error: no 'titel' in a service page (did you mean 'title'?)",
            "templates/service.mustache:3:5: error: no 'nmae' in a service page (did you mean 'name'?)",
            "templates/service.mustache:4:1: error: no 'description' in a service page",
            "templates/service.mustache:5:1: error: no template named 'wtch' (did you mean 'watch'?)",
        ])
    }

    @Test func anErrorSharedByPagesIsReportedOnce() {
        let first = TemplateError(path: "templates/base.mustache", line: 1, column: 8, message: "no 'titel' in a service page")
        let second = TemplateError(path: "templates/base.mustache", line: 1, column: 8, message: "no 'titel' in an index page")
        #expect(TemplateErrors([second, first]).errors == [first])
    }

    @Test func theDynamicPathRendersUnknownPartialsAndNamesAsNothing() throws {
        let (library, errors) = library(["page": "[{{>missing}}{{missing}}]"])
        #expect(errors.isEmpty)
        #expect(try library.compileDynamic("page").render(.object([:])) == "[]")
    }

    @Test func aMissingPageTemplate() {
        #expect(errors(["service": ""], page: "servce", shape: ServiceView.shape) == [
            "servce:1:1: error: no template named 'servce' (did you mean 'service'?)",
        ])
    }
}
