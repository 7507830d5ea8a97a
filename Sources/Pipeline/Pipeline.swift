import Analysis
import Foundation
import Inventory

/// An inventory and what the analysis made of it: what every command works from.
public struct AnalysedInventory: Sendable {
    public var inventory: Inventory
    public var report: Report

    public init(inventory: Inventory, report: Report) {
        self.inventory = inventory
        self.report = report
    }
}

/// The stages every command shares, in order: the content files are read and parsed into a
/// validated model (`Inventory`), then analysed (`Analysis`). `build` and `serve` render what
/// comes out (`Site`); `check`, `plan`, `record` and `review` print it (`Maintenance`).
public enum Pipeline {
    /// Reads, validates and analyses the content under `source` as of `today`. A failure holds
    /// every content error of the run. `baseURL` overrides `base_url` from `_index.md`.
    public static func analyse(source: URL, today: Day, baseURL: String? = nil,
                               clock: inout StageClock) throws(ContentErrors) -> AnalysedInventory {
        let inventory = try load(source: source, baseURL: baseURL)
        clock.lap("load")
        let report = try analyse(inventory, today: today)
        clock.lap("analyse")
        return AnalysedInventory(inventory: inventory, report: report)
    }

    /// The same, without timings.
    public static func analyse(source: URL, today: Day, baseURL: String? = nil) throws(ContentErrors) -> AnalysedInventory {
        var clock = StageClock()
        return try analyse(source: source, today: today, baseURL: baseURL, clock: &clock)
    }

    /// Reads and validates the content and runs every rule, without the judgements only the
    /// pages show (what `check` prints).
    public static func findings(source: URL, today: Day) throws(ContentErrors) -> (inventory: Inventory, findings: Findings) {
        var clock = StageClock()
        let inventory = try load(source: source)
        clock.lap("load")
        let findings = try Analyzer.findings(inventory, today: today)
        clock.lap("analyse")
        return (inventory, findings)
    }

    /// Stage 1: the content files, read, parsed and validated into the model. `files` may hand
    /// back service files parsed by an earlier run (`serve`).
    public static func load(source: URL, baseURL: String? = nil, files: (any ServiceFileMemory)? = nil) throws(ContentErrors) -> Inventory {
        var inventory = try ContentLoader.load(source: source, memory: files)
        if let baseURL { inventory.settings.baseURL = baseURL }
        return inventory
    }

    /// Stage 2: every finding and judgement. `findings` may hand back the findings of services
    /// an earlier run judged and that did not change (`serve`).
    public static func analyse(_ inventory: Inventory, today: Day, findings: (any FindingsMemory)? = nil) throws(ContentErrors) -> Report {
        try Analyzer.analyze(inventory, today: today, memory: findings)
    }
}

/// Prints how long each stage took to standard error when `SHORTPATH_TIMINGS` is set.
public struct StageClock {
    private let enabled = ProcessInfo.processInfo.environment["SHORTPATH_TIMINGS"] != nil
    private var last = DispatchTime.now().uptimeNanoseconds

    public init() {}

    public mutating func lap(_ stage: String) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        FileHandle.standardError.write(Data("\(stage): \((now - last) / 1_000_000) ms\n".utf8))
        last = now
    }
}
