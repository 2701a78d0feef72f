import ArgumentParser
import CampaignKit
import Foundation

/// The instant an edit happens at: now, unless a test fixes it with the hidden `--now`.
struct ClockOption: ParsableArguments {
    @Option(name: .long, help: .private)
    var now: String?

    func instant() throws -> Instant {
        guard let now else {
            return SystemClock.now()
        }
        guard let instant = Instant(iso8601: now) else {
            throw CommandError("--now: malformed instant \"\(now)\"; expected ISO 8601 such as 2024-03-05T14:30:00Z")
        }
        return instant
    }
}
