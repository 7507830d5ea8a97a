/// What makes one service lengthen everyone's upgrade path, as `policy.path_weights` in
/// `_index.md` names it. Analysis judges each factor; the policy only says how much it weighs.
public enum PathFactor: String, Sendable, CaseIterable, Comparable {
    case loneVersion = "lone_version"
    case customImage = "custom_image"
    case oldImageTag = "old_image_tag"
    case staleImage = "stale_image"
    case untestedRollback = "untested_rollback"
    case unprovenRestore = "unproven_restore"
    case slowRollouts = "slow_rollouts"
    case rollbacks = "rollbacks"
    case blocksUpdates = "blocks_updates"

    /// In the order above, which is the order the reasons are listed in.
    public static func < (a: PathFactor, b: PathFactor) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// The weight when the policy does not set one (the README's table).
    public var defaultWeight: Int {
        switch self {
        case .loneVersion, .customImage, .blocksUpdates: 3
        case .staleImage, .untestedRollback, .slowRollouts: 2
        case .oldImageTag, .unprovenRestore, .rollbacks: 1
        }
    }
}

/// The weight of each factor: the defaults, with the policy's overrides.
public struct PathWeights: Sendable, Equatable {
    /// Set in `policy.path_weights`, where a bad value is reported.
    public var overrides: [PathFactor: Located<Int>] = [:]

    public init() {}

    public subscript(factor: PathFactor) -> Int { overrides[factor]?.value ?? factor.defaultWeight }

    /// The highest weight a factor may have.
    public static let maximum = 100
}
