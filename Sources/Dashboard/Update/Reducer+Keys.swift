import Widgets
import Attribution

/// Keys outside popups: the key map gives the command, the focus gives its meaning.
extension Reducer {
    mutating func handle(_ key: Key) {
        if key == .ctrl("c") { return run(.quit) }
        let context = state.bindingContext
        guard let command = KeyMap.command(for: key, in: context) else { return type(key) }
        if refusedAsReadOnly(command) { return }
        if context.takesEveryKey { runInPopup(command) } else { run(command) }
    }

    mutating func run(_ command: Command) {
        switch command {
        case .up where state.paneContext == .metrics: moveMetricRow(by: -1)
        case .down where state.paneContext == .metrics: moveMetricRow(by: 1)
        case .up: move(by: -1)
        case .down: move(by: 1)
        case .pageUp: move(by: -state.layout.pageSize(state.paneContext))
        case .pageDown: move(by: state.layout.pageSize(state.paneContext))
        case .top: move(by: Int.min / 2)
        case .bottom: move(by: Int.max / 2)
        case .left: sideways(-1)
        case .right: sideways(1)
        case .nextPane, .previousPane:
            guard state.tab == .campaigns else { return }
            let panes = Pane.allCases
            let step = command == .nextPane ? 1 : panes.count - 1
            state.focus = panes[(state.focus.rawValue + step) % panes.count]
        case .showTab(let tab): state.tab = tab
        case .help: state.popup = .help(HelpPopup(context: state.paneContext))
        case .quit: requestQuit()
        case .undo: undo()
        case .windowPrevious: stepWindow(-1)
        case .windowNext: stepWindow(1)
        case .filter: state.filtering = true
        case .sort: sort()
        case .open: open()
        case .explain: explain()
        case .newCampaign: state.popup = .input(InputPopup(purpose: .newCampaign))
        case .rename:
            guard let campaign = state.selectedCampaign else { return noCampaign() }
            state.popup = .input(InputPopup(purpose: .rename(campaignID: campaign.id), text: campaign.name))
        case .associate:
            guard let campaign = state.selectedCampaign else { return noCampaign() }
            state.popup = .assetPicker(AssetPicker(campaignID: campaign.id))
            effects.append(.loadAssets)
        case .dissociate: confirmDissociate()
        case .cycleModel: cycleRevenueModel()
        case .resetModel:
            if !state.currentFilter.text.isEmpty { state.currentFilter = TextField(); return }
            guard state.revenueModel != nil else { return }
            state.revenueModel = nil
            state.message = StatusMessage("Revenue: influenced revenue (R14)")
        case .topDeals: openTopDeals()
        case .periodEditor: state.popup = .period(PeriodPopup(period: state.period, window: state.window))
        case .anchorAtDataEnd: anchorAtDataEnd()
        case .toggleChange:
            state.showsChange.toggle()
            if state.showsChange, state.previousReport == nil {
                state.message = StatusMessage("No previous period to compare with: choose a period with a start and an end (p)")
            }
        case .clearFilter: state.currentFilter = TextField()
        case .archive: archiveOrUnarchive()
        case .toggleArchived:
            state.showsArchived.toggle()
            state.message = StatusMessage(state.showsArchived ? "Archived campaigns shown" : "Archived campaigns hidden")
        case .deleteCampaign: confirmDelete()
        case .trackingURL:
            guard let campaign = state.selectedCampaign else { return noCampaign() }
            state.popup = .trackingURL(TrackingURLPopup(campaignID: campaign.id))
        case .close, .accept, .decline, .keepFilter, .quitNow,
             .nextField, .previousField, .dayEarlier, .dayLater, .monthEarlier, .monthLater:
            // Popup and filter commands: `runInPopup` carries them out.
            break
        case .segment:
            state.popup = .segmentPicker(SegmentPicker())
            effects.append(.loadSegments)
        case .contacts: openContacts()
        case .attachAlias:
            guard let value = state.selectedUnlinked else { return }
            state.popup = .campaignPicker(CampaignPicker(value: value))
            effects.append(.loadCampaigns)
        case .copy, .copyID: copy(command)
        }
    }

