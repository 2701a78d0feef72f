import Testing
import Foundation
@testable import Dashboard

@Test func dumpScreens() throws {
    try FileManager.default.createDirectory(atPath: "/tmp/screens", withIntermediateDirectories: true)
    for (name, build) in Scenarios.all {
        for (w, h) in [(120, 35), (80, 24), (60, 20)] {
            try screen(build(w, h)).write(toFile: "/tmp/screens/\(name)-\(w)x\(h).txt", atomically: true, encoding: .utf8)
        }
    }
}
