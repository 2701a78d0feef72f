import Widgets
import Synchronization
import Testing
import Attribution
import CampaignKit
@testable import Dashboard

@Suite("Keys: edits, confirmations and undo")
struct EditTests {
    @Test("R7 picker confirmation names the campaign the asset leaves, and y moves it")
    func moveAsset() {
        var (s, effects) = press(.char("a"), on: Scenarios.spring(120, 35, focus: .campaigns))
        #expect(effects == [.loadAssets])
        s = update(s, .assetsLoaded(.success(Fixtures.assets))).0
        guard case .assetPicker(let picker)? = s.popup else { Issue.record("no picker"); return }
        #expect(!picker.rows(campaignName: { _ in nil }).contains { $0.id == "a1" }, "assets already in the campaign are not offered")
        (s, effects) = press(typing("signup") + [.enter], on: s)
        guard case .confirm(let confirm)? = s.popup else { Issue.record("no confirmation"); return }
        #expect(confirm.lines.joined(separator: " ").contains("from Webinar series to Spring launch"))
        #expect(confirm.lines.contains { $0.contains("It leaves Webinar series now") })
        (s, effects) = press(.char("y"), on: s)
        #expect(s.popup == nil && s.editInFlight)
        #expect(effects == [.perform(PendingEdit(
            edit: .associate(assetID: "a6", campaignID: "c1"),
            summary: "Moved “Webinar signup” from Webinar series to Spring launch",
            undo: .edit(.undoAssociate(assetID: "a6", campaignID: "c1", movedFrom: "c2"), summary: "“Webinar signup” is back in Webinar series")))])
    }

    @Test("R7 a workflow joins a second campaign and stays in the first")
    func workflow() {
        var s = press(.char("a"), on: Scenarios.spring(120, 35, focus: .campaigns)).0
        s = update(s, .assetsLoaded(.success(Fixtures.assets))).0
        s = press(typing("nurture") + [.enter], on: s).0
        guard case .confirm(let confirm)? = s.popup else { Issue.record("no confirmation"); return }
        #expect(confirm.title == "Associate asset")
        #expect(confirm.lines.contains("it stays in Webinar series."))
        #expect(confirm.pending.undo == .edit(.undoAssociate(assetID: "a7", campaignID: "c1", movedFrom: nil),
                                              summary: "“Nurture workflow” is no longer in Spring launch"))
    }

    @Test("n, Esc and Escape cancel: nothing is sent")
    func cancel() {
        var s = press(.char("d"), on: Scenarios.spring(120, 35, focus: .assets)).0
        guard case .confirm? = s.popup else { Issue.record("no confirmation"); return }
        let (t, effects) = press(.char("n"), on: s)
        #expect(t.popup == nil && effects.isEmpty)
        #expect(t.message?.text == "Cancelled: nothing changed")
        s = press(.char("r"), .escape, on: Scenarios.spring(120, 35, focus: .campaigns)).0
        #expect(s.popup == nil)
    }

    @Test("d asks before dissociating; the undo associates again")
    func dissociate() {
        let (s, effects) = press(.char("d"), .enter, on: Scenarios.spring(120, 35, focus: .assets))
        #expect(s.popup == nil)
        #expect(effects == [.perform(PendingEdit(
            edit: .dissociate(assetID: "a2", campaignID: "c1"), summary: "Removed “Launch email” from Spring launch",
            undo: .edit(.associate(assetID: "a2", campaignID: "c1"), summary: "“Launch email” is back in Spring launch")))])
    }

    @Test("#14 R3 rename: Enter sends the new name; the undo takes the rename back (the store removes the value it minted while unused)")
    func rename() {
        var (s, effects) = press([.char("r"), .ctrl("u")] + typing("Spring launch 2024") + [.enter], on: Scenarios.spring(120, 35, focus: .campaigns))
        guard case .perform(let pending)? = effects.first else { Issue.record("nothing sent"); return }
        #expect(pending.edit == .rename(campaignID: "c1", name: "Spring launch 2024"))
        #expect(pending.summary.contains("utm_campaign=spring-launch-2024; spring-launch kept"))
        #expect(pending.undo == .edit(.undoRename(campaignID: "c1"),
                                     summary: "“Spring launch 2024” is “Spring launch” again (utm_campaign=spring-launch)"))
        s = update(s, .editFinished(pending, .success(EditOutcome()))).0
        #expect(s.undoStack.count == 1)
        #expect(s.message?.text.hasSuffix("u undoes") == true)
    }

    @Test("R3 renaming back to an earlier name reuses its earlier value")
    func renameBack() {
        let value = NameCheck.utmValue(for: "Spring promo", campaignID: "c1", campaigns: Fixtures.report().campaigns)
        #expect(value.value == "spring-promo" && value.reused)
        let fresh = NameCheck.utmValue(for: "Brand", campaignID: "c1", campaigns: Fixtures.report().campaigns)
        #expect(fresh.value == "brand-2" && !fresh.reused, "R2: another campaign's value is taken")
    }

    @Test("R1 a taken name is refused in the popup, naming the campaign that holds it")
    func nameTaken() {
        let (s, effects) = press([.char("n")] + typing("  webinar SERIES ") + [.enter], on: Fixtures.state())
        guard case .input(let input)? = s.popup else { Issue.record("popup closed"); return }
        #expect(input.error == "Taken by campaign c2 “Webinar series” (R1)")
        #expect(effects.isEmpty)
        let empty = press([.char("n"), .enter], on: Fixtures.state()).0
        if case .input(let e)? = empty.popup { #expect(e.error == "A campaign needs a name (R1)") } else { Issue.record("popup closed") }
    }

    @Test("#14 n creates a campaign; u deletes it again (a mistaken n is not for ever)")
    func create() {
        var (s, effects) = press([.char("n")] + typing("Black Friday") + [.enter], on: Fixtures.state())
        guard case .perform(let pending)? = effects.first else { Issue.record("nothing sent"); return }
        #expect(pending.edit == .createCampaign(name: "Black Friday"))
        (s, effects) = update(s, .editFinished(pending, .success(EditOutcome(createdCampaignID: "c6"))))
        #expect(s.selectedCampaignID == "c6")
        #expect(effects.count == 1, "the report reloads")
        (s, effects) = press(.char("u"), on: s)
        guard case .perform(let undo)? = effects.first else { Issue.record("no undo sent"); return }
        #expect(undo.edit == .deleteCampaign(campaignID: "c6") && undo.isUndo)
        s = update(s, .editFinished(undo, .success(EditOutcome()))).0
        #expect(s.message?.text == "Undone: “Black Friday” is gone again")
        #expect(press(.char("u"), on: s).0.message?.text == "Nothing to undo")
    }

    @Test("u sends the inverse edit as a new edit, and an undo is not itself pushed")
    func undo() {
        var s = Fixtures.state()
        let pending = PendingEdit(edit: .associate(assetID: "a6", campaignID: "c1"), summary: "Moved",
                                  undo: .edit(.associate(assetID: "a6", campaignID: "c2"), summary: "Back"))
        s = update(s, .editFinished(pending, .success(EditOutcome()))).0
        let (t, effects) = press(.char("u"), on: s)
        let inverse = PendingEdit(edit: .associate(assetID: "a6", campaignID: "c2"), summary: "Back", undo: nil)
        #expect(effects == [.perform(inverse)])
        let done = update(t, .editFinished(inverse, .success(EditOutcome()))).0
        #expect(done.undoStack.isEmpty)
        #expect(done.message?.text == "Undone: Back")
    }

    @Test("an edit the store refuses shows its message as an error")
    func refused() {
        let pending = PendingEdit(edit: .createCampaign(name: "X"), summary: "Created", undo: .impossible(reason: "r"))
        let s = update(Fixtures.state(), .editFinished(pending, .failure(BackendFailure("name taken by c2")))).0
        #expect(s.message == StatusMessage("Not saved: name taken by c2", isError: true))
        #expect(s.undoStack.isEmpty)
    }

    @Test("R5 a attaches an unlinked value: the picker starts on the suggested campaign, then a confirmation")
    func attachAlias() {
        var (s, effects) = press(.char("3"), .char("a"), on: Fixtures.state())
        #expect(effects == [.loadCampaigns])
        s = update(s, .campaignsLoaded(.success(Fixtures.report().campaigns.map {
            CampaignListing(id: $0.id, name: $0.name, utmCampaign: $0.utmCampaign)
        }))).0
        guard case .campaignPicker(let picker)? = s.popup else { Issue.record("no picker"); return }
        #expect(picker.rows[picker.cursor].id == "c1")
        (s, effects) = press(.enter, on: s)
        guard case .confirm(let confirm)? = s.popup else { Issue.record("no confirmation"); return }
        #expect(confirm.lines.first == "Attach utm_campaign=spring-lauch")
        #expect(confirm.lines.contains("An alias stays attached: this cannot be undone."))
        (s, effects) = press(.char("y"), on: s)
        let edits: [Edit] = effects.compactMap { if case .perform(let p) = $0 { return p.edit }; return nil }
        #expect(edits == [.attachAlias(value: "spring-lauch", campaignID: "c1")])
    }

    @Test("a second edit waits for the first")
    func oneAtATime() {
        var s = Scenarios.spring(120, 35, focus: .assets)
        s.savingEdit = PendingEdit(edit: .rename(campaignID: "c1", name: "Other"), summary: "Renamed", undo: nil)
        let (t, effects) = press(.char("d"), .char("y"), on: s)
        #expect(effects.isEmpty)
        #expect(t.message?.isError == true)
    }

    @Test("R19 e on an asset, a metric or an unlinked value asks the backend to explain it")
    func explain() {
        var (s, effects) = press(.char("e"), on: Scenarios.spring(120, 35, focus: .assets))
        #expect(effects == [.explain(.asset(assetID: "a2", campaignID: "c1"), s.window)])
        (s, effects) = press(.escape, .tab, .char("l"), .char("e"), on: s)
        #expect(effects == [.explain(.metric(campaignID: "c1", .influencedContacts), s.window)])
        (s, effects) = press(.escape, .char("3"), .char("e"), on: s)
        #expect(effects == [.explain(.utmValue(key: "spring-lauch"), s.window)])
        s = update(s, .explained(.utmValue(key: "spring-lauch"), .failure(BackendFailure("no such value")))).0
        if case .explain(let popup)? = s.popup { #expect(popup.lines == ["Could not explain: no such value"]) }
    }
}

@Suite("Live data")
struct LiveDataTests {
    @Test("a changed data version reloads the report; an old answer is dropped")
    func reload() {
        var (s, effects) = start(DashboardState(now: Fixtures.now, zone: Fixtures.utc))
        // #17: with no report yet, the campaigns' outline is asked for too, first.
        #expect(effects == [.loadOutline(generation: 1), .loadReport(ReportRequest(window: ReportWindow(zone: Fixtures.utc)), generation: 1)])
        (s, effects) = update(s, .dataVersion(7))
        #expect(effects.isEmpty)
        (s, effects) = update(s, .dataVersion(8))
        #expect(effects == [.loadOutline(generation: 2), .loadReport(ReportRequest(window: ReportWindow(zone: Fixtures.utc)), generation: 2)])
        s = update(s, .reportLoaded(generation: 1, .success(Fixtures.report()))).0
        #expect(s.report == nil && s.loading)
        s = update(s, .reportLoaded(generation: 2, .success(Fixtures.report()))).0
        #expect(s.report != nil && !s.loading && s.lastRefresh == Fixtures.now)
    }

    @Test("a new day moves a relative window; a failed load keeps the last report")
    func tickAndFailure() {
        var s = Fixtures.state()
        s.period = .last7Days
        s.requestedReport = s.reportRequest
        var effects: [Effect]
        (s, effects) = update(s, .tick(Fixtures.now.adding(seconds: 60)))
        #expect(effects.isEmpty)
        (s, effects) = update(s, .tick(Fixtures.at("2024-03-21T00:00:01Z")))
        // The new window's report, and the week before it for the comparison.
        #expect(effects.count == 2)
        s = update(s, .reportLoaded(generation: s.generation, .failure(BackendFailure("disk I/O error")))).0
        #expect(s.report != nil)
        #expect(s.loadError == "disk I/O error")
    }

    @Test("R7 the whole loop against a backend: move an asset with the keys, then undo it")
    func loop() async {
        let backend = FakeBackend()
        var (s, effects) = start(Fixtures.state())
        s = await settle(s, effects, backend: backend)
        s.selectedCampaignID = "c1"
        (s, effects) = press(.char("a"), on: s)
        s = await settle(s, effects, backend: backend)
        (s, effects) = press(typing("signup") + [.enter, .char("y")], on: s)
        s = await settle(s, effects, backend: backend)
        #expect(await backend.listings.first { $0.id == "a6" }?.campaignIDs == ["c1"])
        (s, effects) = press(.char("u"), on: s)
        s = await settle(s, effects, backend: backend)
        #expect(await backend.listings.first { $0.id == "a6" }?.campaignIDs == ["c2"])
        let calls = await backend.calls
        #expect(calls.filter { $0.hasPrefix("associate") || $0.hasPrefix("undo") } == ["associate a6 c1", "undo associate a6 c1 from c2"])
        #expect(calls.filter { $0.hasPrefix("report") }.count == 3, "the first load and one after each edit")
        #expect(s.message?.text == "Undone: “Webinar signup” is back in Webinar series")
    }

    @Test("R3 rename through the backend: the report afterwards shows the kept alias")
    func renameLoop() async {
        let backend = FakeBackend()
        var (s, effects) = start(Fixtures.state())
        s = await settle(s, effects, backend: backend)
        s.selectedCampaignID = "c2"
        (s, effects) = press([.char("r"), .ctrl("u")] + typing("Webinars 2024") + [.enter], on: s)
        s = await settle(s, effects, backend: backend)
        let renamed = s.campaign(id: "c2")
        #expect(renamed?.utmCampaign == "webinars-2024")
        #expect(renamed?.utmAliases == ["webinar-series"])
    }
}

/// Issue 12 item 7: no lost or clobbered edit. Undo is a compare-and-swap the store
/// makes; an edit waiting for another writer says so; quitting never drops one silently.
@Suite("Edits racing other writers")
struct EditRaceTests {
    /// The dashboard after renaming c2 (“Webinar series”) to `name` through the keys.
    func renamed(_ s: DashboardState, to name: String, backend: FakeBackend) async -> DashboardState {
        var s = s
        s.selectedCampaignID = "c2"
        let (t, effects) = press([.char("r"), .ctrl("u")] + typing(name) + [.enter], on: s)
        return await settle(t, effects, backend: backend)
    }

    func loaded(_ backend: FakeBackend) async -> DashboardState {
        let (s, effects) = start(Fixtures.state())
        return await polled(await settle(s, effects, backend: backend), backend)
    }

    /// What the runner's data-version poll brings: a new report once the store changed.
    func polled(_ s: DashboardState, _ backend: FakeBackend) async -> DashboardState {
        let (t, effects) = update(s, .dataVersion(try! await backend.dataVersion()))
        return await settle(t, effects, backend: backend)
    }

    /// The status bar's text.
    func statusLine(_ s: DashboardState) -> String {
        String(screen(s).split(separator: "\n", omittingEmptySubsequences: false).last ?? "")
    }

    @Test("#12.7 u after another writer renamed the campaign: refused by the store, one line says so, nothing reverted")
    func undoRefused() async {
        let backend = FakeBackend()
        var s = await renamed(await loaded(backend), to: "Webinars 2024", backend: backend)
        guard case .edit(.undoRename("c2"), _)? = s.undoStack.last?.entry,
              let expected = s.undoStack.last?.expected else { Issue.record("no undo step with a revision"); return }
        await backend.otherWriterRenames("c2", to: "Webinar archive")
        let effects: [Effect]
        (s, effects) = press(.char("u"), on: s)
        guard case .perform(let undo)? = effects.first else { Issue.record("nothing sent"); return }
        #expect(undo.expected == expected, "the undo carries the revision its edit left")
        s = await settle(s, effects, backend: backend)
        #expect(s.message == StatusMessage("Not undone: campaign c2 changed since your edit", isError: true))
        #expect(statusLine(s).contains("Not undone: campaign c2 changed since your edit"))
        #expect(await backend.campaigns.first { $0.id == "c2" }?.name == "Webinar archive")
        #expect(s.undoStack.isEmpty, "an edit that can no longer be taken back leaves the stack")
        #expect(await backend.calls.contains("undo rename c2 (refused)"))
    }

    @Test("#12.7 a refusal too long to stand beside the store and window facts takes the whole status bar")
    func longRefusal() {
        let line = "Not undone: “Spring launch 2024 (EMEA)” was renamed to “Spring launch 2024 (EMEA, final)” since your edit"
        var s = Fixtures.state(width: 120)
        s.message = StatusMessage(line, isError: true)
        #expect(statusLine(s).hasPrefix(" " + line), "the message whole, the facts gone")
        s.message = StatusMessage("Sorted by name")
        #expect(statusLine(s).hasPrefix(" utmost.sqlite │ All time (UTC) │ refreshed"), "a short one leaves the facts")
    }

    @Test("#12.7 undoing twice in a row: the first undo's revision carries over to the step below it")
    func undoTwice() async {
        let backend = FakeBackend()
        var s = await renamed(await loaded(backend), to: "Webinars 2024", backend: backend)
        s = await renamed(s, to: "Webinars 2025", backend: backend)
        for _ in 0..<2 {
            let (t, effects) = press(.char("u"), on: s)
            s = await settle(t, effects, backend: backend)
            #expect(s.message?.isError == false, "\(s.message?.text ?? "")")
        }
        #expect(await backend.campaigns.first { $0.id == "c2" }?.name == "Webinar series")
        #expect(s.message?.text == "Undone: “Webinars 2024” is “Webinar series” again (utm_campaign=webinar-series)")
    }

    @Test("#12.7 a step whose object another writer changed between two of our edits stays refused after the later undo")
    func strangerBetween() async {
        let backend = FakeBackend()
        var s = await renamed(await loaded(backend), to: "Webinars 2024", backend: backend)
        await backend.otherWriterRenames("c2", to: "Webinar archive")
        s = await polled(s, backend)
        s = await renamed(s, to: "Webinars 2025", backend: backend)
        var (t, effects) = press(.char("u"), on: s)
        s = await settle(t, effects, backend: backend)
        #expect(s.message?.text.hasPrefix("Undone:") == true)
        #expect(await backend.campaigns.first { $0.id == "c2" }?.name == "Webinar archive")
        (t, effects) = press(.char("u"), on: s)
        s = await settle(t, effects, backend: backend)
        #expect(s.message == StatusMessage("Not undone: campaign c2 changed since your edit", isError: true))
        #expect(await backend.campaigns.first { $0.id == "c2" }?.name == "Webinar archive")
    }

    @Test("#12.7 an edit that waits for another writer says so in the status bar until it is saved")
    func waiting() async {
        let backend = FakeBackend()
        await backend.setLockWait(.milliseconds(1))
        let pending = PendingEdit(edit: .rename(campaignID: "c2", name: "Webinars"), summary: "Renamed", undo: nil)
        let early = Mutex<[Action]>([])
        let result = await EffectPerformer.perform(.perform(pending), backend: backend) { a in early.withLock { $0.append(a) } }
        #expect(early.withLock { $0 } == [.editWaiting(pending)], "the backend's long-wait notice becomes an action")
        guard case .editFinished(_, .success)? = result else { Issue.record("not saved: \(String(describing: result))"); return }

        var s = Fixtures.state()
        s.savingEdit = pending
        s = update(s, .editWaiting(pending)).0
        #expect(statusLine(s).contains("Waiting for another writer… the edit is saved once it is done"))
        s = press(.char("j"), on: s).0
        #expect(statusLine(s).contains("Waiting for another writer…"), "the notice stays while keys are pressed")
        let (t, effects) = press(.char("u"), on: s)
        #expect(effects.isEmpty)
        #expect(t.message?.text == "The last edit is still waiting for another writer; try again once it is saved")
        s = update(s, .editFinished(pending, .success(EditOutcome()))).0
        #expect(!statusLine(s).contains("Waiting"))
        #expect(s.waitingEdit == nil)
    }

    /// A state with a rename on its way to the store, and that edit.
    func saving() -> (DashboardState, PendingEdit) {
        let (s, effects) = press([.char("r"), .ctrl("u")] + typing("Webinars") + [.enter],
                                 on: Scenarios.spring(120, 35, focus: .campaigns))
        guard case .perform(let pending)? = effects.first else { fatalError("no edit sent") }
        return (s, pending)
    }

    @Test("#12.7 q with an edit on its way quits once it is saved, not before")
    func quitAfterSave() {
        var (s, pending) = saving()
        var effects: [Effect]
        (s, effects) = press(.char("q"), on: s)
        #expect(effects.isEmpty && !s.quitting && s.popup == nil)
        #expect(statusLine(s).contains("Saving the edit, then quitting…"))
        (s, effects) = update(s, .editFinished(pending, .success(EditOutcome())))
        #expect(effects == [.quit] && s.quitting)
    }

    @Test("#12.7 q with an edit the store then refuses stays open, showing why; q again quits")
    func quitAfterRefusal() {
        var (s, pending) = saving()
        var effects: [Effect]
        s = press(.ctrl("c"), on: s).0
        (s, effects) = update(s, .editFinished(pending, .failure(BackendFailure("the name is taken"))))
        #expect(effects.isEmpty && !s.quitting)
        #expect(s.message == StatusMessage("Not saved: the name is taken · q quits", isError: true))
        (s, effects) = press(.char("q"), on: s)
        #expect(effects == [.quit])
    }

    @Test("#12.7 q while the edit waits for another writer asks: Enter waits then quits, Esc stays, q or Ctrl-C quits without it")
    func quitWhileWaiting() {
        var (s, pending) = saving()
        s = update(s, .editWaiting(pending)).0
        var effects: [Effect]
        (s, effects) = press(.char("q"), on: s)
        guard case .quit(let popup)? = s.popup else { Issue.record("no question"); return }
        #expect(popup.summary == pending.summary && effects.isEmpty)
        let text = screen(s)
        #expect(text.contains("An edit is not saved yet") && text.contains("Quitting now drops it."))
        #expect(text.contains("Enter wait, then quit · q quit now · Esc stay"))

        let stay = press(.escape, on: s).0
        #expect(stay.popup == nil && !stay.quitAfterEdit && !stay.quitting)
        #expect(stay.message?.text == "Not quitting; the edit is saved once the other writer is done")

        for key in [Key.char("q"), .ctrl("c")] {
            let (gone, effects) = press(key, on: s)
            #expect(effects == [.quit] && gone.quitting, "\(key) quits without the edit")
        }

        (s, effects) = press(.enter, on: s)
        #expect(s.popup == nil && s.quitAfterEdit && effects.isEmpty)
        #expect(statusLine(s).contains("Waiting for another writer… then quitting"))
        (s, effects) = update(s, .editFinished(pending, .success(EditOutcome())))
        #expect(effects == [.quit])
    }

    @Test("#12.7 q first, then the edit starts waiting for another writer: the question comes then")
    func waitingAfterQuit() {
        var (s, pending) = saving()
        s = press(.char("q"), on: s).0
        #expect(s.popup == nil)
        s = update(s, .editWaiting(pending)).0
        guard case .quit? = s.popup else { Issue.record("no question"); return }
    }
}
