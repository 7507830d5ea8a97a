import ArgumentParser
import Foundation
import Inventory

/// `--source` and `--today`, shared by every command.
struct CommonOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The folder that holds content/ (and themes/).", valueName: "dir"))
    var source: String = "."

    @Option(help: ArgumentHelp("The date to judge by (default: SOURCE_DATE_EPOCH, else the clock).", valueName: "yyyy-mm-dd"))
    var today: String?

    var sourceURL: URL { URL(fileURLWithPath: source).standardizedFileURL }

    /// `--today`, else `SOURCE_DATE_EPOCH`, else the clock, as a UTC day.
    func resolveToday() throws -> Day {
        if let today {
            guard let day = Day(today) else { throw ValidationError("--today must be a real date as YYYY-MM-DD, got '\(today)'") }
            return day
        }
        if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"] {
            guard let seconds = Int(epoch) else { throw ValidationError("SOURCE_DATE_EPOCH must be whole seconds, got '\(epoch)'") }
            return Day(ordinal: Int((Double(seconds) / 86400).rounded(.down)))
        }
        return Day(ordinal: Int((Date().timeIntervalSince1970 / 86400).rounded(.down)))
    }
}

/// Writes to standard error; nothing else can be told if that fails. (`FileHandle.write(_:)`
/// traps on a failed write, so the throwing `write(contentsOf:)` is used everywhere.)
func standardError(_ text: String) {
    try? FileHandle.standardError.write(contentsOf: Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
}

/// Writes a report to standard output. A write that fails (a full disk, `> /dev/full`) is an
/// error with its reason and exit code 2, not a crash and not a report cut short in silence.
func standardOutput(_ bytes: [UInt8]) throws {
    do {
        try FileHandle.standardOutput.write(contentsOf: bytes)
    } catch {
        standardError("error: cannot write to standard output: \(error.localizedDescription)")
        throw ExitCode(2)
    }
}

func standardOutput(_ text: String) throws { try standardOutput(Array(text.utf8)) }

/// Prints content errors the way compilers do; the exit code for bad input.
func failWithContentErrors(_ errors: ContentErrors) -> ExitCode {
    standardError(errors.description)
    return ExitCode(2)
}
