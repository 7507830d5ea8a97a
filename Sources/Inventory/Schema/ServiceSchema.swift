enum ServiceSchema {
    static let keys = ["name", "description", "owner", "status", "blocks_updates", "note", "base_image", "rebuilt",
                       "components", "environments", "target", "exceptions", "rollback", "risk", "links",
                       "signals", "rollouts", "match"]
    static let environmentKeys = ["version", "image", "digest", "deployed", "components", "base_image"]
    static let targetKeys = ["components", "base_image", "version"]
    static let exceptionKeys = ["component", "version", "reason", "approved_by", "approved", "until"]
    static let rollbackKeys = ["previous_image", "command", "config", "health_check", "stop_point", "backups",
                               "database", "decides", "tested", "restore_tested"]
    static let rolloutKeys = ["started", "stable", "rolled_back", "to", "env", "changes", "note"]

    static func decode(_ root: YAMLNode?, slug: String, file: String, body: String, reader r: SchemaReader) -> Service? {
        var service = Service(slug: slug, file: file, line: root?.line ?? 1, name: slug)
        service.body = body
        guard let root, let fields = r.mapping(root, keys: keys, what: "a service") else {
            if root == nil || root?.isNull == true {
                r.error(YAMLNode(.scalar("", plain: true), line: 2, column: 1), "the front matter is empty",
                        hint: "a service needs at least name and owner; see the README for every field")
            }
            return nil
        }
        if let pair = fields["name"] { service.name = r.text(pair) ?? slug }
        service.description = r.text(fields["description"])
        service.owner = r.string(fields["owner"])
        service.status = r.choice(fields["status"], Service.Status.self, options: ["active", "retired"]) ?? .active
        service.blocksUpdates = r.bool(fields["blocks_updates"]) ?? false
        service.note = r.text(fields["note"])
        service.baseImage = r.image(fields["base_image"])
        service.rebuilt = r.day(fields["rebuilt"])
        service.components = r.components(fields["components"])
        service.risk = r.choice(fields["risk"], Service.Risk.self, options: ["low", "medium", "high"])
        service.signals = r.strings(fields["signals"])
        service.match = r.strings(fields["match"])
        if let pair = fields["environments"] {
            service.environments = r.entries(pair.value, what: "'environments'").compactMap { environment($0, r) }
        }
        if let pair = fields["target"], let target = r.mapping(pair.value, keys: targetKeys, what: "'target'") {
            var value = Target()
            value.components = r.components(target["components"])
            value.baseImage = r.image(target["base_image"])
            value.version = r.string(target["version"])
            service.target = value
        }
        if let pair = fields["exceptions"] {
            service.exceptions = r.list(pair.value, what: "'exceptions'").compactMap { exception($0, r) }
        }
        if let pair = fields["rollback"] { service.rollback = rollback(pair, r) }
        if let pair = fields["links"] {
            service.links = r.entries(pair.value, what: "'links'").compactMap { entry in
                r.url(entry).map { NamedLink(name: entry.key.scalar ?? "", url: $0.value) }
            }
        }
        if let pair = fields["rollouts"] {
            service.rollouts = r.list(pair.value, what: "'rollouts'").compactMap { rollout($0, r) }
        }
        return service
    }

    private static func environment(_ pair: YAMLPair, _ r: SchemaReader) -> Environment? {
        let name = pair.key.scalar ?? ""
        var environment = Environment(name: name, line: pair.key.line, column: pair.key.column)
        guard let fields = r.mapping(pair.value, keys: environmentKeys, what: "environment '\(name)'") else {
            return pair.value.isNull ? environment : nil
        }
        environment.version = r.string(fields["version"])
        environment.image = r.image(fields["image"])
        environment.digest = r.digest(fields["digest"])
        environment.deployed = r.day(fields["deployed"])
        environment.components = r.components(fields["components"])
        environment.baseImage = r.image(fields["base_image"])
        return environment
    }

    private static func exception(_ node: YAMLNode, _ r: SchemaReader) -> ServiceException? {
        guard let fields = r.mapping(node, keys: exceptionKeys, what: "an exception") else { return nil }
        guard let component = r.string(fields["component"]) else {
            r.error(node, "an exception must name its 'component'")
            return nil
        }
        var exception = ServiceException(line: node.line, column: node.column, component: component)
        exception.version = r.string(fields["version"])
        exception.reason = r.text(fields["reason"])
        exception.approvedBy = r.text(fields["approved_by"])
        exception.approved = r.day(fields["approved"])
        exception.until = r.day(fields["until"])
        if let approved = exception.approved, let until = exception.until, until.value < approved.value {
            r.error(fields["until"]!.value, "the exception ends (\(until.value)) before it was approved (\(approved.value))")
        }
        return exception
    }

    private static func rollback(_ pair: YAMLPair, _ r: SchemaReader) -> Rollback? {
        guard let fields = r.mapping(pair.value, keys: rollbackKeys, what: "'rollback'") else { return nil }
        var rollback = Rollback(line: pair.key.line, column: pair.key.column)
        rollback.previousImage = r.image(fields["previous_image"])
        rollback.command = r.string(fields["command"])
        rollback.config = r.string(fields["config"])
        rollback.healthCheck = r.string(fields["health_check"])
        rollback.stopPoint = r.string(fields["stop_point"])
        rollback.backups = r.string(fields["backups"])
        rollback.database = r.string(fields["database"])
        rollback.decides = r.string(fields["decides"])
        rollback.tested = r.day(fields["tested"])
        rollback.restoreTested = r.day(fields["restore_tested"])
        return rollback
    }

    private static func rollout(_ node: YAMLNode, _ r: SchemaReader) -> Rollout? {
        guard let fields = r.mapping(node, keys: rolloutKeys, what: "a rollout") else { return nil }
        guard let started = r.moment(fields["started"]) else {
            if fields["started"] == nil { r.error(node, "a rollout must say when it 'started'") }
            return nil
        }
        let stable = r.moment(fields["stable"])
        let rolledBack = r.moment(fields["rolled_back"])
        var outcome = Rollout.Outcome.open
        switch (stable, rolledBack) {
        case (let end?, nil): outcome = .stable(end)
        case (nil, let end?): outcome = .rolledBack(end)
        case (_?, _?):
            r.error(fields["rolled_back"]!.key, "a rollout is either 'stable' or 'rolled_back', not both")
            return nil
        case (nil, nil): break
        }
        if case .stable(let end) = outcome, end < started {
            r.error(fields["stable"]!.value, "the rollout ends (\(end)) before it started (\(started))")
            return nil
        }
        if case .rolledBack(let end) = outcome, end < started {
            r.error(fields["rolled_back"]!.value, "the rollout ends (\(end)) before it started (\(started))")
            return nil
        }
        var changes: [Rollout.Change] = []
        if let pair = fields["changes"] {
            for item in r.strings(pair) {
                if let change = Rollout.Change(rawValue: item) {
                    changes.append(change)
                } else {
                    let options = Rollout.Change.allCases.map(\.rawValue)
                    let suggestion = closestMatch(to: item, in: options).map { " (did you mean '\($0)'?)" } ?? ""
                    r.error(pair.value, "unknown change '\(item)'\(suggestion)", hint: "changes are \(options.joined(separator: ", "))")
                }
            }
        }
        var rollout = Rollout(line: node.line, column: node.column, started: started, outcome: outcome,
                              to: r.text(fields["to"]), changes: changes, note: r.text(fields["note"]))
        rollout.environment = r.text(fields["env"])
        if let to = fields["to"] { rollout.toLine = to.value.line; rollout.toColumn = to.value.column }
        return rollout
    }
}
