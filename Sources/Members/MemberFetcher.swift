import Dispatch
import Foundation
import Inventory

/// Reads the members an organisation site names: each one's `inventory.json` and
/// `findings.json`, over HTTP(S) or from a folder, all members at once. A member that cannot
/// be read is shown from the last good copy in the cache, marked with why; with no copy, it
/// is unavailable. Never fails as a whole.
public struct MemberFetcher: Sendable {
    /// The site's source folder: member paths are relative to it.
    public var source: URL
    public var cache: MemberCache
    /// Seconds a member may take to answer each file.
    public var timeout: TimeInterval
    /// The most bytes one data file may have.
    public var sizeLimit: Int
    /// When false, only the cache is read (commands that must not wait on the network).
    public var network: Bool

    public static let defaultTimeout: TimeInterval = 10
    public static let defaultSizeLimit = 64 << 20
    /// Members read at the same time (two requests each). With more than about twelve requests
    /// at once on one URLSession, FoundationNetworking on Linux (Debian 12's libcurl) left the
    /// first six transfers without an answer until they timed out, whatever the per-host
    /// connection limit: 16 members at a time lost members 1 to 6 of 100 every run. Six at a
    /// time read all 100 (`scripts/bench-organisation`).
    static let concurrency = 6

    public init(source: URL, cache: MemberCache? = nil, timeout: TimeInterval = defaultTimeout, sizeLimit: Int = defaultSizeLimit,
                network: Bool = true) {
        self.source = source
        self.cache = cache ?? MemberCache(MemberCache.defaultFolder(source: source))
        self.timeout = timeout
        self.sizeLimit = sizeLimit
        self.network = network
    }

    /// Every member, in the order given.
    public func fetch(_ members: [MemberEntry], today: Day) -> [MemberSnapshot] {
        guard !members.isEmpty else { return [] }
        let box = ResultBox(count: members.count)
        let transfers = HTTPTransfers(timeout: timeout, limit: sizeLimit)
        // Threads, not tasks: the caller may itself run on Swift's small cooperative pool, which
        // a blocking wait must not hold while the work it waits for needs it.
        let group = DispatchGroup(), slots = DispatchSemaphore(value: Self.concurrency)
        for index in members.indices {
            slots.wait()
            group.enter()
            DispatchQueue.global().async {
                box.set(index, snapshot(members[index], today: today, transfers: transfers))
                slots.signal()
                group.leave()
            }
        }
        group.wait()
        transfers.close()
        return box.all
    }

    func snapshot(_ member: MemberEntry, today: Day, transfers: HTTPTransfers) -> MemberSnapshot {
        let problem: MemberParser.Problem
        if network {
            switch read(member, transfers: transfers) {
            case .success(let (inventory, findings)):
                do {
                    let site = try MemberParser.parse(inventory: inventory, findings: findings)
                    cache.keep(member, inventory: inventory, findings: findings, fetched: today)
                    return MemberSnapshot(entry: member, site: site, problem: nil, fetched: today)
                } catch {
                    problem = error
                }
            case .failure(let error):
                problem = error
            }
        } else {
            problem = MemberParser.Problem("not read again by this command")
        }
        guard let copy = cache.copy(of: member) else {
            return MemberSnapshot(entry: member, site: nil, problem: problem.description, fetched: nil)
        }
        return MemberSnapshot(entry: member, site: copy.site, problem: problem.description, fetched: copy.fetched)
    }

    /// Both data files' bytes, or the first problem.
    func read(_ member: MemberEntry, transfers: HTTPTransfers) -> Result<(Data, Data), MemberParser.Problem> {
        switch member.source {
        case .url(let base):
            guard let inventoryURL = URL(string: base + "inventory.json"), let findingsURL = URL(string: base + "findings.json") else {
                return .failure(MemberParser.Problem("not a valid URL"))
            }
            let answers = transfers.get([inventoryURL, findingsURL])
            switch (answers[0], answers[1]) {
            case (.success(let i), .success(let f)): return .success((i, f))
            case (.failure(let problem), _): return .failure(MemberParser.Problem("inventory.json: \(problem)"))
            case (_, .failure(let problem)): return .failure(MemberParser.Problem("findings.json: \(problem)"))
            }
        case .path(let path):
            let folder = path.hasPrefix("/") ? URL(fileURLWithPath: path) : source.appending(path: path)
            do {
                return .success((try readFile(folder.appending(path: "inventory.json")), try readFile(folder.appending(path: "findings.json"))))
            } catch {
                return .failure(error)
            }
        }
    }

    /// A regular file's bytes, refused when larger than the limit.
    func readFile(_ url: URL) throws(MemberParser.Problem) -> Data {
        let name = url.lastPathComponent
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path) else {
            throw MemberParser.Problem("\(name): no such file")
        }
        guard attributes[.type] as? FileAttributeType == .typeRegular else { throw MemberParser.Problem("\(name): not a regular file") }
        if let size = attributes[.size] as? Int, size > sizeLimit {
            throw MemberParser.Problem("\(name): larger than \(HTTPTransfers.size(sizeLimit))")
        }
        guard let data = FileManager.default.contents(atPath: url.path) else { throw MemberParser.Problem("\(name): cannot be read") }
        guard data.count <= sizeLimit else { throw MemberParser.Problem("\(name): larger than \(HTTPTransfers.size(sizeLimit))") }
        return data
    }
}

/// One slot per member, filled by the tasks that read them.
private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [MemberSnapshot?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ snapshot: MemberSnapshot) { lock.withLock { slots[index] = snapshot } }

    var all: [MemberSnapshot] { lock.withLock { slots.map { $0! } } }
}
