import Foundation
import Testing
import Templates

/// What the engine does not do, it refuses with a clear error: lambdas (code in the data)
/// and dynamic names (`{{>*name}}`), the two optional parts of the specification.
@Suite struct RefusalTests {
    @Test func lambdasInTheDataAreRefused() {
        let json = #"{"name": "x", "lambda": {"__tag__": "code", "ruby": "proc { 'world' }", "js": "function() { return 'world' }"}}"#
        #expect {
            _ = try JSONDecoder().decode(Value.self, from: Data(json.utf8))
        } throws: { error in
            "\(error)".contains("lambdas (code in the data) are not supported")
        }
    }

    @Test func dynamicNamesAreRefused() {
        let (_, errors) = library(["page": "{{>*dynamic}}"])
        #expect(errors.map(\.description) == ["templates/page.mustache:1:1: error: dynamic names ('*dynamic') are not supported: name the template"])
    }

    /// Every test of the specification's two optional parts is refused, none half-rendered.
    @Test(arguments: ["~lambdas", "~dynamic-names"])
    func optionalPartsOfTheSpecificationAreRefused(_ file: String) throws {
        guard case .success(let suite) = SpecSuite.locate() else {
            print("\(file): the Mustache specification's test suite is absent; nothing to refuse")
            return
        }
        let tests = try suite.tests(in: file)
        #expect(!tests.isEmpty)
        for test in tests {
            #expect("\(file): \(test.name) rendered") {
                try test.render()
            } throws: { error in
                let message = "\(error)"
                return message.contains("lambdas (code in the data) are not supported") || message.contains("dynamic names ('*")
            }
        }
        print("Mustache specification, \(file): \(tests.count)/\(tests.count) refused")
    }
}
