import Inventory

/// env-drift and digest-drift: every environment against every other.
enum EnvironmentRules {
    static func check(_ service: Service, _ context: RuleContext, into sink: inout FindingSink) {
        let environments = service.environments
        guard environments.count > 1 else { return }
        for i in 0..<environments.count {
            for j in (i + 1)..<environments.count {
                compare(environments[i], environments[j], of: service, into: &sink)
            }
        }
    }

    private static func compare(_ a: Environment, _ b: Environment, of service: Service, into sink: inout FindingSink) {
        for name in service.componentNames(of: [a, b]) {
            let inA = service.component(name, in: a), inB = service.component(name, in: b)
            guard inA?.version != inB?.version else { continue }
            let at = b.components.first { $0.name == name } ?? a.components.first { $0.name == name } ?? inA ?? inB!
            sink.add(.envDrift, at: at,
                     "\(name) differs between \(a.name) (\(inA?.version ?? "none")) and \(b.name) (\(inB?.version ?? "none"))",
                     hint: "bring \(a.name) and \(b.name) to the same \(name), or finish the rollout")
        }
        let baseA = service.baseImage(in: a), baseB = service.baseImage(in: b)
        if let baseA, let baseB, baseA.value != baseB.value {
            let at = b.baseImage ?? baseA
            sink.add(.envDrift, at: at,
                     "base image differs between \(a.name) (\(baseA.value)) and \(b.name) (\(baseB.value))",
                     hint: "run the same base image in every environment once the rollout is done")
        }
        if let imageA = a.image, let imageB = b.image {
            let refA = imageA.reference, refB = imageB.reference
            guard refA.repository == refB.repository, refA.effectiveTag == refB.effectiveTag,
                  let digestA = a.digest?.value ?? refA.digest, let digestB = b.digest?.value ?? refB.digest, digestA != digestB else { return }
            let at: any SourcePositioned = (b.digest as (any SourcePositioned)?) ?? imageB
            sink.add(.digestDrift, at: at,
                     "\(refA.shortForm) is \(short(digestA)) in \(a.name) but \(short(digestB)) in \(b.name)",
                     hint: "the same tag was pushed twice: deploy by digest and give each build its own tag")
        }
    }

    static func short(_ digest: String) -> String { String(digest.prefix(19)) + "…" }
}
