import Foundation
import FuzzEntries

// The fuzzer's driver. Built with `-sanitize=fuzzer,address -D FUZZING` (`make fuzz`), it
// hands libFuzzer the entry named by FUZZ_TARGET (service, observed or theme). Built plainly,
// it replays inputs: `FUZZ_TARGET=theme shortpath-fuzz FILE|FOLDER...`.

enum Selected {
    static let target = FuzzEntries.Target(rawValue: ProcessInfo.processInfo.environment["FUZZ_TARGET"] ?? "")
}

guard let target = Selected.target else {
    let names = FuzzEntries.Target.allCases.map(\.rawValue).joined(separator: ", ")
    FileHandle.standardError.write(Data("set FUZZ_TARGET to one of \(names)\n".utf8))
    exit(2)
}

#if FUZZING
@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(_ argc: UnsafeMutablePointer<Int32>,
               _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
               _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(runDriver(&argc, &argv) { data, size in
    FuzzEntries.run(Selected.target!, size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
})
#else
var count = 0
for argument in CommandLine.arguments.dropFirst() {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: argument, isDirectory: &isFolder) else { continue }
    let files = isFolder.boolValue
        ? ((try? FileManager.default.contentsOfDirectory(atPath: argument)) ?? []).sorted().map { argument + "/" + $0 }
        : [argument]
    for file in files {
        guard let data = FileManager.default.contents(atPath: file) else { continue }
        FuzzEntries.run(target, Array(data))
        count += 1
    }
}
print("replayed \(count) inputs through the \(target.rawValue) target")
#endif
