import ArgumentParser
import CampaignKit
import CampaignStore

/// What every command that writes to the store takes: the store, and the instant
/// its edit happens at (now, unless a test fixes it with the hidden `--now`).
struct EditOptions: ParsableArguments {
    @OptionGroup var store: StoreOptions
    @OptionGroup var clock: ClockOption

    /// The existing store (`StoreOptions.open`).
    func open() throws -> any Store { try store.open() }

    /// The instant of the edit.
    func now() throws -> Instant { try clock.instant() }
}
