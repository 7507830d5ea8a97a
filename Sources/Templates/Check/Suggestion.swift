/// The known name closest to a misspelt one, if it is close enough: at most a third of its
/// length in edits (one to three).
func closest(to word: String, among candidates: some Sequence<String>) -> String? {
    let typed = Array(word.lowercased().unicodeScalars)
    var best: (name: String, edits: Int)?
    for candidate in candidates where candidate != word {
        let edits = editDistance(typed, Array(candidate.lowercased().unicodeScalars))
        if best == nil || edits < best!.edits { best = (candidate, edits) }
    }
    guard let best, best.edits <= max(1, min(3, best.name.count / 3)) else { return nil }
    return best.name
}

/// " (did you mean 'name'?)", or "" when no known name is close.
func didYouMean(_ word: String, among candidates: some Sequence<String>, then rest: String = "") -> String {
    closest(to: word, among: candidates).map { " (did you mean '\($0)\(rest)'?)" } ?? ""
}

/// Edits that turn `a` into `b`: inserting, deleting or replacing a character, or swapping
/// two neighbours ("nmae" is one edit from "name").
private func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
    guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
    // table[i][j]: edits between the first i characters of a and the first j of b.
    var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { table[i][0] = i }
    for j in 0...b.count { table[0][j] = j }
    for i in 1...a.count {
        for j in 1...b.count {
            let same = a[i - 1] == b[j - 1]
            table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + (same ? 0 : 1))
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
            }
        }
    }
    return table[a.count][b.count]
}
