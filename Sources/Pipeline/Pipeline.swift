import Analysis
import Foundation
import Inventory
import Members

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
    public static func analyse(source: URL, today: Day, baseURL: String? = nil, members: MemberOptions = .cacheOnly,
                               clock: inout StageClock) throws(ContentErrors) -> AnalysedInventory {
        var inventory = try load(source: source, baseURL: baseURL)
        clock.lap("load")
        inventory.members = readMembers(inventory.settings.members, source: source, today: today, options: members)
        clock.lap("members")
        let report = try analyse(inventory, today: today)
        clock.lap("analyse")
        return AnalysedInventory(inventory: inventory, report: report)
    }

    /// The same, without timings.
    public static func analyse(source: URL, today: Day, baseURL: String? = nil,
                               members: MemberOptions = .cacheOnly) throws(ContentErrors) -> AnalysedInventory {
        var clock = StageClock()
        return try analyse(source: source, today: today, baseURL: baseURL, members: members, clock: &clock)
    }

    /// Stage 1b: an organisation site's members, each read now or from its last good copy.
    public static func readMembers(_ members: [MemberEntry], source: URL, today: Day, options: MemberOptions) -> [MemberSnapshot] {
        guard !members.isEmpty else { return [] }
        let fetcher = MemberFetcher(source: source, cache: options.cache.map(MemberCache.init), timeout: options.timeout,
                                    sizeLimit: options.sizeLimit, network: options.network)
        return fetcher.fetch(members, today: today)
    }

    /// Reads and validates the content and runs every rule, without the judgements only the
    /// pages show (what `check` prints).
    public static func findings(source: URL, today: Day,
                                members: MemberOptions = .cacheOnly) throws(ContentErrors) -> (inventory: Inventory, findings: Findings) {
        var clock = StageClock()
        var inventory = try load(source: source)
        clock.lap("load")
        inventory.members = readMembers(inventory.settings.members, source: source, today: today, options: members)
        clock.lap("members")
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

/// How an organisation site's members are read.
public struct MemberOptions: Sendable {
    /// Read the members now; when false, only their last good copies are shown.
    public var network: Bool
    /// Seconds each data file may take.
    public var timeout: TimeInterval
    public var sizeLimit: Int
    /// Where the last good copies are kept; default `<source>/.shortpath/members`.
    public var cache: URL?

    public init(network: Bool = true, timeout: TimeInterval = MemberFetcher.defaultTimeout,
                sizeLimit: Int = MemberFetcher.defaultSizeLimit, cache: URL? = nil) {
        self.network = network
        self.timeout = timeout
        self.sizeLimit = sizeLimit
        self.cache = cache
    }

    /// `build` and `check`: every member read again.
    public static let online = MemberOptions()
    /// Every other command: the copies the last build kept.
    public static let cacheOnly = MemberOptions(network: false)
}

/// Prints how long each stage took to standard error when `SHORTPATH_TIMINGS` is set.
public struct StageClock {
    private let enabled = ProcessInfo.processInfo.environment["SHORTPATH_TIMINGS"] != nil
    private var last = DispatchTime.now().uptimeNanoseconds
    private var lastCPU = StageClock.processCPU()

    public init() {}

    /// Prints the stage's wall time and the CPU time all threads spent in it.
    public mutating func lap(_ stage: String) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        let cpu = StageClock.processCPU()
        try? FileHandle.standardError.write(contentsOf: Data("\(stage): \((now - last) / 1_000_000) ms (cpu \((cpu - lastCPU) / 1_000_000) ms; at \(now / 1_000_000 % 100_000))\n".utf8))
        last = now
        lastCPU = cpu
    }

    /// User and system time of the whole process, in nanoseconds.
    private static func processCPU() -> UInt64 {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func nanoseconds(_ time: timeval) -> UInt64 { UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_usec) * 1_000 }
        return nanoseconds(usage.ru_utime) + nanoseconds(usage.ru_stime)
    }
}
