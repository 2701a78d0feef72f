import Attribution

/// A request for the outside world, produced by `update`. The runner performs
/// it (see `EffectPerformer`) and feeds the result back as an `Action`.
public enum Effect: Hashable, Sendable {
    /// Compute the report for the window (and segment, R20); `generation` tells stale answers apart.
    case loadReport(ReportRequest, generation: Int)
    /// The report of the period just before the window, as long: the metric tiles compare with it.
    case loadComparison(ReportRequest, generation: Int)
    /// #17: the campaigns as the store lists them, for the campaigns pane until the report of `generation` comes.
    case loadOutline(generation: Int)
    case loadAssets
    case loadCampaigns
    /// An edit (or an undo, which is an inverse edit) to the store.
    case perform(PendingEdit)
    case explain(ExplainSubject, ReportWindow)
    /// R18: a campaign's top deals under a model, with their touches.
    case loadTopDeals(TopDealsRequest)
    /// R20: the Salesforce campaign ids among the contacts, for the segment picker.
    case loadSegments
    /// A campaign's influenced contacts with their touches.
    case loadContacts(ContactsRequest)
    case quit
}
