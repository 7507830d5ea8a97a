/// One service as `scripts/gen-inventory` writes them, typically: two environments, a few
/// components, findings and rollouts, and a runbook of a page.
extension ServicePageView {
    static let sample: ServicePageView = {
        let digest = "sha256:9f2c4e1a7b3d5f60718293a4b5c6d7e8f9012a3b4c5d6e7f8091a2b3c4d5e6f7"
        func cells(_ production: String, _ staging: String, title: Bool = false) -> [Cell] {
            [Cell(text: production, differs: production != staging, title: title ? production : nil),
             Cell(text: staging, differs: production != staging, title: title ? staging : nil)]
        }
        let steps = (1...5).map { "<li>Step \($0): run the command below and watch the <em>health check</em> for ~4 minutes.</li>" }
        let runbook = "<p>Rollback runbook for <strong>Billing Ledger 00042</strong>. Keep it short and exact.</p>\n<h2>Rollback steps</h2>\n<ol>\n"
            + steps.joined(separator: "\n") + "\n</ol>\n<pre><code class=\"language-sh\">kubectl -n prod rollout undo deployment/billing-ledger-00042\n</code></pre>\n"
            + "<table>\n<thead>\n<tr>\n<th>signal</th>\n<th>healthy when</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>restarts</td>\n<td>0 in 10 min</td>\n</tr>\n</tbody>\n</table>\n"
            + "<p>Ledger export sync cache audit mail queue ingest report auth, see the <a href=\"../../standards/index.html\">standards</a>.</p>\n"
        return ServicePageView(
            name: "Billing Ledger 00042", description: "ledger export sync cache audit mail", owner: "dana",
            reasons: [Label(label: "component behind"), Label(label: "rollback untested"), Label(label: "image stale")],
            baseImage: ImageView(full: "registry.example.com/base/web:2026.03"),
            rebuilt: Rebuilt(date: "2026-03-14", age: "258 days ago"), risk: "medium",
            note: "hand-built container, pinned libssl for a forgotten reason",
            components: [
                Component(name: "node", version: "20.11.1", approved: "22", standing: "behind", conforms: false),
                Component(name: "postgres", version: "16.4", approved: "16", standing: "conforms", conforms: true),
                Component(name: "redis", version: "7.2.6", approved: nil, standing: "unknown", conforms: false),
            ],
            file: "content/services/billing-ledger-00042.md",
            environments: Environments(names: [Named(name: "production"), Named(name: "staging")], rows: [
                Row(label: "version", cells: cells("1.14.2", "1.15.0")),
                Row(label: "image", cells: cells("team/billing-ledger-00042:1.14.2", "team/billing-ledger-00042:1.15.0", title: true)),
                Row(label: "digest", cells: cells("sha256:9f2c4e1a7b3d", "sha256:9f2c4e1a7b3d", title: true)),
                Row(label: "deployed", cells: cells("2026-10-03", "2026-11-02")),
                Row(label: "node", cells: cells("20.11.1", "22.11.0")),
                Row(label: "postgres", cells: cells("16.4", "16.4")),
                Row(label: "base image", cells: cells("base/web:2026.03", "base/web:2026.03", title: true)),
            ]),
            target: Target(components: [Change(name: "node", current: "20.11.1", target: "22", done: false)],
                           versionChange: Change(current: "1.14.2", target: "1.15.0", done: false),
                           imageChange: Change(current: "registry.example.com/base/web:2026.03", target: "registry.example.com/base/web:2026.11", done: false)),
            exceptions: [Exception(component: "postgres", version: "15", reason: "pg_partman 4 is not built for 16 yet", approvedBy: "lee",
                                   until: "2027-01-31", left: "65 days left", expired: false)],
            findings: [
                Finding(severity: "warning", rule: "component-behind", message: "node 20.11.1 is behind the approved 22", hint: "upgrade node to 22.x or add a dated exception", line: 9),
                Finding(severity: "warning", rule: "image-stale", message: "rebuilt 258 days ago (more than 30)", hint: "rebuild the image on the current base", line: 7),
                Finding(severity: "warning", rule: "rollback-untested", message: "the rollback was last practised 140 days ago", hint: "practise the rollback and set rollback.tested", line: 31),
                Finding(severity: "info", rule: "rollout-mixed-change", message: "the rollout of 2026-10-03 changed the version and the config together", hint: "change one thing per rollout", line: 44),
            ],
            rollouts: Rollouts(items: [
                Rollout(started: "2026-08-12T10:00", to: "1.13.0", changes: "version", outcome: "stable", duration: "25 min", note: "", rolledBack: false),
                Rollout(started: "2026-09-20T09:30", to: "1.14.0", changes: "version, config", outcome: "rolled back", duration: "40 min", note: "config key renamed", rolledBack: true),
                Rollout(started: "2026-10-03T10:00", to: "1.14.2", changes: "version", outcome: "stable", duration: "18 min", note: "needed the new client library before restart", rolledBack: false),
            ], median: "25 min", chart: "<svg viewBox=\"0 0 600 220\" role=\"img\"><title>Rollout duration</title><path d=\"M10 200 L300 120 L590 150\"/></svg>"),
            lessons: [Lesson(started: "2026-09-20T09:30", outcome: "rolled back", to: "1.14.0", note: "config key renamed")],
            links: [Link(name: "dashboard", url: "https://grafana.internal.example/d/billing"),
                    Link(name: "logs", url: "https://grafana.internal.example/explore?loki=billing&from=now-1h"),
                    Link(name: "errors", url: "sentry: project billing")],
            signals: [Label(label: "queue depth above 500 for 5 minutes")],
            stopPoint: "health checks failing 5 minutes after rollout", runbook: runbook)
    }()
}
