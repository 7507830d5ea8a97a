@testable import Analysis
@testable import Inventory
import Testing

@Suite struct RuleTests {
    @Test func cleanServiceIsOnTheStandardPath() {
        let report = Fixture.report(Fixture.cleanYAML)
        #expect(report.findings.isEmpty, "\(report.findings.map(\.message))")
        #expect(report.statuses["api"]?.onStandardPath == true)
    }

    @Test func componentBehind() {
        let report = Fixture.report(Fixture.variant([("node: \"22.11.0\"", "node: \"20.11.1\"")]))
        let finding = report.findings.first { $0.rule == .componentBehind }
        #expect(finding?.message == "node 20.11.1 is behind the approved 22")
        #expect(finding?.severity == .warning)
        #expect(finding?.file == "content/services/api.md")
        #expect(finding?.line == 6)
        #expect(finding?.hint == "upgrade node to 22, or add a dated exception with a reason")
        #expect(report.statuses["api"]?.reasons == [.componentBehind])
    }

    @Test func componentBehindInOneEnvironmentOverride() {
        let yaml = Fixture.variant([("  staging:\n    version: \"1.2.0\"", "  staging:\n    components: { postgres: \"15.8\" }\n    version: \"1.2.0\"")])
        let messages = Fixture.report(yaml).findings.map(\.message)
        #expect(messages.contains("postgres 15.8 in staging is behind the approved 16"))
        #expect(messages.contains("postgres differs between production (16.4) and staging (15.8)"))
    }

    @Test func componentAhead() {
        let rules = Fixture.rules(Fixture.variant([("node: \"22.11.0\"", "node: \"23.1.0\"")]))
        #expect(rules == [.componentAhead])
    }

    @Test func componentUnapproved() {
        let report = Fixture.report(Fixture.variant([("postgres: \"16.4\"", "postgres: \"16.4\", redis: \"7.4.1\"")]))
        #expect(report.findings.map(\.rule) == [.componentUnapproved])
        #expect(report.findings.first?.severity == .info)
        #expect(report.statuses["api"]?.onStandardPath == true)
    }

    @Test func exceptionCoversOnlyItsComponentAndVersion() {
        let exception = "exceptions:\n  - component: postgres\n    version: \"15\"\n    reason: r\n    approved_by: lee\n    until: 2027-01-31"
        let covered = Fixture.rules(Fixture.variant([("postgres: \"16.4\"", "postgres: \"15.8\"")], adding: exception))
        #expect(covered.isEmpty, "\(covered)")
        let otherVersion = Fixture.rules(Fixture.variant([("postgres: \"16.4\"", "postgres: \"14.2\"")], adding: exception))
        #expect(otherVersion.contains(.componentBehind))
        #expect(otherVersion.contains(.exceptionUnused))
        let otherComponent = Fixture.rules(Fixture.variant([("node: \"22.11.0\"", "node: \"20.1.0\""), ("postgres: \"16.4\"", "postgres: \"15.8\"")], adding: exception))
        #expect(otherComponent == [.componentBehind])
    }

    @Test func exceptionExpiredStopsCovering() {
        let exception = "exceptions:\n  - component: postgres\n    version: \"15\"\n    until: 2026-11-01"
        let report = Fixture.report(Fixture.variant([("postgres: \"16.4\"", "postgres: \"15.8\"")], adding: exception))
        #expect(Set(report.findings.map(\.rule)) == [.componentBehind, .exceptionExpired])
        let expired = report.findings.first { $0.rule == .exceptionExpired }
        #expect(expired?.message == "the exception for postgres 15 expired on 2026-11-01, 26 days ago")
        #expect(expired?.severity == .error)
        #expect(report.statuses["api"]?.reasons.first == .exceptionExpired)
    }

