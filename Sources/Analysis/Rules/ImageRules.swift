import Inventory

/// image-unapproved, image-mutable-tag, digest-missing, image-stale.
enum ImageRules {
    static func check(_ service: Service, _ context: RuleContext, into sink: inout FindingSink) {
        var baseImages: [(ImageField, String)] = service.baseImage.map { [($0, "")] } ?? []
        for environment in service.environments {
            if let image = environment.baseImage { baseImages.append((image, " in \(environment.name)")) }
        }
        let approved = context.approvedImages
        for (image, place) in baseImages {
            let reference = image.reference
            if !approved.isEmpty && !approved.contains(where: { matches(reference, approved: $0.1) }) {
                let sameRepository = approved.filter { $0.1.repository == reference.repository }
                let hint = sameRepository.first.map { "rebuild on the approved \($0.0) image, \($0.1.shortForm)" }
                    ?? "rebuild on one of the approved base images (\(approved.map(\.0).joined(separator: ", "))), or add this one to standards.md"
                sink.add(.imageUnapproved, at: image, "base image \(reference.shortForm)\(place) is not in the approved set", hint: hint)
            }
            if reference.isMutable {
                sink.add(.imageMutableTag, at: image,
                         "base image \(image.value)\(place) has \(reference.tag == nil ? "no tag" : "the tag 'latest'") and no digest",
                         hint: "pin the base image to a version tag or a sha256 digest")
            }
        }
        for environment in service.environments {
            guard let image = environment.image, environment.digest == nil, image.reference.digest == nil else { continue }
            if image.reference.isMutable {
                sink.add(.imageMutableTag, at: image,
                         "image \(image.value) in \(environment.name) has \(image.reference.tag == nil ? "no tag" : "the tag 'latest'") and no digest",
                         hint: "deploy a version tag, or record the digest that runs")
            } else if environment.name == "production" {
                sink.add(.digestMissing, at: image,
                         "image \(image.value) in production has no digest, so nobody can tell which build of the tag runs",
                         hint: "add 'digest: sha256:…' with the digest that runs (kubectl get pods -o jsonpath='{..imageID}')")
            }
        }
        if let rebuilt = service.rebuilt {
            let age = context.age(of: rebuilt.value, limit: context.policy.staleImageDays)
            if age.overLimit {
                sink.add(.imageStale, at: rebuilt,
                         "the image was rebuilt \(age.days) days ago (\(rebuilt.value)), over the \(age.limit) days the policy allows",
                         hint: "rebuild the image to pick up base image and security updates")
            }
        } else if let image = service.baseImage {
            sink.add(.imageStale, at: image, "no 'rebuilt' date, so the image's age is unknown",
                     hint: "add 'rebuilt: YYYY-MM-DD' with the date of the last image build")
        }
    }

    /// Same repository and tag; when both pin a digest, the same digest.
    static func matches(_ image: ImageReference, approved: ImageReference) -> Bool {
        guard image.repository == approved.repository, image.effectiveTag == approved.effectiveTag else { return false }
        if let a = image.digest, let b = approved.digest { return a == b }
        return true
    }
}
