import Inventory
import Testing

@Suite struct ImageReferenceTests {
    static let digest = "sha256:" + String(repeating: "0123456789abcdef", count: 4)

    static let valid: [(String, String, String, String?, String?)] = [
        // text, registry, path, tag, digest
        ("nginx", "docker.io", "library/nginx", nil, nil),
        ("nginx:1.27", "docker.io", "library/nginx", "1.27", nil),
        ("bitnami/redis:7.4", "docker.io", "bitnami/redis", "7.4", nil),
        ("docker.io/nginx", "docker.io", "library/nginx", nil, nil),
        ("index.docker.io/library/nginx:latest", "docker.io", "library/nginx", "latest", nil),
        ("registry.example.com/base/web:2026.11", "registry.example.com", "base/web", "2026.11", nil),
        ("registry.example.com:5000/team/api", "registry.example.com:5000", "team/api", nil, nil),
        ("registry.example.com:5000/team/api:1.2", "registry.example.com:5000", "team/api", "1.2", nil),
        ("localhost/app:dev", "localhost", "app", "dev", nil),
        ("localhost:5000/app", "localhost:5000", "app", nil, nil),
        ("ghcr.io/org/sub/group/app:v1.2.3-rc.1", "ghcr.io", "org/sub/group/app", "v1.2.3-rc.1", nil),
        ("my_app/with__double-dash--x.y:tag_1", "docker.io", "my_app/with__double-dash--x.y", "tag_1", nil),
        ("nginx@\(digest)", "docker.io", "library/nginx", nil, digest),
        ("registry.example.com/base/jobs:2026.11@\(digest)", "registry.example.com", "base/jobs", "2026.11", digest),
        ("docker.io/team/app:1", "docker.io", "team/app", "1", nil),
        ("index.docker.io/nginx", "docker.io", "library/nginx", nil, nil),
        ("Registry.Example/app", "Registry.Example", "app", nil, nil),
    ]

    @Test(arguments: valid)
    func parses(_ text: String, _ registry: String, _ path: String, _ tag: String?, _ digest: String?) throws {
        let reference = try ImageReference(parsing: text)
        #expect(reference.registry == registry)
        #expect(reference.path == path)
        #expect(reference.tag == tag)
        #expect(reference.digest == digest)
        #expect(reference.repository == "\(registry)/\(path)")
    }

    @Test func normalisesAndJudgesMutability() throws {
        #expect(try ImageReference(parsing: "nginx").description == "docker.io/library/nginx:latest")
        #expect(try ImageReference(parsing: "nginx").isMutable)
        #expect(try ImageReference(parsing: "nginx:latest").isMutable)
        #expect(try !ImageReference(parsing: "nginx:1.27").isMutable)
        #expect(try !ImageReference(parsing: "nginx@\(Self.digest)").isMutable)
        #expect(try ImageReference(parsing: "registry.example.com:5000/team/api").effectiveTag == "latest")
        #expect(try ImageReference(parsing: "registry.example.com/base/web:2026.11").shortForm == "base/web:2026.11")
        #expect(try ImageReference(parsing: "nginx:1.27").shortForm == "nginx:1.27")
    }

    static let invalid: [(String, String)] = [
        ("", "an image reference is empty"),
        ("nginx:", "'' is not a valid tag (letters, digits, '_', '.', '-'; at most 128)"),
        ("nginx:-bad", "'-bad' is not a valid tag (letters, digits, '_', '.', '-'; at most 128)"),
        ("nginx:a b", "an image reference has no spaces"),
        ("team/API", "'API' is not a valid repository name (lowercase letters, digits, and '.', '_', '-' between them)"),
        ("team//api", "an image path has an empty part"),
        ("/nginx", "an image path has an empty part"),
        ("team/", "an image path has an empty part"),
        ("@\(digest)", "an image path has an empty part"),
        ("registry.example.com/", "an image path has an empty part"),
        ("-bad.example.com/app", "'-bad.example.com' is not a valid registry host"),
        ("team/api-", "'api-' is not a valid repository name (lowercase letters, digits, and '.', '_', '-' between them)"),
        ("team/a...b", "'a...b' is not a valid repository name (lowercase letters, digits, and '.', '_', '-' between them)"),
        ("registry.example.com:99999/app", "'99999' is not a valid registry port"),
        ("registry.example.com:port/app", "'port' is not a valid registry port"),
        ("nginx@sha256:ABC", "a sha256 digest must be 64 lowercase hex digits, found 3 characters in 'sha256:ABC…'"),
        ("nginx@md5:abc", "a digest must start with 'sha256:', not 'md5:abc'"),
        ("nginx@sha256:" + String(repeating: "A", count: 64), "a sha256 digest must be 64 lowercase hex digits, found 64 characters in 'sha256:AAAAAAAAAAAAA…'"),
    ]

    @Test(arguments: invalid)
    func rejects(_ text: String, _ message: String) {
        #expect(throws: ImageReferenceError(message)) { try ImageReference(parsing: text) }
    }
}
