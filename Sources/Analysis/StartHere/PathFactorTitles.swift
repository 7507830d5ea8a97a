import Inventory

extension PathFactor {
    /// The factor's short name, as the pages and `shortpath next` label each reason with it.
    public var title: String {
        switch self {
        case .loneVersion: "version nobody else runs"
        case .customImage: "custom base image"
        case .oldImageTag: "older base image tag"
        case .staleImage: "stale image"
        case .untestedRollback: "untested rollback"
        case .unprovenRestore: "unproven restore"
        case .slowRollouts: "slow rollouts"
        case .rollbacks: "rolled back"
        case .blocksUpdates: "holds others back"
        }
    }
}
