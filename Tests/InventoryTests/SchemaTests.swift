import Testing
@testable import Inventory

/// Decodes a service's front matter as if it started on line 2 of `content/services/api.md`.
func decodeService(_ yaml: String) throws -> (Service?, [Diagnostic]) {
    let root = try YAMLParser.parse(yaml, file: "content/services/api.md", firstLine: 2)
    let reader = SchemaReader(file: "content/services/api.md")
    let service = ServiceSchema.decode(root, slug: "api", file: "content/services/api.md", body: "", reader: reader)
    return (service, reader.diagnostics)
}

@Suite struct SchemaTests {
    @Test func mapsEveryField() throws {
        let (decoded, errors) = try decodeService("""
            name: Customer API
            description: Public REST API
            owner: dana
            status: active
            blocks_updates: true
            note: pinned libssl
            base_image: registry.example.com/base/web:2026.09
            rebuilt: 2026-10-02
            components: { node: "20.11.1", postgres: "15.8" }
            environments:
              production:
                version: "1.14.2"
                image: registry.example.com/team/api:1.14.2
                digest: sha256:\(String(repeating: "a", count: 64))
                deployed: 2026-10-03
              staging:
                version: 1.10
                components: { node: "22.11.0" }
            target:
              components: { node: "22" }
              base_image: registry.example.com/base/web:2026.11
            exceptions:
              - component: postgres
                version: "15"
                reason: pg_partman
                approved_by: lee
                until: 2027-01-31
            rollback:
              previous_image: registry.example.com/team/api:1.14.1
              command: kubectl -n prod rollout undo deployment/api
              config: git show v1:app.env
              health_check: curl -fsS https://api/healthz
              stop_point: 5 minutes of failures
              backups: s3://backups/api/
              database: no schema change
              decides: dana
              tested: 2026-09-14
              restore_tested: 2026-09-14
            risk: low
            links:
              dashboard: https://grafana.internal.example/d/api
            signals:
              - queue depth above 500
            match: [api, api-worker]
            rollouts:
              - started: 2026-10-03T10:00
                stable: 2026-10-03T10:25
                to: "1.14.2"
                changes: [version]
                note: fine
              - started: 2026-10-04T10:00
                rolled_back: 2026-10-04T11:00
            """)
        #expect(errors.isEmpty, "\(errors)")
        let service = try #require(decoded)
        #expect(service.name == "Customer API")
        #expect(service.owner?.value == "dana")
        #expect(service.owner?.line == 4)
        #expect(service.blocksUpdates)
        #expect(service.rebuilt?.value == Day("2026-10-02"))
        #expect(service.components.map(\.name) == ["node", "postgres"])
        #expect(service.components[0].line == 10)
        #expect(service.environments.map(\.name) == ["production", "staging"])
        #expect(service.environments[1].version?.value == "1.10")
        #expect(service.environments[1].components.first?.version == "22.11.0")
        #expect(service.target?.components.first?.version == "22")
        #expect(service.exceptions.first?.until?.value == Day("2027-01-31"))
        #expect(service.rollback?.missingEssentials == [])
        #expect(service.rollback?.restoreTested?.value == Day("2026-09-14"))
        #expect(service.risk == .low)
        #expect(service.links == [NamedLink(name: "dashboard", url: "https://grafana.internal.example/d/api")])
        #expect(service.match == ["api", "api-worker"])
        #expect(service.rollouts.count == 2)
        #expect(service.rollouts[0].minutes == 25)
        #expect(service.rollouts[1].outcome == .rolledBack(Moment("2026-10-04T11:00")!))
    }

