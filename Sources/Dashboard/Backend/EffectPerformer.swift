/// Carries out an effect against a backend and says what came of it.
///
/// Lives here rather than in `Terminal` so that tests drive the whole loop
/// (key → effect → backend → action → state) without a terminal.
public enum EffectPerformer {
    /// The action the effect's result brings, nil for `.quit` (the runner's business).
    /// - Parameter progress: takes the actions that come before the result (`editWaiting`
    ///   when an edit waits for another process's write; a report's remembered numbers, #17).
    public static func perform(_ effect: Effect, backend: any DashboardBackend,
                               progress: @escaping @Sendable (Action) -> Void = { _ in }) async -> Action? {
        switch effect {
        case .loadReport(let request, let generation):
            if let recalled = await backend.recalledReport(for: request) { progress(.reportRecalled(generation: generation, recalled)) }
            return .reportLoaded(generation: generation, await result { try await backend.report(for: request) })
        case .loadComparison(let request, let generation):
            if let recalled = await backend.recalledReport(for: request) { progress(.comparisonLoaded(generation: generation, .success(recalled))) }
            return .comparisonLoaded(generation: generation, await result { try await backend.report(for: request) })
        case .loadOutline(let generation):
            // Only a head start: without it the pane waits for the report, which says what went wrong.
            return .outlineLoaded(generation: generation, (try? await backend.campaignOutline()) ?? nil)
        case .loadAssets:
            return .assetsLoaded(await result { try await backend.assets() })
        case .loadCampaigns:
            return .campaignsLoaded(await result { try await backend.campaigns() })
        case .perform(let pending):
            return .editFinished(pending, await result {
                try await backend.perform(pending.edit, expected: pending.expected) { progress(.editWaiting(pending)) }
            })
        case .explain(let subject, let window):
            return .explained(subject, await result { try await backend.explain(subject, window: window) })
        case .loadTopDeals(let request):
            return .topDealsLoaded(request, await result {
                try await backend.topDeals(campaignID: request.campaignID, model: request.model,
                                           window: request.window, limit: request.limit)
            })
        case .loadSegments:
            return .segmentsLoaded(await result { try await backend.segments() })
        case .loadContacts(let request):
            return .contactsLoaded(request, await result {
                try await backend.contacts(campaignID: request.campaignID, window: request.window,
                                           segment: request.segment, limit: request.limit)
            })
        case .quit:
            return nil
        }
    }

    private static func result<T: Sendable>(_ body: () async throws -> T) async -> Result<T, BackendFailure> {
        do { return .success(try await body()) } catch { return .failure(BackendFailure(error)) }
    }
}
