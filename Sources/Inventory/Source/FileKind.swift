import Foundation

/// Only regular files, and symbolic links to them, are read: a FIFO would block the reader for
/// ever, a device may act when opened. The kind is told by `lstat` and `stat`, without opening.
public enum FileKind {
    /// What the entry at `path` is when it is not a regular file (or a link to one), for an
    /// error message: "a FIFO (named pipe)", "a symbolic link to a socket". Nil for a regular
    /// file, and for a path that does not exist (opening it reports that).
    public static func irregular(atPath path: String) -> String? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        let ownKind = info.st_mode & S_IFMT
        guard ownKind == S_IFLNK else { return ownKind == S_IFREG ? nil : name(of: ownKind) }
        guard stat(path, &info) == 0 else { return nil }
        let targetKind = info.st_mode & S_IFMT
        return targetKind == S_IFREG ? nil : "a symbolic link to " + name(of: targetKind)
    }

    /// The kind a directory entry's `d_type` names, when it is neither a regular file nor a
    /// link or unknown (those need `irregular(atPath:)`), nor a folder.
    static func irregular(directoryEntryType type: UInt8) -> String? {
        switch Int32(type) {
        case Int32(DT_FIFO): name(of: S_IFIFO)
        case Int32(DT_SOCK): name(of: S_IFSOCK)
        case Int32(DT_CHR): name(of: S_IFCHR)
        case Int32(DT_BLK): name(of: S_IFBLK)
        default: nil
        }
    }

    /// `a FIFO (named pipe)` for `S_IFIFO`, and so on.
    public static func name(of kind: mode_t) -> String {
        switch kind {
        case S_IFIFO: "a FIFO (named pipe)"
        case S_IFSOCK: "a socket"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFDIR: "a folder"
        case S_IFLNK: "a symbolic link"
        case S_IFREG: "a regular file"
        default: "a file of unknown kind"
        }
    }

    /// The error for an entry that is not a regular file.
    public static func diagnostic(_ kind: String, file: String) -> Diagnostic {
        Diagnostic(SourceLocation(file: file, line: 1, column: 1), "the file is \(kind), not a regular file",
                   hint: "only regular files, and symbolic links to them, are read; remove it or replace it with a file")
    }
}
