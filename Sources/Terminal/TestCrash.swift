import Foundation

/// Test-only: `UTMOST_TEST_CRASH=trap|segv` makes the dashboard crash on the first
/// key it reads, so that the tests can crash the real binary in a real terminal and
/// see what the user would (the terminal given back, the report in a file).
/// `trap` is a Swift runtime trap (an array index out of range); `segv` a write
/// through a bad pointer. Not for users: any other value, or none, does nothing.
enum TestCrash: String {
    case trap, segv

    static let variable = "UTMOST_TEST_CRASH"

    init?(environment: [String: String]) {
        guard let value = environment[Self.variable], let kind = TestCrash(rawValue: value) else { return nil }
        self = kind
    }

    func fire() {
        switch self {
        case .trap:
            let none: [Int] = []
            _ = none[none.count]
        case .segv:
            UnsafeMutablePointer<Int>(bitPattern: 8)!.pointee = 0
        }
    }
}
