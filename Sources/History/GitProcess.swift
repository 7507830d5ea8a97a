import Foundation

/// One `git` process, started with `posix_spawn` and waited for with `waitpid`. Its output
/// and errors go to unlinked temporary files, read once it has exited: through a pipe git
/// and the reader took turns thousands of times (cat-file writes each blob in pieces), each
/// turn waiting for a core the build was using; and `Foundation.Process` noticed the exit
/// only at its run loop's next 50 ms tick, for every git the history ran.
final class GitProcess: @unchecked Sendable {
    private let pid: pid_t
    private let outputFile: Int32
    private let errorFile: Int32
    private let name: String
    private var finished: Result<[UInt8], GitFailure>?

    /// Runs `executable options… arguments…`; `arguments.first` names the command in messages.
    init(executable: String, options: [String], arguments: [String], environment: [String], input: [UInt8]?) throws(GitFailure) {
        name = arguments.first ?? ""
        var files: [Int32] = []
        func file() throws(GitFailure) -> Int32 {
            guard let descriptor = Self.temporaryFile() else {
                for open in files { close(open) }
                throw GitFailure(message: "cannot make a temporary file for git's output: \(String(cString: strerror(errno)))")
            }
            files.append(descriptor)
            return descriptor
        }
        outputFile = try file()
        errorFile = try file()
        var standardInput: Int32 = -1
        if let input {
            standardInput = try file()
            var written = 0
            while written < input.count {
                let count = input.withUnsafeBytes { write(standardInput, $0.baseAddress! + written, $0.count - written) }
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { break }
                written += count
            }
            lseek(standardInput, 0, SEEK_SET)
        }
        defer { if standardInput >= 0 { close(standardInput) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if standardInput >= 0 {
            posix_spawn_file_actions_adddup2(&actions, standardInput, 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, outputFile, 1)
        posix_spawn_file_actions_adddup2(&actions, errorFile, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Git starts with no signal blocked and SIGPIPE as the system has it, whatever this thread has.
        var none = sigset_t(), pipe = sigset_t()
        sigemptyset(&none)
        sigemptyset(&pipe)
        sigaddset(&pipe, SIGPIPE)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &pipe)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = ([executable] + options + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard status == 0 else {
            close(outputFile)
            close(errorFile)
            throw GitFailure(message: "cannot run \(executable): \(String(cString: strerror(status)))")
        }
        self.pid = pid
    }

    deinit {
        if finished == nil { _ = try? output() }
    }

    /// Waits for git to exit: its standard output, or the first line it wrote to standard
    /// error when it failed.
    func output() throws(GitFailure) -> [UInt8] {
        if finished == nil { finished = wait() }
        return try finished!.get()
    }

    private func wait() -> Result<[UInt8], GitFailure> {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        defer {
            close(outputFile)
            close(errorFile)
        }
        // Exited (the low 7 bits are 0) with status 0.
        guard status & 0x7F == 0, (status >> 8) & 0xFF == 0 else {
            let text = Self.text(Self.readWhole(errorFile)).split(separator: "\n").first.map(String.init)
            let exit = status & 0x7F == 0 ? "exited with status \((status >> 8) & 0xFF)" : "was stopped by signal \(status & 0x7F)"
            return .failure(GitFailure(message: text ?? "git \(name) \(exit)"))
        }
        return .success(Self.readWhole(outputFile))
    }

    /// Text without the final newlines.
    static func text(_ bytes: [UInt8]) -> String {
        var text = String(decoding: bytes, as: UTF8.self)
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    /// The file from its start, in one read where it can.
    private static func readWhole(_ descriptor: Int32) -> [UInt8] {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return [] }
        let size = Int(info.st_size)
        guard size > 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: size)
        var done = 0
        while done < size {
            let count = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + done, size - done, off_t(done)) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            done += count
        }
        bytes.removeLast(size - done)
        return bytes
    }

    /// A new file in the temporary folder that no other process can open: made, opened and
    /// unlinked at once, so it lives in the page cache only while git writes and the reader
    /// reads it. (Not /dev/shm: a container's is often 64 MiB, less than a large history's blobs.)
    private static func temporaryFile() -> Int32? {
        var folder = NSTemporaryDirectory()
        while folder.count > 1, folder.hasSuffix("/") { folder.removeLast() }
        for _ in 0..<8 {
            let path = "\(folder)/shortpath-git-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
            let descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { continue }
            unlink(path)
            return descriptor
        }
        return nil
    }
}
