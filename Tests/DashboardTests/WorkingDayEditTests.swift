import Attribution
import CampaignKit
import Foundation
import Testing
import Widgets
@testable import Dashboard

/// Issue 14's edits you can trust, in the reducer: archive and delete, the tracking-URL form.
@Suite("#14 archive, delete, the tracking-URL form")
struct WorkingDayEditTests {
    @Test("#14 x archives the campaign (u unarchives); archived campaigns leave every list until X shows them")
    func archive() {
        var s = Scenarios.spring(120, 35, focus: .campaigns)
        var (t, effects) = press(.char("x"), on: s)
        guard case .perform(let pending)? = effects.first else { Issue.record("nothing sent"); return }
        #expect(pending.edit == .archive(campaignID: "c1"))
        #expect(pending.undo == .edit(.unarchive(campaignID: "c1"), summary: "“Spring launch” is listed again"))
        var report = s.report!
        report.campaigns[0].archivedAt = Fixtures.now
        s.report = report
        #expect(!s.visibleCampaigns.contains { $0.id == "c1" })
        #expect(!s.analyticsCampaigns.contains { $0.id == "c1" })
        #expect(!s.attributionCampaigns.contains { $0.id == "c1" })
        #expect(screen(s).contains("Campaigns 4 · 1 archived (X)"))
        (t, effects) = press(.char("X"), on: s)
        #expect(t.visibleCampaigns.contains { $0.id == "c1" } && t.analyticsCampaigns.contains { $0.id == "c1" })
        #expect(screen(t).contains("archived"))
        t.selectedCampaignID = "c1"
        (t, effects) = press(.char("x"), on: t)
        guard case .perform(let back)? = effects.first else { Issue.record("nothing sent"); return }
        #expect(back.edit == .unarchive(campaignID: "c1"))
    }

    @Test("#14 D asks, then asks the store to delete; a deleted campaign cannot be undone")
    func delete() {
        let (s, _) = press(.char("D"), on: Scenarios.spring(120, 35, focus: .campaigns))
        guard case .confirm(let confirm)? = s.popup else { Issue.record("no confirmation"); return }
        #expect(confirm.lines.first == "Delete “Spring launch” (spring-launch)?")
        let (_, effects) = press(.char("y"), on: s)
        guard case .perform(let pending)? = effects.first else { Issue.record("nothing sent"); return }
        #expect(pending.edit == .deleteCampaign(campaignID: "c1"))
        #expect(press(.char("n"), on: s).0.popup == nil)
    }

    @Test("#14 R6 b: the form takes the page and utm values, shows the URL, builds it in the store and copies it")
    func trackingURL() {
        var s = press(.char("b"), on: Scenarios.spring(120, 35, focus: .campaigns)).0
        guard case .trackingURL? = s.popup else { Issue.record("no form"); return }
        s = press(typing("https://www.example.com/spring?ref=x") + [.enter] + typing("newsletter") + [.tab] + typing("email"), on: s).0
        let shown = screen(s).split(separator: "\n").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "│ ")) }.joined()
        #expect(shown.contains("https://www.example.com/spring?ref=x&utm_source=newsletter&utm_medium=email&utm_campaign=spring-launch"))
        let (t, effects) = press(.enter, on: s)
        #expect(t.popup == nil)
        guard case .perform(let pending)? = effects.first else { Issue.record("nothing sent"); return }
        #expect(pending.edit == .buildTrackingURL(campaignID: "c1", page: "https://www.example.com/spring?ref=x", source: "newsletter",
                                                  medium: "email", term: nil, content: nil))
        let done = update(t, .editFinished(pending, .success(EditOutcome(url: "https://built.example/x")))).0
        #expect(done.pendingCopy == "https://built.example/x")
        // A page that is no URL is refused in the form, which stays.
        var bad = press(.char("b"), on: Scenarios.spring(120, 35, focus: .campaigns)).0
        bad = press(typing("www.example.com") + [.enter] + typing("a") + [.enter] + typing("b") + [.enter], on: bad).0
        guard case .trackingURL(let form)? = bad.popup else { Issue.record("the form closed on a bad page"); return }
        #expect(form.error?.contains("not a page URL") == true)
    }
}
