import Inventory

/// What the service's last rollouts taught, newest first, so the next window starts from it.
public struct RolloutLesson: Sendable, Equatable {
    public var started: Moment
    public var to: String?
    /// `stable`, `rolled back` or `in progress`.
    public var outcome: String
    public var note: String

    /// The notes of the service's most recent rollouts that have one, newest first.
    public static func of(_ service: Service, limit: Int = 5) -> [RolloutLesson] {
        // Newest first (sort is stable: of two started the same minute, the later-written first).
        // The schema keeps a note only when it holds text.
        let noted = service.rollouts.reversed().sorted { $0.started > $1.started }.compactMap { rollout -> RolloutLesson? in
            rollout.note.map { RolloutLesson(started: rollout.started, to: rollout.to, outcome: rollout.outcomeText, note: $0) }
        }
        return Array(noted.prefix(limit))
    }
}

extension Rollout {
    public var outcomeText: String {
        switch outcome {
        case .stable: "stable"
        case .rolledBack: "rolled back"
        case .open: "in progress"
        }
    }
}
