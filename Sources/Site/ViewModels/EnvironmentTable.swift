import Analysis
import Inventory
import Templates

/// The environments side by side, one row per fact, with the cells that differ marked.
struct EnvironmentTable: Sendable {
    var names: [String]
    var rows: [Row]

    struct Row: Sendable {
        var label: String
        var cells: [Cell]
        var differs: Bool
    }

    struct Cell: Sendable {
        var text: String
        var differs: Bool
        var missing: Bool
        var title: String?
        var mismatch: Bool
    }

    init?(_ service: Service, observed: [String: ObservedState]) {
        let environments = service.environments
        guard !environments.isEmpty else { return nil }
        var rows: [Row] = []
        func add(_ label: String, _ values: [String?], title: [String?]? = nil, digest: Bool = false, mismatch: [Bool]? = nil) {
            guard values.contains(where: { $0 != nil }) else { return }
            let first = values[0] ?? ""
            let differs = mismatch == nil && values.contains { ($0 ?? "") != first }
            let cells: [Cell] = values.enumerated().map { index, value in
                Cell(text: value.map { digest ? Format.shortDigest($0) : $0 } ?? "—", differs: differs, missing: value == nil,
                     title: title?[index] ?? (digest ? value : nil), mismatch: mismatch?[index] ?? false)
            }
            rows.append(Row(label: label, cells: cells, differs: differs || (mismatch?.contains(true) ?? false)))
        }
        add("version", environments.map { $0.version?.value })
        add("image", environments.map { $0.image.map(Format.shortImage) }, title: environments.map { $0.image?.value })
        add("digest", environments.map { $0.digest?.value }, digest: true)
        add("deployed", environments.map { $0.deployed?.value.description })
        if !observed.isEmpty {
            let states = environments.map { observed[$0.name] }
            let runningImages = states.map { $0.map { $0.images.map(Format.shortImage).joined(separator: " + ") } }
            let imageMismatch = zip(environments, states).map { environment, state in
                guard let state, let declared = environment.image?.value else { return false }
                return state.images.contains { $0 != declared }
            }
            add("running image", runningImages, title: states.map { $0?.images.joined(separator: ", ") }, mismatch: imageMismatch)
            let runningDigests: [String?] = states.map { state in
                guard let state else { return nil }
                if state.source == .docker { return "not reported (docker gives a local image id)" }
                return state.digests.map(Format.shortDigest).joined(separator: " + ")
            }
            let digestMismatch = zip(environments, states).map { environment, state in
                guard let state, let declared = environment.digest?.value else { return false }
                return state.digests.contains { $0 != declared }
            }
            add("running digest", runningDigests, title: states.map { $0?.digests.joined(separator: ", ") }, mismatch: digestMismatch)
            add("verified", states.map { state in
                state.map { "\($0.date?.description ?? "date unknown"), \($0.instances) running, from \($0.source.rawValue)" } ?? "not observed"
            }, title: states.map { $0?.file }, mismatch: states.map { $0 == nil })
        }
        for name in service.componentNames {
            add(name, environments.map { service.component(name, in: $0)?.version })
        }
        add("base image", environments.map { service.baseImage(in: $0).map(Format.shortImage) },
            title: environments.map { service.baseImage(in: $0)?.value })
        names = environments.map(\.name)
        self.rows = rows
    }

    static let shape = ViewShape<EnvironmentTable>("the environments", [
        .list("names", NameView.shape) { $0.names.map(NameView.init) },
        .list("rows", rowShape) { $0.rows },
        .flag("drift") { $0.rows.contains(where: \.differs) },
    ])

    static let rowShape = ViewShape<Row>("a row of facts", [
        .text("label") { $0.label },
        .list("cells", cellShape) { $0.cells },
        .flag("differs") { $0.differs },
    ])

    static let cellShape = ViewShape<Cell>("a cell", [
        .text("text") { $0.text },
        .flag("differs") { $0.differs },
        .flag("missing") { $0.missing },
        .optionalText("title") { $0.title },
        .flag("mismatch") { $0.mismatch },
    ])
}

/// Each rollout's start-to-stable (or start-to-rollback) time, and the median.
struct RolloutTimings: Sendable {
    var rollouts: [Rollout]
    var median: String
    /// The last stable rollouts against the ones before, in words.
    var paceText: String?
    var rolledBack: Int
    var chart: String?

    init?(_ service: Service, pace: RolloutPace.ServicePace?) {
        guard !service.rollouts.isEmpty else { return nil }
        rollouts = service.rollouts
        median = pace?.trend.median.map { Format.duration(minutes: $0) } ?? "—"
        paceText = pace.map(ProgressPage.paceText)
        rolledBack = pace?.rollbacks ?? 0
        chart = pace.flatMap { pace in
            pace.trend.timings.count >= 2
                ? Charts.rolloutDurations(pace.trend, title: "Rollout duration of \(service.name)", namingService: false, height: 220) : nil
        }
    }

    static let shape = ViewShape<RolloutTimings>("the rollouts", [
        .list("items", itemShape) { $0.rollouts },
        .text("median") { $0.median },
        .optionalText("pace") { $0.paceText },
        .optionalText("rolledBackText") { $0.rolledBack > 0 ? "\($0.rolledBack) rolled back" : nil },
        .optionalHTML("chart") { $0.chart },
    ])

    static let itemShape = ViewShape<Rollout>("a rollout", [
        .text("started") { $0.started.description },
        .text("to") { $0.to ?? "" },
        .text("changes") { $0.changes.map(\.rawValue).joined(separator: ", ") },
        .text("note") { $0.note ?? "" },
        .text("outcome") { $0.outcomeText },
        .flag("rolledBack") { $0.rolledBack },
        .text("duration") { $0.minutes.map { Format.duration(minutes: $0) } ?? "—" },
    ])
}
