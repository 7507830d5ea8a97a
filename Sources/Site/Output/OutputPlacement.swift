import Foundation

extension OutputFolder {
    /// Refuses an output folder that is, or is inside, the site's `content/` or `themes/`: the
    /// next build would read the site as content. Symbolic links are resolved as far as the
    /// path exists.
    public static func checkPlacement(_ output: URL, source: URL) throws(OutputError) {
        let target = realPath(output)
        for name in ["content", "themes"] {
            let folder = realPath(source.appending(path: name))
            if target == folder || target.hasPrefix(folder + "/") {
                throw OutputError("the output folder \(output.path) is inside \(name)/, where the site's sources live; refusing to write there",
                                  hint: "write the site outside content/ and themes/, like --output public")
            }
        }
    }

    /// The real path of the deepest part of `url` that exists, with the rest appended.
    static func realPath(_ url: URL) -> String {
        var rest: [String] = []
        var current = url.standardizedFileURL
        while current.path != "/" {
            if let resolved = realpath(current.path, nil) {
                let base = String(cString: resolved)
                free(resolved)
                return ([base == "/" ? "" : base] + rest.reversed()).joined(separator: "/")
            }
            rest.append(current.lastPathComponent)
            current = current.deletingLastPathComponent().standardizedFileURL
        }
        return url.standardizedFileURL.path
    }
}
