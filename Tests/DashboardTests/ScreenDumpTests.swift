import Testing
@testable import Dashboard

@Test func dump() {
    for (w, h) in [(120, 35), (80, 24)] {
        print(Screen.render(Fixtures.state(width: w, height: h)).text)
    }
}
