import Attribution
import Testing
import Widgets
@testable import Dashboard

/// #13.4: one key table for every binding, popups included, and columns that are
/// typed, so a model's name can never stand for another column.
@Suite("#13 one key table; typed columns")
struct KeyTableTests {
    @Test("#13.4 in every context, panes and popups alike, a key has one meaning")
    func noKeyTwice() {
        for context in BindingContext.allCases {
            var seen: [Key: String] = [:]
            for binding in KeyMap.bindings(for: context) {
                for key in binding.keys {
                    #expect(seen[key] == nil, "\(context): \(key) is bound to \(seen[key] ?? "") and \(binding.summary)")
                    seen[key] = binding.summary
                }
            }
        }
    }

    @Test("#13.4 a popup's context is the one in force while it is open; the global keys do not reach through it")
    func popupContexts() {
        var state = Fixtures.state()
        state = press(.char("?"), on: state).0
        #expect(state.bindingContext == .help)
        #expect(KeyMap.command(for: .char("1"), in: state.bindingContext) == nil)
        state = press(.char("/"), on: state).0
        #expect(state.bindingContext == .helpFilter)
        state = press(.char("q"), on: state).0
        guard case .help(let help)? = state.popup else { Issue.record("the help closed on a typed q"); return }
        #expect(help.filter.text == "q")
        #expect(state.paneContext == .campaigns)
    }

    @Test("#13.4 the help overlay lists exactly the table's bindings of the pane and the global ones")
    func helpFromTable() {
        for context in [BindingContext.campaigns, .assets, .metrics, .analytics, .unlinked, .attribution] {
            let lines = HelpOverlay.lines(HelpPopup(context: context), glyphs: .unicode).filter { !$0.heading && !$0.key.isEmpty }
            let table = (KeyMap.local(context) + KeyMap.global).map(\.summary)
            #expect(Array(lines.map(\.text).prefix(table.count)) == table, "\(context)")
        }
    }

    @Test("#13.3 a model named like any column title cycles with m without harm", arguments: ["utm_campaign", "Campaign", "Revenue", "Sessions", ""])
    func modelNamedLikeAColumn(name: String) {
        var state = Fixtures.state()
        var report = Fixtures.report()
        report.attribution.models[name] = ["c1": 100, "c2": 50]
        state.report = report
        #expect(state.attributionModels.contains(name))
        var seen: Set<String> = []
        for _ in 0...state.attributionModels.count {
            state = press(.char("m"), on: state).0
            let screen = Screen.render(state).text
            #expect(screen.contains("Spring launch"), "the names column still holds names under \(state.revenueModel ?? "revenue")")
            if let model = state.revenueModel { seen.insert(model) }
        }
        #expect(seen.contains(name))
        state = press(.char("4"), on: state).0
        for _ in 0..<state.attributionModels.count { state = press(.char("l"), on: state).0 }
        #expect(Screen.render(state).text.contains("Spring launch"))
    }
}
