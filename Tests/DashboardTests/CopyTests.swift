import Attribution
import Foundation
import SafeText
import Testing
import Widgets
@testable import Dashboard

/// Issue 14: `y` copies what is selected (the loop hands it to the terminal as OSC 52).
@Suite("#14 copy with y")
struct CopyTests {
    /// What `keys` put on the clipboard, and the status bar's message.
    func copied(_ keys: [Key], on state: DashboardState) -> (text: String?, message: String?) {
        let after = press(keys, on: state).0
        return (after.pendingCopy, after.message?.text)
    }

    @Test("#14 campaigns: y copies the utm_campaign value, Y the id; the status bar confirms")
    func campaign() {
        let state = Scenarios.spring(120, 35, focus: .campaigns)
        #expect(copied([.char("y")], on: state) == ("spring-launch", "Copied utm_campaign=spring-launch"))
        #expect(copied([.char("Y")], on: state) == ("c1", "Copied the id of Spring launch: c1"))
        let screen = Screen.render(press(.char("y"), on: state).0).text
        #expect(screen.contains("Copied utm_campaign=spring-launch"))
    }

    @Test("#14 tabs 2 and 4: the campaign under the cursor; tab 3: the utm value")
    func tabs() {
        var analytics = press(.char("2"), on: Fixtures.state()).0
        analytics.analyticsCampaignID = "c2"
        #expect(copied([.char("y")], on: analytics).text == "webinar-series")
        #expect(copied([.char("Y")], on: analytics).text == "c2")
        var attribution = press(.char("4"), on: Fixtures.state()).0
        attribution.attributionCampaignID = "c1"
        #expect(copied([.char("y")], on: attribution).text == "spring-launch")
        let unlinked = press(.char("3"), .down, on: Fixtures.state()).0
        #expect(copied([.char("y")], on: unlinked) == ("tradeshow", "Copied utm_campaign=tradeshow"))
        #expect(copied([.char("Y")], on: unlinked).text == nil, "an unlinked value has no id")
    }

    @Test("#14 assets: the asset's id; metrics: the metric's value, plain")
    func assetAndMetric() {
        var assets = Scenarios.spring(120, 35, focus: .assets)
        assets.selectedAssetID = "a4"
        #expect(copied([.char("y")], on: assets) == ("a4", "Copied the id of Brand keywords: a4"))
        var metrics = Scenarios.spring(120, 35, focus: .metrics)
        metrics.metricIndex = 5
        #expect(copied([.char("y")], on: metrics) == ("48250.50", "Copied Influenced revenue of Spring launch: 48250.50"))
        metrics.metricIndex = 0
        #expect(copied([.char("y")], on: metrics).text == "1240")
    }

    @Test("#14 explain: the whole explanation, one line a line; contacts: the listed contacts' emails, ids where none")
    func popups() {
        let explain = Scenarios.named("explain")(120, 35)
        #expect(copied([.char("y")], on: explain) == (Scenarios.explanation.joined(separator: "\n"), "Copied the explanation (5 lines)"))
        let contacts = Scenarios.named("contacts-all")(120, 35)
        guard case .contacts(let popup)? = contacts.popup else { Issue.record("no contacts"); return }
        let expected = popup.rows(campaignName: { _ in nil }).map { $0.email ?? $0.id }
        #expect(expected.contains { !$0.contains("@") }, "the fixtures have a contact without an email")
        let all = copied([.char("y")], on: contacts)
        #expect(all.text == expected.joined(separator: "\n"))
        #expect(all.message == "Copied \(expected.count) contacts (emails, ids where none)")
        let one = copied([.char("/")] + typing("ada@") + [.enter, .char("y")], on: contacts)
        #expect(one == ("ada@acme.example", "Copied 1 contact (emails)"))
        let none = copied([.char("/")] + typing("nobody-matches") + [.enter, .char("y")], on: contacts)
        #expect(none.text == nil && none.message == "Nothing to copy: no contact is listed")
    }

    @Test("#14 y in a text field is typed, not copied; nothing selected is said")
    func notCopied() {
        let rename = press([.char("r"), .char("y")], on: Scenarios.spring(120, 35, focus: .campaigns)).0
        guard case .input(let input)? = rename.popup else { Issue.record("no rename"); return }
        #expect(input.field.text == "Spring launchy" && rename.pendingCopy == nil)
        let filtering = press([.char("/"), .char("y")], on: Fixtures.state()).0
        #expect(filtering.campaignFilter.text == "y" && filtering.pendingCopy == nil)
        var empty = Fixtures.state()
        empty.report?.campaigns = []
        let nothing = press(.char("y"), on: empty).0
        #expect(nothing.pendingCopy == nil && nothing.message == StatusMessage("No campaign selected", isError: true))
    }

    @Test("#14 a value with control characters is copied exactly, and the status bar shows it cleaned")
    func hostileValue() {
        let hostile = "x\u{1B}]52;c;Y3VybA==\u{07}\u{1B}[2J"
        var state = Fixtures.state()
        var report = Fixtures.report()
        report.unlinkedUtm = [UnlinkedUtm(key: hostile, spellings: [hostile], pageViews: 1, sessions: 1, suggestedCampaignID: nil)]
        state.report = report
        let after = press(.char("3"), .char("y"), on: state).0
        #expect(after.pendingCopy == hostile)
        let screen = Screen.render(after)
        #expect(screen.text.contains("Copied utm_campaign=x␛]52;c;Y3VybA==␇␛[2J"))
        #expect(screen.cells.allSatisfy { $0.character.unicodeScalars.allSatisfy { !TerminalText.isInvisible($0) } })
    }

    @Test("#14 every list has a y binding, listed in the help overlay")
    func helpListsCopy() {
        for context in [BindingContext.campaigns, .assets, .metrics, .analytics, .unlinked, .attribution] {
            let lines = HelpOverlay.lines(HelpPopup(context: context), glyphs: .unicode)
            #expect(lines.contains { $0.key == "y" && $0.text.hasPrefix("copy ") }, "\(context)")
        }
        for context in [BindingContext.explain, .contacts] {
            #expect(KeyMap.command(for: .char("y"), in: context) == .copy)
        }
    }
}
