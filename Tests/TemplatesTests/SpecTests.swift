import Testing
import Templates

/// Every test of the required parts of the Mustache specification passes.
@Suite struct SpecTests {
    @Test(arguments: SpecSuite.requiredFiles)
    func specificationFile(_ file: String) throws {
        let suite: SpecSuite
        switch SpecSuite.locate() {
        case .success(let found): suite = found
        case .failure(let absent):
            print("\(file): \(absent)")
            return
        }
        let tests = try suite.tests(in: file)
        #expect(!tests.isEmpty)
        var passed = 0
        for test in tests {
            do {
                let output = try test.render()
                #expect(output == test.expected, "\(file): \(test.name): \(test.desc)\ntemplate: \(test.template.debugDescription)")
                if output == test.expected { passed += 1 }
            } catch {
                Issue.record("\(file): \(test.name): \(error)")
            }
        }
        print("Mustache specification, \(file): \(passed)/\(tests.count) passed")
    }
}