    @Test func exceptionUndated() {
        let undated = Fixture.report(Fixture.variant([("postgres: \"16.4\"", "postgres: \"15.8\"")],
                                                     adding: "exceptions:\n  - component: postgres\n    version: \"15\""))
        #expect(undated.findings.map(\.rule) == [.exceptionUndated])
        #expect(undated.findings.first?.message == "the exception for postgres 15 has no 'until' date")
        let tooLong = Fixture.report(Fixture.variant([("postgres: \"16.4\"", "postgres: \"15.8\"")],
                                                    adding: "exceptions:\n  - component: postgres\n    until: 2027-12-31"))
        #expect(tooLong.findings.map(\.message) == ["the exception for postgres runs 399 days from today, longer than the 180 days the policy allows"])
        let withinPolicy = Fixture.rules(Fixture.variant([("postgres: \"16.4\"", "postgres: \"15.8\"")],
                                                        adding: "exceptions:\n  - component: postgres\n    approved: 2026-11-01\n    until: 2027-03-01"))
        #expect(withinPolicy.isEmpty)
    }

    @Test func exceptionUnused() {
        let rules = Fixture.rules(Fixture.variant(adding: "exceptions:\n  - component: node\n    until: 2027-01-31"))
        #expect(rules == [.exceptionUnused])
        let missing = Fixture.report(Fixture.variant(adding: "exceptions:\n  - component: java\n    until: 2027-01-31"))
        #expect(missing.findings.first?.message == "the exception for java covers a component the service does not list")
    }

    @Test func imageUnapprovedAndStale() {
        let report = Fixture.report(Fixture.variant([("base/web:2026.11", "base/web:2026.09"), ("rebuilt: 2026-11-20", "rebuilt: 2026-09-01")]))
        #expect(report.findings.map(\.rule) == [.imageUnapproved, .imageStale])
        #expect(report.findings[0].hint == "rebuild on the approved web image, base/web:2026.11")
        #expect(report.findings[1].message == "the image was rebuilt 87 days ago (2026-09-01), over the 30 days the policy allows")
    }

    @Test func imageStaleRespectsPolicyAndMissingDate() {
        var policy = Policy()
        policy.staleImageDays = 100
        #expect(Fixture.rules(Fixture.variant([("rebuilt: 2026-11-20", "rebuilt: 2026-09-01")]), policy: policy).isEmpty)
        #expect(Fixture.rules(Fixture.variant([("rebuilt: 2026-11-20\n", "")])) == [.imageStale])
    }

    @Test func imageMutableTag() {
        let base = Fixture.report(Fixture.variant([("base_image: registry.example.com/base/web:2026.11", "base_image: registry.example.com/base/web:latest")]))
        #expect(base.findings.map(\.rule).contains(.imageMutableTag))
        let deployed = Fixture.rules(Fixture.variant([("    image: registry.example.com/team/api:1.2.0\n    digest: \(Fixture.digestA)\n  staging", "    image: registry.example.com/team/api\n  staging")]))
        #expect(deployed.contains(.imageMutableTag))
        let pinned = Fixture.rules(Fixture.variant([("    image: registry.example.com/team/api:1.2.0\n    digest: \(Fixture.digestA)\n  staging", "    image: registry.example.com/team/api:latest\n    digest: \(Fixture.digestA)\n  staging")]))
        #expect(!pinned.contains(.imageMutableTag))
    }

    @Test func envDriftOnBaseImage() {
        let yaml = Fixture.variant([("  staging:\n    version: \"1.2.0\"", "  staging:\n    base_image: registry.example.com/base/web:2026.09\n    version: \"1.2.0\"")])
        let report = Fixture.report(yaml)
        #expect(report.findings.contains { $0.rule == .envDrift && $0.message.hasPrefix("base image differs between production") })
    }

