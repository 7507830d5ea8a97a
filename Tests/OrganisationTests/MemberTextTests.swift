import Foundation
@testable import Inventory
import Testing

/// Every text a member publishes is cleaned and bounded before any page sees it.
@Suite struct MemberTextTests {
    @Test func controlAndDirectionCharactersAreDroppedAndLengthIsLimited() {
        #expect(MemberText.name("a\u{0}b\u{202E}c\nd") == "abc d")
        let long = String(repeating: "x", count: 1_000)
        #expect(MemberText.name(long) == String(repeating: "x", count: MemberText.nameLimit) + "…")
    }

    @Test func slugsMustBeSafeFileNames() {
        #expect(MemberText.slug("api-1.2_x") == "api-1.2_x")
        for bad in ["", "../etc", "a/b", ".hidden", "-x", "javascript:alert(1)", "A", "a b", String(repeating: "a", count: 101)] {
            #expect(MemberText.slug(bad) == nil, "\(bad)")
        }
    }

    @Test func baseURLsAreHTTPOnly() {
        #expect(MemberText.baseURL("https://team.example/inv") == "https://team.example/inv/")
        for bad in ["javascript:alert(1)", "data:text/html,x", "https://a.example/\"onmouseover=x", "ftp://x/", "//evil.example/"] {
            #expect(MemberText.baseURL(bad) == nil, "\(bad)")
        }
    }
}
