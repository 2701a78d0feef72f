import Widgets
import Attribution
import CampaignKit

/// The dashboard's logic: the next state for an action, and the effects to
/// carry out. Pure: no I/O, no clock, no curses; the runner does the rest.
public func update(_ state: DashboardState, _ action: Action) -> (DashboardState, [Effect]) {
    var reducer = Reducer(state: state)
    reducer.apply(action)
    return (reducer.state, reducer.effects)
}

/// The first state's effects: load the report for the starting window.
public func start(_ state: DashboardState) -> (DashboardState, [Effect]) {
    var reducer = Reducer(state: state)
    reducer.reload()
    return (reducer.state, reducer.effects)
}

/// Mutable scratch space for one `update`.
struct Reducer {
    var state: DashboardState
    var effects: [Effect] = []

    /// Applies an action; then, when the window or the segment it leaves differs from
    /// what the last report was asked for (a new period, a campaign whose dates the
    /// period follows, midnight), asks again.
    mutating func apply(_ action: Action) {
        applyAction(action)
        if let requested = state.requestedReport, requested != state.reportRequest { reload() }
    }

    private mutating func applyAction(_ action: Action) {
        switch action {
        case .key(let key):
            state.message = nil
            handle(key)
        case .mouse(let event):
            state.message = nil
            mouse(event)
        case .resize(let width, let height):
            state.width = max(0, width); state.height = max(0, height)
        case .tick(let now):
            // Past midnight a period counted from today moves: `apply` then asks for its report.
            state.now = now
        case .dataVersion(let version):
            // Back from an outage, a report that failed meanwhile is asked again.
            let recovered = state.storeUnreachable != nil && state.loadError != nil
            if let known = state.dataVersion, known != version { reload() } else if recovered { reload() }
            state.dataVersion = version
            state.storeUnreachable = nil
        case .storeUnreachable(let reason):
            state.storeUnreachable = reason
        case .reportLoaded(let generation, let result):
            guard generation == state.generation else { return }
            state.loading = false
            switch result {
            case .success(let report):
                state.report = report
                state.outline = nil
                state.loadError = nil
                state.lastRefresh = state.now
            case .failure(let failure):
                state.loadError = failure.message
                state.message = StatusMessage("Could not compute the report: \(failure.message)", isError: true)
            }
        case .reportRecalled(let generation, let report):
            // Shown until the computed report comes; it is still on its way (`loading`).
            guard generation == state.generation, state.loading else { return }
            state.report = report
            state.outline = nil
        case .outlineLoaded(let generation, let outline):
            // #17: a head start only; once a report is here (remembered or computed), its rows stay.
            guard generation == state.generation, state.report == nil, let outline else { return }
            state.outline = outline
        case .comparisonLoaded(let generation, let result):
            // Without the previous period's numbers the tiles show no change; nothing else waits on them.
            guard generation == state.generation else { return }
            state.previousReport = try? result.get()
        case .assetsLoaded(let result):
            guard case .assetPicker(var picker)? = state.popup else { return }
            switch result {
            case .success(let assets): picker.assets = assets; state.popup = .assetPicker(picker)
            case .failure(let failure): failed("Could not list the assets", failure)
            }
        case .campaignsLoaded(let result):
            guard case .campaignPicker(var picker)? = state.popup else { return }
            switch result {
            case .success(let campaigns):
                picker.campaigns = campaigns
                if let suggested = picker.value.suggestedCampaignID,
                   let index = picker.rows.firstIndex(where: { $0.id == suggested }) {
                    picker.cursor = index
                }
                state.popup = .campaignPicker(picker)
            case .failure(let failure): failed("Could not list the campaigns", failure)
            }
        case .editWaiting(let pending):
            guard state.editInFlight else { return }
            state.waitingEdit = pending
            if state.quitAfterEdit { askBeforeQuitting() }
        case .editFinished(let pending, let result):
            finished(pending, result)
        case .explained(let subject, let result):
            guard case .explain(var popup)? = state.popup, popup.subject == subject else { return }
            switch result {
            case .success(let lines): popup.lines = lines.isEmpty ? ["(nothing to explain)"] : lines
            case .failure(let failure): popup.lines = ["Could not explain: \(failure.message)"]
            }
            state.popup = .explain(popup)
        case .topDealsLoaded(let request, let result):
            guard case .topDeals(var popup)? = state.popup, popup.request == request else { return }
            switch result {
            case .success(let top): popup.result = top
            case .failure(let failure): popup.error = failure.message
            }
            state.popup = .topDeals(popup)
        case .segmentsLoaded(let result):
            guard case .segmentPicker(var picker)? = state.popup else { return }
            switch result {
            case .success(let segments):
                picker.segments = segments
                // The cursor starts on the segment in force.
                if let id = state.segment?.id, let index = picker.rows.firstIndex(where: { $0?.id == id }) { picker.cursor = index }
                state.popup = .segmentPicker(picker)
            case .failure(let failure): failed("Could not list the Salesforce campaigns", failure)
            }
        case .contactsLoaded(let request, let result):
            guard case .contacts(var popup)? = state.popup, popup.request == request else { return }
            switch result {
            case .success(let contacts): popup.result = contacts
            case .failure(let failure): popup.error = failure.message
            }
            state.popup = .contacts(popup)
        }
    }

    /// Asks for the report of the current window, and of the window as long just before it
    /// for the comparison; older answers will be dropped. With no report yet, the campaigns'
    /// outline is asked for first (#17): it is read before the report's load takes the store.
    mutating func reload() {
        state.generation += 1
        state.loading = true
        let request = state.reportRequest
        state.requestedReport = request
        if state.report == nil { effects.append(.loadOutline(generation: state.generation)) }
        effects.append(.loadReport(request, generation: state.generation))
        if let previous = request.window.previous {
            effects.append(.loadComparison(ReportRequest(window: previous, segment: request.segment), generation: state.generation))
        } else {
            state.previousReport = nil
        }
    }

    mutating func failed(_ what: String, _ failure: BackendFailure) {
        state.popup = nil
        state.message = StatusMessage("\(what): \(failure.message)", isError: true)
    }

    /// A new campaign is selected and shown, even when the filter would hide it.
    mutating func selectCreated(_ id: String) {
        state.tab = .campaigns
        state.focus = .campaigns
        state.campaignFilter = TextField()
        state.filtering = false
        state.selectedCampaignID = id
    }
}