    @Test func envDriftComparesEveryPair() {
        let yaml = Fixture.variant([("  staging:\n", "  qa:\n    components: { node: \"22.12.0\" }\n  staging:\n")])
        let drift = Fixture.report(yaml).findings.filter { $0.rule == .envDrift }.map(\.message)
        #expect(drift == ["node differs between production (22.11.0) and qa (22.12.0)",
                          "node differs between qa (22.12.0) and staging (22.11.0)"])
    }

    @Test func digestDrift() {
        let yaml = Fixture.variant([("    digest: \(Fixture.digestA)\nrollback", "    digest: \(Fixture.digestB)\nrollback")])
        let report = Fixture.report(yaml)
        #expect(report.findings.map(\.rule) == [.digestDrift])
        #expect(report.findings.first?.severity == .error)
        #expect(report.findings.first?.line == 15)
        // Different tags may have different digests.
        let retagged = yaml.replacingOccurrences(of: "  staging:\n    version: \"1.2.0\"\n    image: registry.example.com/team/api:1.2.0",
                                                 with: "  staging:\n    version: \"1.3.0\"\n    image: registry.example.com/team/api:1.3.0")
        #expect(Fixture.rules(retagged).isEmpty)
    }

    @Test func rollbackMissingIncompleteUntested() {
        let none = Fixture.variant([("rollback:", "rollbck_removed:")]).split(separator: "\n").prefix { !$0.hasPrefix("rollbck_removed") }.joined(separator: "\n")
        // Without a rollback section, the postgres data has no backups either.
        #expect(Fixture.rules(none) == [.rollbackMissing, .backupMissing])
        let incomplete = Fixture.report(Fixture.variant([("  stop_point: 5 minutes of failing checks\n", ""), ("  decides: dana\n", "")]))
        #expect(incomplete.findings.map(\.message) == ["the rollback lacks stop_point, decides"])
        let untested = Fixture.rules(Fixture.variant([("  tested: 2026-10-01", "  tested: 2026-01-01")]))
        #expect(untested == [.rollbackUntested])
        let never = Fixture.rules(Fixture.variant([("\n  tested: 2026-10-01", "")]))
        #expect(never == [.rollbackUntested])
    }

    @Test func restoreUntested() {
        #expect(Fixture.rules(Fixture.variant([("  restore_tested: 2026-11-01\n", "")])) == [.restoreUntested])
        #expect(Fixture.rules(Fixture.variant([("restore_tested: 2026-11-01", "restore_tested: 2025-11-01")])) == [.restoreUntested])
    }

    /// A service that runs a data store names its backups; one that runs none needs none.
    @Test func backupMissingFollowsTheData() throws {
        let noBackups = Fixture.variant([("  backups: s3://backups/api/\n  restore_tested: 2026-11-01\n", "")])
        let report = Fixture.report(noBackups)
        #expect(report.findings.map(\.rule) == [.backupMissing])
        #expect(report.findings.first?.message == "postgres 16.4 holds data, but the service names no backups")
        #expect(report.assessments["api"]?.restore == .noBackups(store: "postgres"))
        #expect(report.overview.agenda.unprovenRestores.map(\.detail) == ["runs postgres, no backups named"])
        let noData = Fixture.variant([("  backups: s3://backups/api/\n  restore_tested: 2026-11-01\n", ""), (", postgres: \"16.4\"", "")])
        #expect(Fixture.rules(noData).isEmpty)
        var policy = Policy()
        policy.dataComponents = ["node"]
        #expect(Fixture.rules(noData, policy: policy) == [.backupMissing])
    }

    @Test func digestsAllTheWay() throws {
        let noDigest = Fixture.variant([("    digest: \(Fixture.digestA)\n  staging:", "  staging:")])
        let report = Fixture.report(noDigest)
        #expect(report.findings.map(\.rule) == [.digestMissing])
        #expect(report.findings.first?.line == 10)  // the image line
        // Staging may run a tag without a digest.
        #expect(Fixture.rules(Fixture.variant([("    digest: \(Fixture.digestA)\nrollback:", "rollback:")])).isEmpty)
        // A digest in the reference counts.
        let inReference = Fixture.variant([("    image: registry.example.com/team/api:1.2.0\n    digest: \(Fixture.digestA)\n  staging:",
                                            "    image: registry.example.com/team/api:1.2.0@\(Fixture.digestA)\n  staging:")])
        #expect(Fixture.rules(inReference).isEmpty)
        let tagOnly = Fixture.variant([("previous_image: registry.example.com/team/api:1.1.0@\(Fixture.digestA)", "previous_image: registry.example.com/team/api:1.1.0")])
        let mutable = Fixture.report(tagOnly)
        #expect(mutable.findings.map(\.rule) == [.rollbackTargetMutable])
        #expect(mutable.findings.first?.severity == .warning)
    }

    @Test func productionMustSayWhatRuns() {
        let noProduction = Fixture.variant([("  production:", "  canary:")])
        let report = Fixture.report(noProduction)
        #expect(report.findings.contains { $0.rule == .productionMissing && $0.severity == .error
            && $0.message == "API lists no production environment, so nobody can tell what runs" })
        let noVersion = Fixture.report(Fixture.variant([("  production:\n    version: \"1.2.0\"\n", "  production:\n")]))
        #expect(noVersion.findings.contains { $0.rule == .productionMissing && $0.message == "production lists no version" })
    }

    @Test func recordNotAppliedWhenTheLastStableRolloutWentElsewhere() {
        let rollouts = "rollouts:\n  - started: 2026-10-03T10:00\n    stable: 2026-10-03T10:25\n    to: \"1.3.0\""
        let report = Fixture.report(Fixture.variant(adding: rollouts))
        #expect(report.findings.map(\.rule) == [.recordNotApplied])
        #expect(report.findings.first?.message == "the rollout of 2026-10-03 10:00 went to 1.3.0, but production lists version 1.2.0")
        #expect(report.findings.first?.line == 28)
        #expect(Fixture.rules(Fixture.variant(adding: rollouts.replacingOccurrences(of: "1.3.0", with: "1.2.0"))).isEmpty)
        // A rollback leaves the environment as it was.
        #expect(Fixture.rules(Fixture.variant(adding: rollouts.replacingOccurrences(of: "stable", with: "rolled_back") + "\n    note: slow")).isEmpty)
        // Another environment, named.
        #expect(Fixture.rules(Fixture.variant(adding: rollouts.replacingOccurrences(of: "1.3.0", with: "1.2.0") + "\n    env: staging")).isEmpty)
    }

    /// A real rollback is practice too.
    @Test func aRealRollbackCountsAsPractice() {
        let never = Fixture.variant([("\n  tested: 2026-10-01", "")], adding: "rollouts:\n  - started: 2026-11-10T10:00\n    rolled_back: 2026-11-10T10:30\n    note: bad config")
        let report = Fixture.report(never)
        #expect(report.findings.isEmpty)
        guard case .practised(let age, .realRollback)? = report.assessments["api"]?.rollbackPractice else {
            Issue.record("not practised: \(String(describing: report.assessments["api"]?.rollbackPractice))")
            return
        }
        #expect(age.day == Day("2026-11-10") && age.days == 17)
    }

    @Test func rolloutMixedChange() {
        let rollout = "rollouts:\n  - started: 2026-10-03T10:00\n    stable: 2026-10-03T10:25\n    changes: [version, config]"
        #expect(Fixture.rules(Fixture.variant(adding: rollout)) == [.rolloutMixedChange])
        #expect(Fixture.rules(Fixture.variant(adding: rollout.replacingOccurrences(of: "version, config", with: "version"))).isEmpty)
    }

    @Test func rolloutUnexplainedOnlyForRollbacksWithoutANote() {
        let rolledBack = "rollouts:\n  - started: 2026-10-03T10:00\n    rolled_back: 2026-10-03T10:25\n    changes: [version]"
        let report = Fixture.report(Fixture.variant(adding: rolledBack))
        #expect(report.findings.map(\.rule) == [.rolloutUnexplained])
        #expect(report.findings.first?.severity == .info)
        #expect(report.findings.first?.line == 26)  // the rolled-back rollout's item
        #expect(Fixture.rules(Fixture.variant(adding: rolledBack + "\n    note: the cache was cold")).isEmpty)
        #expect(Fixture.rules(Fixture.variant(adding: rolledBack + "\n    note: \"  \"")) == [.rolloutUnexplained])
        let stable = rolledBack.replacingOccurrences(of: "rolled_back", with: "stable")
        #expect(Fixture.rules(Fixture.variant(adding: stable)).isEmpty)
    }

    @Test func ownerMissing() {
        let report = Fixture.report(Fixture.variant([("owner: dana\n", "")]))
        #expect(report.findings.map(\.rule) == [.ownerMissing])
        #expect(report.findings.first?.severity == .error)
    }

    @Test func retiredServicesOnlyLearnTheyAreStillDeployed() {
        let retired = Fixture.variant([("owner: dana\n", "status: retired\n"), ("node: \"22.11.0\"", "node: \"12.0.0\"")])
        let report = Fixture.report(retired)
        #expect(report.findings.map(\.rule) == [.retiredStillDeployed])
        #expect(report.statuses["api"] == nil)
        let gone = "name: Old\nstatus: retired\ncomponents: { node: \"12\" }\n"
        #expect(Fixture.report(gone).findings.filter { $0.service != nil }.isEmpty)
    }

    @Test func standardsReviewDue() {
        let due = Fixture.report(Fixture.cleanYAML, standards: Fixture.standards(Fixture.standardsYAML), today: Day("2027-02-01")!)
        let finding = due.findings.first { $0.rule == .standardsReviewDue }
        #expect(finding?.service == nil)
        #expect(finding?.file == "content/standards.md")
        #expect(finding?.line == 2)
        #expect(finding?.message == "the standard was due for review on 2027-01-15, 17 days ago")
        #expect(!Fixture.report(Fixture.cleanYAML).findings.contains { $0.rule == .standardsReviewDue })
    }

    @Test func severityOverridesIncludingOff() throws {
        let yaml = Fixture.variant([("rebuilt: 2026-11-20", "rebuilt: 2026-01-01")])
        var policy = Policy()
        policy.severity["image-stale"] = Located("error", line: 5, column: 3)
        #expect(Fixture.report(yaml, policy: policy).findings.first?.severity == .error)
        policy.severity["image-stale"] = Located("off", line: 5, column: 3)
        let off = Fixture.report(yaml, policy: policy)
        #expect(off.findings.isEmpty)
        #expect(off.statuses["api"]?.onStandardPath == true)
        policy.severity["image-stale"] = Located("info", line: 5, column: 3)
        #expect(Fixture.report(yaml, policy: policy).statuses["api"]?.onStandardPath == true)
    }

    @Test func unknownRuleInSeverityIsAContentError() {
        var policy = Policy()
        policy.severity["image-stal"] = Located("off", line: 9, column: 5)
        let inventory = Inventory(settings: SiteSettings(policy: policy), standards: Fixture.standards(), services: [])
        #expect(throws: ContentErrors.self) { try Analyzer.analyze(inventory, today: Fixture.today) }
        do {
            _ = try Analyzer.analyze(inventory, today: Fixture.today)
        } catch {
            #expect(error.diagnostics.map(\.description) == ["content/_index.md:9:5: error: unknown rule 'image-stal' in policy.severity (did you mean 'image-stale'?)"])
        }
    }

    @Test func blockersAreMarked() {
        let report = Fixture.report(Fixture.variant(adding: "blocks_updates: true"))
        #expect(report.statuses["api"]?.blocksUpdates == true)
    }
}
