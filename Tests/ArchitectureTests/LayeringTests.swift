import Foundation
import Testing

/// The stages follow the data, and no stage reaches back: each module imports only the
/// modules below it, and the commands that render nothing do not import `Site`.
@Suite struct LayeringTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The project's modules each module may import (system and package modules are not listed).
    static let allowed: [String: Set<String>] = [
        "Parallel": [],
        "Inventory": ["CYAML", "Parallel"],
        "Analysis": ["Inventory", "Parallel"],
        "Markdown": ["CCmarkGFM"],
        "Templates": [],
        "Members": ["Inventory"],
        "Pipeline": ["Inventory", "Analysis", "Members"],
        "History": ["Inventory", "Analysis", "Parallel"],
        "Site": ["Inventory", "Analysis", "Markdown", "Pipeline", "History", "DefaultTheme", "Parallel", "Templates"],
        "Maintenance": ["Inventory", "Analysis", "Pipeline", "DefaultTheme", "Templates"],
        "Serve": ["Inventory", "Analysis", "Pipeline", "Site"],
    ]
    static let projectModules: Set<String> = ["CYAML", "CCmarkGFM", "Inventory", "Analysis", "Markdown", "Pipeline", "Site",
                                              "Maintenance", "Serve", "DefaultTheme", "Parallel", "Templates", "History", "Members"]

    static func imports(under folder: String) -> [(file: String, module: String)] {
        let base = root.appending(path: folder)
        guard let walker = FileManager.default.enumerator(atPath: base.path) else { return [] }
        var result: [(String, String)] = []
        while let path = walker.nextObject() as? String {
            guard path.hasSuffix(".swift"), let text = try? String(contentsOf: base.appending(path: path), encoding: .utf8) else { continue }
            for line in text.split(separator: "\n") {
                let words = line.split(separator: " ")
                if let index = words.firstIndex(of: "import"), index + 1 < words.count,
                   words[..<index].allSatisfy({ $0.hasPrefix("@") }) {
                    result.append(("\(folder)/\(path)", String(words[index + 1])))
                }
            }
        }
        return result
    }

    @Test(arguments: allowed.keys.sorted())
    func moduleImportsOnlyTheStagesBelowIt(module: String) {
        let imported = Self.imports(under: "Sources/\(module)")
        #expect(["Parallel", "Templates"].contains(module) || !imported.isEmpty, "no Swift files found for \(module)")
        for (file, name) in imported where Self.projectModules.contains(name) {
            #expect(Self.allowed[module]!.contains(name), "\(file) imports \(name)")
        }
    }

    @Test func commandsThatRenderNothingDoNotImportSite() {
        for command in ["Check", "Plan", "Next", "Record", "Review", "New", "EOL", "History"] {
            let imported = Self.imports(under: "Sources/shortpath").filter { $0.file.hasSuffix("/\(command).swift") }
            #expect(!imported.isEmpty, "Sources/shortpath/\(command).swift")
            #expect(!imported.contains { $0.module == "Site" || $0.module == "Serve" }, "\(command) imports Site or Serve")
        }
    }

    /// No page formats a judgement of its own: versions, standings, conformance counts and
    /// thresholds are the analysis's.
    @Test(arguments: ["Sources/Site", "Sources/Maintenance"])
    func viewsMakeNoJudgements(folder: String) throws {
        let base = Self.root.appending(path: folder)
        let walker = try #require(FileManager.default.enumerator(atPath: base.path))
        while let path = walker.nextObject() as? String {
            guard path.hasSuffix(".swift") else { continue }
            let text = try String(contentsOf: base.appending(path: path), encoding: .utf8)
            for forbidden in ["Version(", "standing(", "StandardProgress(", "UpgradeWaves(", "RolloutLesson.of(",
                              "staleImageDays", "rollbackTestDays", "exceptionMaxDays", "eolWarningDays"] {
                #expect(!text.contains(forbidden), "\(folder)/\(path) contains \(forbidden)")
            }
        }
    }
}
