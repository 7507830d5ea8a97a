/// `1 finding`, `3 findings`: a count with its noun, for messages and pages.
public func counted(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}
