import Foundation
import Testing

/// Every script the Makefile and CI run is executable as checked out: a script committed
/// without its executable bit fails CI with "Permission denied" (it once stopped `make fuzz`).
@Suite struct ExecutableScriptsTests {
    @Test func scriptsAreExecutable() throws {
        let root = LayeringTests.root
        let scripts = try FileManager.default.contentsOfDirectory(atPath: root.appending(path: "scripts").path)
            .map { "scripts/" + $0 } + ["bench/compare-hugo", ".ci/run"]
        #expect(scripts.count > 5)
        for script in scripts {
            #expect(FileManager.default.isExecutableFile(atPath: root.appending(path: script).path), "\(script) is not executable: git update-index --chmod=+x \(script)")
        }
    }
}