    /// Up and down in the metrics pane move between the rows of tiles, and stop at the edge.
    mutating func moveMetricRow(by rows: Int) {
        let target = state.metricIndex + rows * state.layout.metricColumns
        if CampaignMetric.allCases.indices.contains(target) { state.metricIndex = target }
    }

    /// Moves the cursor of the focused list, or of the one in `context` (the list under the mouse's wheel).
    mutating func move(by delta: Int, in context: BindingContext? = nil) {
        func step(_ index: Int, _ count: Int) -> Int? {
            guard count > 0 else { return nil }
            let (sum, overflow) = index.addingReportingOverflow(delta)
            return overflow ? (delta < 0 ? 0 : count - 1) : min(max(0, sum), count - 1)
        }
        switch context ?? state.paneContext {
        case .campaigns:
            let rows = state.visibleCampaigns
            if let i = step(state.campaignIndex, rows.count) { state.selectedCampaignID = rows[i].id; state.selectedAssetID = nil }
        case .assets:
            let rows = state.visibleAssets
            if let i = step(state.assetIndex, rows.count) { state.selectedAssetID = rows[i].id }
        case .metrics:
            if let i = step(state.metricIndex, CampaignMetric.allCases.count) { state.metricIndex = i }
        case .analytics:
            let rows = state.analyticsCampaigns
            if let i = step(state.analyticsIndex, rows.count) { state.analyticsCampaignID = rows[i].id }
        case .unlinked:
            let rows = state.unlinkedValues
            if let i = step(state.unlinkedIndex, rows.count) { state.unlinkedKey = rows[i].key }
        case .attribution:
            let rows = state.attributionCampaigns
            if let i = step(state.attributionIndex, rows.count) { state.attributionCampaignID = rows[i].id }
        default:
            // A pane context is one of the above.
            break
        }
    }

    mutating func sideways(_ delta: Int) {
        switch state.paneContext {
        case .metrics:
            state.metricIndex = min(max(0, state.metricIndex + delta), CampaignMetric.allCases.count - 1)
        case .analytics:
            let columns = AnalyticsColumn.all
            let i = columns.firstIndex(of: state.analyticsColumn) ?? 0
            state.analyticsColumn = columns[min(max(0, i + delta), columns.count - 1)]
        case .attribution:
            let models = state.attributionModels
            state.attributionModel = models[min(max(0, state.selectedModelIndex + delta), models.count - 1)]
        case .campaigns where delta > 0:
            state.focus = .assets
        default:
            break
        }
    }

    mutating func sort() {
        switch state.paneContext {
        case .campaigns:
            state.campaignSort = state.campaignSort.next
            state.message = StatusMessage("Sorted by \(state.campaignSort.label)")
        case .analytics:
            if state.analyticsSort.column == state.analyticsColumn {
                state.analyticsSort.descending.toggle()
            } else {
                state.analyticsSort = AnalyticsSort(column: state.analyticsColumn, descending: state.analyticsColumn != .name)
            }
        case .attribution:
            // The cursor stays on its campaign: rows are remembered by id.
            if state.attributionCampaignID == nil { state.attributionCampaignID = state.selectedAttributionCampaign?.id }
            state.attributionSort = state.attributionSort.next(selected: state.selectedModel)
        case .unlinked:
            state.unlinkedSort = state.unlinkedSort.next
            state.message = StatusMessage("Sorted by \(state.unlinkedSort.label)")
        default:
            break
        }
    }

    mutating func open() {
        switch state.paneContext {
        case .campaigns:
            state.focus = .assets
        case .metrics:
            if CampaignMetric.allCases[state.metricIndex] == .influencedContacts { openContacts() } else { explain() }
        case .analytics:
            guard let id = state.analyticsCampaigns[safe: state.analyticsIndex]?.id else { return }
            state.tab = .campaigns
            state.focus = .campaigns
            if !state.visibleCampaigns.contains(where: { $0.id == id }) { state.campaignFilter = TextField() }
            state.selectedCampaignID = id
            state.selectedAssetID = nil
        default:
            break
        }
    }