    @Test(arguments: [
        ("ownr: dana\n", 2, 1, "unknown key 'ownr' in a service (did you mean 'owner'?)"),
        ("owner: dana\nrollback:\n  comand: x\n", 4, 3, "unknown key 'comand' in 'rollback' (did you mean 'command'?)"),
        ("rebuilt: 2026-02-30\n", 2, 10, "'2026-02-30' is not a real date"),
        ("rebuilt: 2026-13-01\n", 2, 10, "'2026-13-01' is not a real date"),
        ("rebuilt: last week\n", 2, 10, "'last week' is not a date"),
        ("components:\n  - node\n", 3, 3, "'components' must be a mapping of names to values, found a list"),
        ("exceptions:\n  component: node\n", 3, 3, "'exceptions' must be a list (items starting with '- '), found a mapping"),
        ("environments:\n  production: 1.2\n", 3, 15, "environment 'production' must be a mapping of keys to values, found a single value"),
        ("owner: [a, b]\n", 2, 8, "'owner' must be a single value, found a list"),
        ("blocks_updates: maybe\n", 2, 17, "'blocks_updates' must be true or false, found 'maybe'"),
        ("status: retierd\n", 2, 9, "'status' must be one of active, retired, found 'retierd' (did you mean 'retired'?)"),
        ("base_image: Registry/UPPER:tag\n", 2, 13, "invalid image reference 'Registry/UPPER:tag': 'UPPER' is not a valid repository name (lowercase letters, digits, and '.', '_', '-' between them)"),
        ("environments:\n  production:\n    digest: sha256:abc\n", 4, 13, "invalid digest: a sha256 digest must be 64 lowercase hex digits, found 3 characters in 'sha256:abc…'"),
        ("rollouts:\n  - started: 2026-10-03T10:00\n    stable: 2026-10-03T09:00\n", 4, 13, "the rollout ends (2026-10-03 09:00) before it started (2026-10-03 10:00)"),
        ("rollouts:\n  - started: 2026-10-03T10:00\n    stable: 2026-10-03T11:00\n    rolled_back: 2026-10-03T11:00\n", 5, 5, "a rollout is either 'stable' or 'rolled_back', not both"),
        ("rollouts:\n  - started: 2026-10-03 25:00\n", 3, 14, "'2026-10-03 25:00' is not a date and time"),
        ("rollouts:\n  - stable: 2026-10-03T10:00\n", 3, 5, "a rollout must say when it 'started'"),
        ("rollouts:\n  - started: 2026-10-03T10:00\n    changes: [verison]\n", 4, 14, "unknown change 'verison' (did you mean 'version'?)"),
        ("links:\n  evil: javascript:alert(1)\n", 3, 9, "'javascript:alert(1)' is not an http(s) or mailto link"),
        ("exceptions:\n  - reason: none\n", 3, 5, "an exception must name its 'component'"),
    ])
    func reportsSchemaErrors(_ yaml: String, _ line: Int, _ column: Int, _ message: String) throws {
        let (_, errors) = try decodeService(yaml)
        #expect(errors.count == 1, "\(errors)")
        let error = try #require(errors.first)
        #expect(error.message == message)
        #expect(error.location == SourceLocation(file: "content/services/api.md", line: line, column: column))
    }

    @Test func reportsEveryErrorOfAFile() throws {
        let (_, errors) = try decodeService("ownr: dana\nrebuilt: 2026-02-30\nstatus: gone\n")
        #expect(ContentErrors(errors).diagnostics.map(\.location.line) == [2, 3, 4])
    }

    @Test func errorReadsLikeACompiler() {
        let diagnostic = Diagnostic(SourceLocation(file: "content/services/api.md", line: 7, column: 3),
                                    "unknown key 'ownr' in a service (did you mean 'owner'?)")
        #expect(diagnostic.description == "content/services/api.md:7:3: error: unknown key 'ownr' in a service (did you mean 'owner'?)")
    }

