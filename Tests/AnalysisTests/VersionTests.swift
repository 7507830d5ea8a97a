import Testing
@testable import Analysis

@Suite struct VersionTests {
    /// (actual, approved prefix, expected standing)
    static let standings: [(String, String, Version.Standing)] = [
        ("22.11.1", "22", .conforms),
        ("22", "22", .conforms),
        ("22.0.0", "22", .conforms),
        ("22", "22.0.0", .conforms),
        ("20.11.1", "22", .behind),
        ("23.1.0", "22", .ahead),
        ("1.26.2", "1.26", .conforms),
        ("1.27.0", "1.26", .ahead),
        ("1.25.9", "1.26", .behind),
        ("1.10", "1.9", .ahead),
        ("1.9", "1.10", .behind),
        ("1.10.0", "1.10", .conforms),
        ("v1.2", "1.2.0", .conforms),
        ("v1.2.0", "1.2", .conforms),
        ("V2.0.1", "2", .conforms),
        ("2026.11", "2026.11", .conforms),
        ("2026.09", "2026.11", .behind),
        ("2027.01", "2026.11", .ahead),
        ("2026.11.3", "2026.11", .conforms),
        ("3.18.4-r0", "3.18", .conforms),
        ("3.18.4-r2", "3.18.4", .conforms),
        ("3.17.9-r0", "3.18", .behind),
        ("1.2.3-1+deb12u1", "1.2.3", .conforms),
        ("1.2.3-1+deb12u1", "1.2", .conforms),
        ("1.2.2-5+deb12u3", "1.2.3", .behind),
        ("1.2.3+build.5", "1.2.3", .conforms),
        ("22.0.0-rc.1", "22.0.0", .behind),
        ("22.0.0-rc.1", "22", .conforms),
        ("22.1.0-beta", "22", .conforms),
        ("1.2.3-rc.2", "1.2.3-rc.1", .ahead),
        ("1.2.3-rc.1", "1.2.3-rc.2", .behind),
        ("1.2.3-alpha", "1.2.3-beta", .behind),
        ("1.2", "1.2.3", .behind),
        ("1", "1.0.0", .conforms),
        ("16.4", "16", .conforms),
        ("15.8", "16", .behind),
        ("17.0", "16", .ahead),
        ("3.11.9", "3.12", .behind),
        ("3.12.7", "3.12", .conforms),
        ("3.13.0", "3.12", .ahead),
        ("11", "12", .behind),
        ("12", "12", .conforms),
        ("0.9.7", "1", .behind),
        ("1.0.0-1ubuntu2", "1.0", .conforms),
    ]

    @Test(arguments: standings)
    func standing(_ actual: String, _ approved: String, _ expected: Version.Standing) throws {
        let a = try #require(Version(actual)), b = try #require(Version(approved))
        #expect(a.standing(against: b) == expected, "\(actual) against \(approved)")
    }

    static let orderings: [(String, String)] = [
        ("1.9", "1.10"),
        ("1.2.3-rc.1", "1.2.3"),
        ("1.2.3-alpha", "1.2.3-alpha.1"),
        ("1.2.3-alpha.1", "1.2.3-alpha.beta"),
        ("1.2.3-beta.2", "1.2.3-beta.11"),
        ("2026.9", "2026.11"),
        ("v0.9", "1.0"),
    ]

    @Test(arguments: orderings)
    func ordering(_ lower: String, _ higher: String) throws {
        let a = try #require(Version(lower)), b = try #require(Version(higher))
        #expect(a < b)
        #expect(!(b < a))
    }

    @Test func equalityIgnoresTrailingZerosAndRevisions() {
        #expect(Version("22") == Version("22.0.0"))
        #expect(Version("v1.2") == Version("1.2.0"))
        #expect(Version("1.2.3-r0") == Version("1.2.3"))
        #expect(Version("1.2.3-rc1") != Version("1.2.3"))
        #expect(Set([Version("22")!, Version("22.0")!]).count == 1)
    }

    @Test func rejectsTextWithoutNumbers() {
        #expect(Version("latest") == nil)
        #expect(Version("bullseye") == nil)
        #expect(Version("") == nil)
        #expect(Version("v") == nil)
    }

    @Test func parsesParts() throws {
        let v = try #require(Version("v1.2.3-rc.1+build.7"))
        #expect(v.numbers == [1, 2, 3])
        #expect(v.prerelease == "rc.1")
        #expect(Version("1.2.3-1+deb12u1")?.prerelease == nil)
        #expect(Version("3.18.4-r0")?.prerelease == nil)
    }
}
