import Dispatch
import Foundation
import Templates

// Renders the default theme's service page from a typed view, again and again into one
// reused buffer, as a build's worker does. `scripts/bench-templates` runs it under callgrind
// twice and divides the difference in instructions by the pages and the tags they ran.
//
// Usage: TemplatesBenchmark [PAGES] [TEMPLATES_FOLDER] [--print]

var arguments = CommandLine.arguments
let printPage = arguments.contains("--print")
arguments.removeAll { $0 == "--print" }
let pages = arguments.count > 1 ? Int(arguments[1]) ?? 1000 : 1000
let folder = URL(fileURLWithPath: arguments.count > 2 ? arguments[2] : "themes/default/templates")

var library = TemplateLibrary()
var problems: [TemplateError] = []
for file in (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.sorted() ?? [] where file.hasSuffix(".mustache") {
    let source = Array(FileManager.default.contents(atPath: folder.appending(path: file).path) ?? Data())
    problems += library.add(String(file.dropLast(".mustache".count)), path: folder.appending(path: file).path, source: source)
}
let page: PageTemplate<ServicePageView>
do {
    guard problems.isEmpty else { throw TemplateErrors(problems) }
    page = try library.compile("service", for: ServicePageView.shape)
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(2)
}

let view = ServicePageView.sample
var buffer: [UInt8] = []
buffer.reserveCapacity(1 << 16)
let start = DispatchTime.now().uptimeNanoseconds
for _ in 0..<pages {
    buffer.removeAll(keepingCapacity: true)
    page.render(view, into: &buffer)
}
let nanoseconds = DispatchTime.now().uptimeNanoseconds - start
let tags = page.tagsRun(view)
if printPage { FileHandle.standardOutput.write(Data(buffer)) }
print("pages: \(pages)")
print("tags per page: \(tags)")
print("bytes per page: \(buffer.count)")
if pages > 0 { print(String(format: "wall per page: %.1f µs", Double(nanoseconds) / Double(pages) / 1000)) }
