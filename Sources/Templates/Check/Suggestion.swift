/// The known name closest to a misspelt one, if it is close enough: at most a third of its
/// length in edits (one to three).
func closest(to word: String, among candidates: some Sequence<String>) -> String? {
    let typed = Array(word.lowercased().unicodeScalars)
    var best: (name: String, edits: Int)?
    for candidate in candidates where candidate != word {
        let edits = levenshtein(typed, Array(candidate.lowercased().unicodeScalars))
        if best == nil || edits < best!.edits { best = (candidate, edits) }
    }
    guard let best, best.edits <= max(1, min(3, best.name.count / 3)) else { return nil }
    return best.name
}

/// " (did you mean 'name'?)", or "" when no known name is close.
func didYouMean(_ word: String, among candidates: some Sequence<String>, then rest: String = "") -> String {
    closest(to: word, among: candidates).map { " (did you mean '\($0)\(rest)'?)" } ?? ""
}

/// Edits (insert, delete, replace) that turn `a` into `b`, one row of the table at a time.
private func levenshtein(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
    guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
    var row = Array(0...b.count)
    for (i, x) in a.enumerated() {
        var diagonal = row[0]
        row[0] = i + 1
        for (j, y) in b.enumerated() {
            let above = row[j + 1]
            row[j + 1] = x == y ? diagonal : 1 + min(diagonal, above, row[j])
            diagonal = above
        }
    }
    return row[b.count]
}
