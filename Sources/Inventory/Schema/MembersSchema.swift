/// `members:` in `_index.md`: the teams' published sites an organisation site reads.
enum MembersSchema {
    static let keys = ["name", "url", "path", "team"]

    static func decode(_ pair: YAMLPair, reader r: SchemaReader) -> [MemberEntry] {
        var members: [MemberEntry] = []
        var seen: [String: Int] = [:]
        for item in r.list(pair.value, what: "'members'") {
            guard let fields = r.mapping(item, keys: keys, what: "a member") else {
                if item.isNull { r.error(item, "a member must name at least 'name' and 'url' or 'path'") }
                continue
            }
            guard let name = r.string(fields["name"]) else {
                r.error(item, "a member has no 'name'", hint: "give each member a name, a url or path, and optionally a team")
                continue
            }
            let url = fields["url"], path = fields["path"]
            let source: MemberEntry.Source
            switch (url, path) {
            case (let url?, nil):
                guard let link = r.url(url) else { continue }
                let lowered = link.value.lowercased()
                guard lowered.hasPrefix("https://") || lowered.hasPrefix("http://") else {
                    r.error(url.value, "a member's url must start with https:// or http://")
                    continue
                }
                source = .url(link.value.hasSuffix("/") ? link.value : link.value + "/")
            case (nil, let path?):
                guard let folder = r.string(path) else {
                    r.error(path.value, "'path' is empty")
                    continue
                }
                source = .path(folder.value)
            case (.some, .some):
                r.error(path!.key, "member '\(name.value)' has both 'url' and 'path'", hint: "keep one: the published site's URL or its folder")
                continue
            case (nil, nil):
                r.error(item, "member '\(name.value)' has neither 'url' nor 'path'",
                        hint: "add url: https://… (the folder that holds its inventory.json) or path: a folder on disk")
                continue
            }
            let member = MemberEntry(name: name.value, source: source, team: r.text(fields["team"]), line: item.line, column: item.column)
            guard !member.slug.isEmpty else {
                r.error(fields["name"]!.value, "member name '\(name.value)' holds no letter or digit")
                continue
            }
            if let line = seen[member.slug] {
                r.error(fields["name"]!.value, "duplicate member '\(name.value)': the member at line \(line) has the same name",
                        hint: "names compare by letters and digits only, ignoring case")
                continue
            }
            seen[member.slug] = item.line
            members.append(member)
        }
        return members
    }
}
