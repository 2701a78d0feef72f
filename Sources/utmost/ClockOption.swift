import ArgumentParser
import CampaignKit
import Foundation

/// The instant an edit happens at: now, unless a test fixes it with the hidden `--now`.
struct ClockOption: ParsableArguments {
    @Option(name: .long, help: .private)
    var now: String?

    func instant() throws -> Instant {
        try OptionValue.instant(now, "--now") ?? SystemClock.now()
    }
}
