import Testing
@testable import Site

@Suite struct FormatTests {
    @Test func imageReferencesWrapOnlyAfterTheirSeparators() {
        #expect(Format.breakableHTML("registry.example.com/team/api:1.14.2@sha256:ab12")
            == "registry.example.com/<wbr>team/<wbr>api:<wbr>1.14.2@<wbr>sha256:<wbr>ab12")
        #expect(Format.breakableHTML("kubectl set image deployment/api app=team/api:1.0")
            == "kubectl set image deployment/<wbr>api app=<wbr>team/<wbr>api:<wbr>1.0")
    }

    @Test func breakableTextIsEscapedFirst() {
        #expect(Format.breakableHTML("<script>a/b</script>") == "&lt;script&gt;a/<wbr>b&lt;/<wbr>script&gt;")
        #expect(Format.breakableHTML("a&b\"c'd") == "a&amp;b&quot;c&#39;d")
        #expect(Format.breakableHTML("") == "")
    }
}
