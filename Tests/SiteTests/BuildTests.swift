import Analysis
import Foundation
@testable import Inventory
@testable import Site
import DefaultTheme
import Testing

@Suite struct BuildTests {
    @Test func buildsTheBundledExample() throws {
        let out = TemporaryFolder()
        let output = out.url.appending(path: "public")
        let result = try SiteBuilder.build(source: repositoryRoot, output: output, today: exampleToday)
        #expect(result.report.statuses.count == 5)
        let index = try #require(out.read("public/index.html"))
        for name in ["Storefront web", "Order worker", "Admin tool"] { #expect(index.contains(name)) }
        #expect(index.contains("services/storefront-web/index.html"))
        #expect(index.contains("1 retired service<"))
        #expect(index.contains("needs care"))
        #expect(index.contains("<script src=\"assets/inventory.") && index.contains(".js\" defer></script>"))
        let service = try #require(out.read("public/services/storefront-web/index.html"))
        #expect(service.contains("<th scope=\"col\">production</th><th scope=\"col\">staging</th>"))
        #expect(service.contains("22.11.0"))
        #expect(service.contains("pg_partman 4 is not built for 16 yet"))
        #expect(service.contains("<h2>Rolling back</h2>"))
        #expect(service.contains("Median start to stable: <strong>45 min</strong>."))
        let rollback = try #require(out.read("public/services/storefront-web/rollback/index.html"))
        // Image references and the command may wrap after / : @ = on a phone, and nowhere else.
        #expect(rollback.contains("kubectl -n prod rollout undo deployment/<wbr>storefront"))
        #expect(rollback.contains("registry.example.com/<wbr>team/<wbr>storefront:<wbr>1.14.1"))
        let noPlan = try #require(out.read("public/services/order-worker/rollback/index.html"))
        #expect(noPlan.contains("No rollback plan is written for this service"))
        #expect(noPlan.contains("<span class=\"missing\">missing</span>"))
        for page in ["findings/index.html", "standards/index.html", "404.html", "findings.json", "inventory.json", "inventory.csv", "calendar.ics", OutputFolder.markName] {
            #expect(out.read("public/\(page)") != nil, "\(page)")
        }
    }

    @Test func escapesContentAndDropsRawHTML() throws {
        let site = TemporaryFolder()
        site.writeMinimalSite()
        _ = try SiteBuilder.build(source: site.url, output: site.url.appending(path: "public"), today: exampleToday)
        let page = try #require(site.read("public/services/api/index.html"))
        #expect(page.contains("API &lt;b&gt;&amp;"))
        #expect(page.contains("The &quot;public&quot; API"))
        #expect(!page.contains("<script>alert"))
        #expect(!page.contains("<b>&"))
        let index = try #require(site.read("public/index.html"))
        #expect(index.contains("<div class=\"intro\"><p>Hello.</p>"))
    }

    @Test func linksAreRelative() throws {
        let site = TemporaryFolder()
        site.writeMinimalSite()
        _ = try SiteBuilder.build(source: site.url, output: site.url.appending(path: "public"), today: exampleToday)
        for page in ["index.html", "services/api/index.html", "services/api/rollback/index.html", "findings/index.html"] {
            let html = try #require(site.read("public/\(page)"))
            #expect(!html.contains("href=\"/"), "\(page)")
            #expect(!html.contains("src=\"/"), "\(page)")
        }
        let rollback = try #require(site.read("public/services/api/rollback/index.html"))
        #expect(rollback.contains("href=\"../../../assets/style."))
    }

    @Test func outputIsDeterministic() throws {
        let out = TemporaryFolder()
        _ = try SiteBuilder.build(source: repositoryRoot, output: out.url.appending(path: "a"), today: exampleToday)
        _ = try SiteBuilder.build(source: repositoryRoot, output: out.url.appending(path: "b"), today: exampleToday)
        let a = snapshot(out.url.appending(path: "a")), b = snapshot(out.url.appending(path: "b"))
        #expect(a.count > 10)
        #expect(a == b)
    }

    @Test func badContentLeavesThePreviousSiteUntouched() throws {
        let site = TemporaryFolder()
        site.writeMinimalSite()
        let output = site.url.appending(path: "public")
        _ = try SiteBuilder.build(source: site.url, output: output, today: exampleToday)
        let before = snapshot(output)
        site.write("content/services/bad.md", "---\nownr: x\nrebuilt: 2026-02-30\n---\n")
        site.write("content/services/worse.md", "no front matter\n")
        do {
            _ = try SiteBuilder.build(source: site.url, output: output, today: exampleToday)
            Issue.record("the build did not fail")
        } catch let errors as ContentErrors {
            #expect(errors.diagnostics.map(\.description) == [
                "content/services/bad.md:2:1: error: unknown key 'ownr' in a service (did you mean 'owner'?)",
                "content/services/bad.md:3:10: error: '2026-02-30' is not a real date\n  hint: write dates as YYYY-MM-DD, for example 2026-10-02",
                "content/services/worse.md:1:1: error: no front matter: the file must start with a line '---'\n  hint: put the service's facts in YAML between two '---' lines at the top of the file",
            ])
        }
        #expect(snapshot(output) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.url.path).filter { $0.contains("shortpath-swap") }
        #expect(leftovers.isEmpty)
    }

    @Test func refusesToReplaceAFolderItDidNotWrite() throws {
        let site = TemporaryFolder()
        site.writeMinimalSite()
        do {
            _ = try SiteBuilder.build(source: site.url, output: site.url.appending(path: "content"), today: exampleToday)
            Issue.record("the build replaced content/")
        } catch let error as OutputError {
            #expect(error.message.hasSuffix("content is not empty and was not written by shortpath (no .shortpath-output file); refusing to replace it"))
        }
        #expect(site.read("content/services/api.md") != nil)
    }

    @Test func rebuildsOverItsOwnOutputAndKeepsAGitPlaceholder() throws {
        let site = TemporaryFolder()
        site.writeMinimalSite()
        site.write("public/.gitkeep", "")
        let output = site.url.appending(path: "public")
        _ = try SiteBuilder.build(source: site.url, output: output, today: exampleToday)
        _ = try SiteBuilder.build(source: site.url, output: output, today: exampleToday)
        #expect(site.read("public/.gitkeep") == "")
        #expect(site.read("public/index.html") != nil)
    }

    @Test func rewritesOldFilesToTheExactNewBytesAndNeverThroughALink() throws {
        let site = TemporaryFolder()
        site.writeMinimalSite()
        let output = site.url.appending(path: "public")
        // Two builds: the second leaves the first site as the spare folder the third rewrites.
        for _ in 0..<2 { _ = try SiteBuilder.build(source: site.url, output: output, today: exampleToday) }
        let spare = site.url.appending(path: ".public.shortpath-spare")
        let fresh = try #require(site.read("public/services/api/index.html"))
        // Longer and shorter than the new page, and a link to a file outside the site.
        site.write(".public.shortpath-spare/services/api/index.html", fresh + String(repeating: "x", count: 5000))
        site.write(".public.shortpath-spare/index.html", "short")
        site.write("outside.txt", "keep me")
        let rollback = spare.appending(path: "services/api/rollback/index.html")
        try FileManager.default.removeItem(at: rollback)
        try FileManager.default.createSymbolicLink(at: rollback, withDestinationURL: site.url.appending(path: "outside.txt"))
        let before = snapshot(output)
        _ = try SiteBuilder.build(source: site.url, output: output, today: exampleToday)
        #expect(snapshot(output) == before)
        #expect(site.read("outside.txt") == "keep me")
        let attributes = try FileManager.default.attributesOfItem(atPath: output.appending(path: "services/api/rollback/index.html").path)
        #expect(attributes[.type] as? FileAttributeType == .typeRegular)
    }

    @Test func aRebuildDropsPagesOfRemovedServices() throws {
        let site = TemporaryFolder()
        site.writeMinimalSite()
        site.write("content/services/old.md", "---\nname: Old\nowner: lee\n---\n")
        let output = site.url.appending(path: "public")
        for _ in 0..<2 { _ = try SiteBuilder.build(source: site.url, output: output, today: exampleToday) }
        #expect(site.read("public/services/old/index.html") != nil)
        try FileManager.default.removeItem(at: site.url.appending(path: "content/services/old.md"))
        // Two builds: the second writes over the folder that held the site with 'old'.
        for _ in 0..<2 { _ = try SiteBuilder.build(source: site.url, output: output, today: exampleToday) }
        #expect(site.read("public/services/old/index.html") == nil)
        #expect(!FileManager.default.fileExists(atPath: output.appending(path: "services/old").path))
        let fresh = site.url.appending(path: "fresh")
        _ = try SiteBuilder.build(source: site.url, output: fresh, today: exampleToday)
        #expect(snapshot(output) == snapshot(fresh))
    }

    /// A spare left by a build that was stopped has a mark without the list of its files:
    /// everything in it that the new site does not have is found by reading its folders.
    @Test func aSpareWithoutItsFileListIsPrunedFolderByFolder() throws {
        let site = TemporaryFolder()
        site.writeMinimalSite()
        let output = site.url.appending(path: "public")
        for _ in 0..<2 { _ = try SiteBuilder.build(source: site.url, output: output, today: exampleToday) }
        let mark = try #require(site.read("public/\(OutputFolder.markName)"))
        #expect(mark.contains("\nFiles:\n") && mark.contains("\nservices/api/index.html\n"))
        let spareMark = ".public.shortpath-spare/\(OutputFolder.markName)"
        site.write(spareMark, String(try #require(site.read(spareMark)).prefix { $0 != "\n" }) + "\n")
        site.write(".public.shortpath-spare/left/behind.html", "from a stopped build")
        site.write(".public.shortpath-spare/services/api/stray.html", "from a stopped build")
        _ = try SiteBuilder.build(source: site.url, output: output, today: exampleToday)
        #expect(site.read("public/left/behind.html") == nil)
        #expect(site.read("public/services/api/stray.html") == nil)
        let fresh = site.url.appending(path: "fresh")
        _ = try SiteBuilder.build(source: site.url, output: fresh, today: exampleToday)
        #expect(snapshot(output) == snapshot(fresh))
    }

    @Test func refusesASpareFolderItDidNotWrite() throws {
        let site = TemporaryFolder()
        site.writeMinimalSite()
        site.write(".public.shortpath-spare/notes.txt", "mine")
        #expect(throws: OutputError.self) {
            try SiteBuilder.build(source: site.url, output: site.url.appending(path: "public"), today: exampleToday)
        }
        #expect(site.read(".public.shortpath-spare/notes.txt") == "mine")
    }

    @Test func embeddedThemeMatchesThemesDefault() throws {
        let folder = repositoryRoot.appending(path: "themes/default")
        let onDisk = snapshot(folder).mapValues { String(decoding: $0, as: UTF8.self) }
        #expect(onDisk.keys.sorted() == DefaultTheme.files.keys.sorted())
        for (path, text) in onDisk { #expect(DefaultTheme.files[path] == text, "themes/default/\(path) differs from the built-in copy") }
    }

    @Test func themeTemplateErrorsNameTheFileAndLine() throws {
        let site = TemporaryFolder()
        site.writeMinimalSite()
        site.write("themes/default/templates/index.mustache", "<h1>{{title}}</h1>\n{{#rows}}\n<p>{{name}}</p>\n{{/row}}\n")
        do {
            _ = try SiteBuilder.build(source: site.url, output: site.url.appending(path: "public"), today: exampleToday)
            Issue.record("no error")
        } catch let errors as ContentErrors {
            let first = try #require(errors.diagnostics.first)
            #expect(first.location.file == "themes/default/templates/index.mustache")
            #expect(first.location.line == 4)
            #expect(first.description == "themes/default/templates/index.mustache:4:1: error: {{/row}} does not close the open section 'rows' (line 2)")
            #expect(!FileManager.default.fileExists(atPath: site.url.appending(path: "public").path), "nothing is written")
        }
    }

    @Test func siteThemeOverridesFileByFile() throws {
        let site = TemporaryFolder()
        site.writeMinimalSite()
        site.write("themes/default/assets/style.css", "body { color: rebeccapurple; }\n")
        _ = try SiteBuilder.build(source: site.url, output: site.url.appending(path: "public"), today: exampleToday)
        let assets = try FileManager.default.contentsOfDirectory(atPath: site.url.appending(path: "public/assets").path).sorted()
        #expect(assets.count == 3)
        #expect(assets.allSatisfy { $0.range(of: #"^(inventory|organisation|style)\.[0-9a-f]{10}\.(js|css)$"#, options: .regularExpression) != nil }, "\(assets)")
        #expect(site.read("public/assets/\(assets[2])") == "body { color: rebeccapurple; }\n")
        #expect(site.read("public/assets/\(assets[0])")?.contains("URLSearchParams") == true)
        #expect(site.read("public/index.html")?.contains("href=\"assets/\(assets[2])\"") == true)
    }
}

@Suite struct JobOrderTests {
    @Test func sitePagesAreSpreadAmongServicePagesEachOnce() {
        let order = SiteRenderer.interleave(siteJobs: 3, serviceJobs: 8)
        #expect(order == [.site(0), .service(0), .service(1), .site(1), .service(2), .service(3), .site(2),
                          .service(4), .service(5), .service(6), .service(7)])
        #expect(SiteRenderer.interleave(siteJobs: 0, serviceJobs: 2) == [.service(0), .service(1)])
        #expect(SiteRenderer.interleave(siteJobs: 2, serviceJobs: 0) == [.site(0), .site(1)])
        let big = SiteRenderer.interleave(siteJobs: 9, serviceJobs: 1000)
        #expect(big.count == 1009 && Set(big.map { "\($0)" }).count == 1009)
    }
}
