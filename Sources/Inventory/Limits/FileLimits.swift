/// The size a content file may have. An inventory page is a few KiB; a larger file is refused
/// with its own error, by a whole load and by `serve` reading one saved file alike.
public enum FileLimits {
    public static let largestContentFile = 1 << 20
}
