import Foundation
import Testing
@testable import Inventory

/// The kind of a directory entry, told by lstat and stat without opening it.
@Suite struct FileKindTests {
    @Test func kindsAreNamedWithoutOpening() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "shortpath-kinds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = { (name: String) in folder.appending(path: name).path }
        try Data("---\n".utf8).write(to: folder.appending(path: "regular.md"))
        #expect(mkfifo(path("fifo.md"), 0o644) == 0)
        try FileManager.default.createSymbolicLink(atPath: path("to-regular.md"), withDestinationPath: "regular.md")
        try FileManager.default.createSymbolicLink(atPath: path("to-fifo.md"), withDestinationPath: "fifo.md")
        try FileManager.default.createSymbolicLink(atPath: path("to-device.md"), withDestinationPath: "/dev/null")
        try FileManager.default.createSymbolicLink(atPath: path("to-nothing.md"), withDestinationPath: "gone.md")

        #expect(FileKind.irregular(atPath: path("regular.md")) == nil)
        #expect(FileKind.irregular(atPath: path("to-regular.md")) == nil)
        #expect(FileKind.irregular(atPath: path("fifo.md")) == "a FIFO (named pipe)")
        #expect(FileKind.irregular(atPath: path("to-fifo.md")) == "a symbolic link to a FIFO (named pipe)")
        #expect(FileKind.irregular(atPath: "/dev/null") == "a character device")
        #expect(FileKind.irregular(atPath: path("to-device.md")) == "a symbolic link to a character device")
        #expect(FileKind.irregular(atPath: folder.path) == "a folder")
        // Missing files are left to the open, which names the problem.
        #expect(FileKind.irregular(atPath: path("to-nothing.md")) == nil)
        #expect(FileKind.irregular(atPath: path("absent.md")) == nil)
    }

    @Test func aDeviceIsNeverOpenedAsContent() {
        #expect(throws: FileKind.diagnostic("a character device", file: "content/eol/node.json")) {
            try ContentFile.readBytes("/dev/null", path: "content/eol/node.json")
        }
        #expect(FileKind.irregular(directoryEntryType: UInt8(DT_BLK)) == "a block device")
        #expect(FileKind.irregular(directoryEntryType: UInt8(DT_SOCK)) == "a socket")
        #expect(FileKind.irregular(directoryEntryType: UInt8(DT_REG)) == nil)
    }
}
