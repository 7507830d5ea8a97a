import Foundation
import Templates

/// The official Mustache specification's tests, read from `<repository>/../shared/mustache-spec`
/// or from `$SHORTPATH_MUSTACHE_SPEC`. A fresh clone has no `../shared/mustache-spec`: the
/// suite is then absent, which the tests say.
struct SpecSuite {
    let folder: URL

    static let requiredFiles = ["comments", "delimiters", "interpolation", "inverted", "partials", "sections", "~inheritance"]

    /// The suite's folder, or nil with the places looked at.
    static func locate() -> Result<SpecSuite, Absent> {
        var candidates: [URL] = []
        if let variable = ProcessInfo.processInfo.environment["SHORTPATH_MUSTACHE_SPEC"], !variable.isEmpty {
            candidates.append(URL(fileURLWithPath: variable))
        }
        candidates.append(repositoryRoot.deletingLastPathComponent().appending(path: "shared/mustache-spec"))
        for folder in candidates where FileManager.default.fileExists(atPath: folder.appending(path: "sections.json").path) {
            return .success(SpecSuite(folder: folder))
        }
        return .failure(Absent(looked: candidates.map(\.path)))
    }

    struct Absent: Error, CustomStringConvertible {
        let looked: [String]
        var description: String {
            "The Mustache specification's test suite is absent (looked in \(looked.joined(separator: " and "))); "
                + "set SHORTPATH_MUSTACHE_SPEC to its folder to run it."
        }
    }

    /// The repository this test file belongs to.
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    func tests(in file: String) throws -> [SpecTest] {
        let data = try Data(contentsOf: folder.appending(path: file + ".json"))
        return try JSONDecoder().decode(SpecFile.self, from: data).tests
    }
}

struct SpecFile: Decodable {
    let tests: [SpecTest]
}

struct SpecTest: Decodable, Sendable {
    let name: String
    let desc: String
    let template: String
    let partials: [String: String]
    let expected: String
    /// The data, or why it could not be read (lambdas are code, refused).
    let data: Result<Value, DecodingError>

    enum CodingKeys: String, CodingKey {
        case name, desc, template, partials, expected, data
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        desc = try container.decode(String.self, forKey: .desc)
        template = try container.decode(String.self, forKey: .template)
        partials = try container.decodeIfPresent([String: String].self, forKey: .partials) ?? [:]
        expected = try container.decode(String.self, forKey: .expected)
        do {
            data = .success(try container.decode(Value.self, forKey: .data))
        } catch let error as DecodingError {
            data = .failure(error)
        }
    }

    /// The template's name in the library: no partial of the suite is called this.
    static let templateName = "(spec template)"

    /// Renders the test's template with its partials and data; the errors if it does not parse.
    func render() throws -> String {
        var library = TemplateLibrary()
        var errors = library.add(Self.templateName, path: "template", source: Array(template.utf8))
        for (name, text) in partials.sorted(by: { $0.key < $1.key }) {
            errors += library.add(name, path: name, source: Array(text.utf8))
        }
        if !errors.isEmpty { throw TemplateErrors(errors) }
        return try library.compileDynamic(Self.templateName).render(data.get())
    }
}