    mutating func explain() {
        let subject: ExplainSubject
        let title: String
        switch state.paneContext {
        case .assets:
            guard let campaign = state.selectedCampaign, let asset = state.selectedAsset else { return }
            subject = .asset(assetID: asset.id, campaignID: campaign.id)
            title = "\(asset.name) in \(campaign.name)"
        case .metrics:
            guard let campaign = state.selectedCampaign else { return noCampaign() }
            let metric = CampaignMetric.allCases[state.metricIndex]
            subject = .metric(campaignID: campaign.id, metric)
            title = "\(metric.label(width: 40)) of \(campaign.name)"
        case .unlinked:
            guard let value = state.selectedUnlinked else { return }
            subject = .utmValue(key: value.key)
            title = "utm_campaign=\(value.key)"
        default:
            return
        }
        state.popup = .explain(ExplainPopup(subject: subject, title: title))
        effects.append(.explain(subject, state.window))
    }

    /// `L`: a period counted back from today that holds no data because the data ends
    /// earlier is counted back from the data's last day instead; again, from today.
    mutating func anchorAtDataEnd() {
        if state.anchor != nil {
            state.anchor = nil
            state.message = StatusMessage("\(state.periodLabel): counted back from today again")
            return
        }
        guard state.period.isRelative else {
            state.message = StatusMessage("L moves a period counted back from today; \(state.periodLabel) has dates of its own")
            return
        }
        guard let end = state.dataEndsBefore else {
            state.message = StatusMessage("\(state.periodLabel) holds data already: nothing to move")
            return
        }
        state.anchor = end
        state.message = StatusMessage("\(state.periodLabel): the data ends \(end.spoken) · L counts from today again")
    }

    /// `[` `]`: the previous or next period; a campaign's dates only when one is selected.
    mutating func stepWindow(_ step: Int) {
        var period = state.period.stepped(step)
        if period == .campaignDates, state.selectedCampaign == nil { period = period.stepped(step) }
        state.period = period
    }

    /// `m` on the campaigns pane: the revenue column shows the next model's
    /// credit, after the last one influenced revenue again. Only the column
    /// changes: every model's numbers are in the report already.
    mutating func cycleRevenueModel() {
        let models = state.attributionModels
        if let current = state.revenueModel, let i = models.firstIndex(of: current) {
            state.revenueModel = i + 1 < models.count ? models[i + 1] : nil
        } else {
            state.revenueModel = models.first
        }
        if let model = state.revenueModel {
            state.message = StatusMessage("Revenue: \(ModelNames.spoken(model)) credit (R18) · m next model, Esc back")
        } else {
            state.message = StatusMessage("Revenue: influenced revenue (R14)")
        }
    }

    /// Enter on the attribution tab: the campaign's top deals under the highlighted model.
    mutating func openTopDeals() {
        guard let campaign = state.selectedAttributionCampaign else { return noCampaign() }
        let request = TopDealsRequest(campaignID: campaign.id, model: state.selectedModel, window: state.window,
                                      limit: TopDealsPopup.limit)
        state.popup = .topDeals(TopDealsPopup(request: request, campaignName: campaign.name))
        effects.append(.loadTopDeals(request))
    }

    /// `c`, or Enter on the influenced-contacts tile: the campaign's influenced
    /// contacts in the window, in the segment when there is one (R14, R20).
    mutating func openContacts() {
        let campaign = state.tab == .analytics ? state.analyticsCampaigns[safe: state.analyticsIndex] : state.selectedCampaign
        guard let campaign else { return noCampaign() }
        let request = ContactsRequest(campaignID: campaign.id, window: state.window, segment: state.segment?.id,
                                      limit: ContactsPopup.limit)
        state.popup = .contacts(ContactsPopup(request: request, campaignName: campaign.name))
        effects.append(.loadContacts(request))
    }

    /// R20: the picker's choice becomes the segment (nil: all contacts) and the report is asked again.
    mutating func chooseSegment(_ picker: SegmentPicker) {
        guard let row = picker.rows[safe: picker.cursor] else { return }
        state.popup = nil
        let chosen = row.map { Segment(id: $0.id, members: $0.members) }
        guard chosen != state.segment else { return }
        state.segment = chosen
        if chosen != nil {
            // The segment itself shows in the header and the status bar; the message says what it changes.
            state.message = StatusMessage("Only the segment's members count now (R20)")
        } else {
            state.message = StatusMessage("All contacts count again")
        }
        reload()
    }

    mutating func noCampaign() {
        state.message = StatusMessage("No campaign selected", isError: true)
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
