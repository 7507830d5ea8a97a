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
        let noted = service.rollouts.enumerated().compactMap { index, rollout -> (Int, RolloutLesson)? in
            guard let note = rollout.note?.trimmingSpaces, !note.isEmpty else { return nil }
            return (index, RolloutLesson(started: rollout.started, to: rollout.to, outcome: rollout.outcomeText, note: note))
        }
        // Newest first; two rollouts started the same minute keep the later-written one first.
        let sorted = noted.sorted { a, b in
            a.1.started == b.1.started ? a.0 > b.0 : b.1.started < a.1.started
        }
        return sorted.prefix(limit).map(\.1)
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
