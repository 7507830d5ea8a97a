import ArgumentParser
import Pipeline

/// `--member-timeout`, for the commands that read an organisation site's members (build, check).
struct MemberOptionGroup: ParsableArguments {
    @Option(name: .customLong("member-timeout"),
            help: ArgumentHelp("Seconds each member's data file may take to arrive (organisation sites; default 10).", valueName: "seconds"))
    var memberTimeout: Double = 10

    func validate() throws {
        guard memberTimeout > 0, memberTimeout <= 600 else { throw ValidationError("--member-timeout must be from 0 to 600 seconds, got \(memberTimeout)") }
    }

    var options: MemberOptions { MemberOptions(network: true, timeout: memberTimeout) }
}
