import Foundation
import Testing
import CampaignKit
import Synthetic
@testable import Attribution

/// #17: the arrays that grow when the dashboard appends events are made with room for them
/// (`RoomToAppend`), so that its first append after opening copies none of them whole.
@Suite("#17 room to append")
struct RoomToAppendTests {
    static func expectRoom<T>(_ array: [T], for count: Int, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(array.capacity >= count + RoomToAppend.beyond(count), "\(name): \(array.count) of \(array.capacity)",
                sourceLocation: sourceLocation)
    }

    @Test("#17 R10 R12 R14 the compiled data's, the time order's and the analysis's per-event and per-session arrays have room for appended events")
    func perEventArraysHaveRoom() {
        let dataset = Generator(contacts: 60, seed: 3).dataset()
        let utc = TimeZone(identifier: "UTC")!
        for data in [CompiledData(dataset), CompiledData(dataset, order: EventOrder(dataset.events, keepingState: true))] {
            let analysis = Analysis(data, asOf: Generator.spanEnd, zone: utc)
            let n = data.eventTime.count
            #expect(n > 1000)
            for (name, array) in [("eventContact", data.eventContact), ("byTime", data.byTime), ("eventSession", data.eventSession),
                                  ("eventCampaign", analysis.eventCampaign)] {
                Self.expectRoom(array, for: n, name)
            }
            Self.expectRoom(analysis.eventRule, for: n, "eventRule")
            Self.expectRoom(analysis.creditStart, for: n + 1, "creditStart")
            Self.expectRoom(analysis.creditPrevious, for: analysis.creditPairs.count, "creditPrevious")
            Self.expectRoom(analysis.contactEvents.items, for: analysis.contactEvents.items.count, "contactEvents")
            Self.expectRoom(analysis.sessionEvents.items, for: analysis.sessionEvents.items.count, "sessionEvents")
            Self.expectRoom(analysis.sessionEvents.place, for: data.sessionCount, "sessions' places")
        }
    }
}