    @Test func settingsAndStandards() throws {
        let settingsRoot = try YAMLParser.parse("title: Inv\npolicy:\n  stale_image_days: 10\n  eol_stale_days: 45\n  severity: { image-stale: error }\n", file: "content/_index.md", firstLine: 2)
        let reader = SchemaReader(file: "content/_index.md")
        let settings = SettingsSchema.decode(settingsRoot, file: "content/_index.md", body: "", reader: reader)
        #expect(reader.diagnostics.isEmpty)
        #expect(settings.title == "Inv")
        #expect(settings.policy.staleImageDays == 10)
        #expect(settings.policy.rollbackTestDays == 90)
        #expect(settings.policy.eolStaleDays == 45)
        #expect(settings.policy.severity["image-stale"]?.value == "error")

        let standardsRoot = try YAMLParser.parse("review: 2027-01-15\ncomponents:\n  node: \"22\"\nimages:\n  web: registry.example.com/base/web:2026.11\neol_products: { node: nodejs }\n", file: "content/standards.md", firstLine: 2)
        let standardsReader = SchemaReader(file: "content/standards.md")
        let standards = StandardsSchema.decode(standardsRoot, file: "content/standards.md", body: "", reader: standardsReader)
        #expect(standardsReader.diagnostics.isEmpty)
        #expect(standards.review?.value == Day("2027-01-15"))
        #expect(standards.approvedVersion(of: "node")?.version == "22")
        #expect(standards.images.first?.value.name == "web")
        #expect(standards.eolProducts == ["node": "nodejs"])
    }

    @Test func pathWeightsOverrideTheDefaultsAndBadOnesAreLocated() throws {
        let good = try YAMLParser.parse("policy:\n  path_weights: { slow_rollouts: 5, blocks_updates: 0 }\n", file: "content/_index.md", firstLine: 2)
        let reader = SchemaReader(file: "content/_index.md")
        let weights = SettingsSchema.decode(good, file: "content/_index.md", body: "", reader: reader).policy.pathWeights
        #expect(reader.diagnostics.isEmpty)
        #expect(weights[.slowRollouts] == 5)
        #expect(weights[.blocksUpdates] == 0)
        #expect(weights[.loneVersion] == PathFactor.loneVersion.defaultWeight)
        #expect(weights.overrides[.slowRollouts]?.line == 3)

        let bad = try YAMLParser.parse("policy:\n  path_weights:\n    slow_rollout: 5\n    stale_image: lots\n    rollbacks: 101\n    custom_image: -1\n",
                                       file: "content/_index.md", firstLine: 2)
        let badReader = SchemaReader(file: "content/_index.md")
        let decoded = SettingsSchema.decode(bad, file: "content/_index.md", body: "", reader: badReader).policy.pathWeights
        #expect(badReader.diagnostics.map(\.description) == [
            "content/_index.md:4:5: error: unknown key 'slow_rollout' in 'path_weights' (did you mean 'slow_rollouts'?)",
            "content/_index.md:5:18: error: 'stale_image' must be a whole number from 0 to 100, found 'lots'",
            "content/_index.md:6:16: error: 'rollbacks' must be a whole number from 0 to 100, found '101'",
            "content/_index.md:7:19: error: 'custom_image' must be a whole number from 0 to 100, found '-1'",
        ])
        #expect(decoded.overrides.isEmpty)
        let notAMapping = try YAMLParser.parse("policy:\n  path_weights: 3\n", file: "content/_index.md", firstLine: 2)
        let mappingReader = SchemaReader(file: "content/_index.md")
        _ = SettingsSchema.decode(notAMapping, file: "content/_index.md", body: "", reader: mappingReader)
        #expect(mappingReader.diagnostics.map(\.message) == ["'path_weights' must be a mapping of keys to values, found a single value"])
    }

    @Test func policyErrors() throws {
        let root = try YAMLParser.parse("policy:\n  stale_image_days: soon\n  severity: { image-stale: loud }\n", file: "content/_index.md", firstLine: 2)
        let reader = SchemaReader(file: "content/_index.md")
        _ = SettingsSchema.decode(root, file: "content/_index.md", body: "", reader: reader)
        #expect(reader.diagnostics.map(\.message) == [
            "'stale_image_days' must be a whole number from 0 to 36500, found 'soon'",
            "severity of 'image-stale' must be error, warning, info or off, found 'loud'",
        ])
    }
}
