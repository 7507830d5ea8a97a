import Inventory

extension PathFactor {
    /// The factor's name in plain words, as the pages and `shortpath next` show it.
    public var title: String {
        switch self {
        case .loneVersion: "a version nobody else runs"
        case .customImage: "a base image outside the approved set"
        case .oldImageTag: "an older tag of an approved base image"
        case .staleImage: "a stale image"
        case .untestedRollback: "an untested rollback"
        case .unprovenRestore: "an unproven restore"
        case .slowRollouts: "slow rollouts"
        case .rollbacks: "rollouts rolled back"
        case .blocksUpdates: "holds others back"
        }
    }
}
