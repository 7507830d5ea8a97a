import Foundation
import FuzzEntries
import Testing

/// Every seed of the fuzzer's corpus and every input it ever found a crash, hang or memory
/// blow-up with (`Tests/fuzz/crashes/<target>/`, kept when fixed) runs through the same entry
/// points as `make fuzz`: a regression crashes this test process or hangs it.
@Suite struct FuzzRegressionTests {
    static let fuzzFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appending(path: "fuzz")

    static func inputs(_ kind: String, _ target: FuzzEntries.Target) -> [URL] {
        let folder = fuzzFolder.appending(path: "\(kind)/\(target.rawValue)")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted().map { folder.appending(path: $0) }
    }

    @Test(arguments: FuzzEntries.Target.allCases)
    func seedCorpusRuns(_ target: FuzzEntries.Target) throws {
        let seeds = Self.inputs("corpus", target)
        #expect(seeds.count >= 5, "the seed corpus of \(target) is missing")
        for seed in seeds { FuzzEntries.run(target, Array(try Data(contentsOf: seed))) }
    }

    @Test(arguments: FuzzEntries.Target.allCases)
    func foundInputsStayFixed(_ target: FuzzEntries.Target) throws {
        for input in Self.inputs("crashes", target) { FuzzEntries.run(target, Array(try Data(contentsOf: input))) }
    }
}
