import Widgets
/// Where everything goes on a screen of a given size.
///
/// Full layout from 80×24; below that one pane at a time (the focused one);
/// under 40×10 a single "terminal too small" line.
public struct Layout: Hashable, Sendable {
    public enum Mode: Hashable, Sendable { case tooSmall, single, full }

    public static let minimumFull = (width: 80, height: 24)
    public static let minimum = (width: 40, height: 10)

    public var mode: Mode
    public var header: Rect
    public var body: Rect
    public var status: Rect
    public var campaigns: Rect
    public var assets: Rect
    public var metrics: Rect

    public init(width: Int, height: Int) {
        let screen = Rect(x: 0, y: 0, width: width, height: height)
        if width < Self.minimum.width || height < Self.minimum.height {
            mode = .tooSmall
            header = screen; body = Rect(x: 0, y: 0, width: 0, height: 0); status = body
            campaigns = body; assets = body; metrics = body
            return
        }
        let (top, rest) = screen.splitTop(1)
        let (middle, bottom) = rest.splitTop(rest.height - 1)
        header = top; body = middle; status = bottom
        if width < Self.minimumFull.width || height < Self.minimumFull.height {
            mode = .single
            campaigns = body; assets = body; metrics = body
            return
        }
        mode = .full
        let leftWidth = max(38, width / 2)
        let (left, right) = body.splitLeft(leftWidth)
        campaigns = left
        let metricsHeight = max(12, body.height * 45 / 100)
        let (upper, lower) = right.splitTop(right.height - metricsHeight)
        assets = upper; metrics = lower
    }

    /// The rectangle of a pane of the campaigns tab.
    public func rect(for pane: Pane) -> Rect {
        switch pane {
        case .campaigns: return campaigns
        case .assets: return assets
        case .metrics: return metrics
        }
    }

    /// Rows of a list inside a boxed pane with one header row.
    public static func listRows(in pane: Rect) -> Int { max(1, pane.height - 3) }
}

/// What the reducer needs to know of the screen's layout, worked out when the size
/// changes (`DashboardState.width`, `height`): how far a page moves in each list, the
/// shape of the metrics pane's tiles, how many rows the contacts popup shows.
public struct LayoutFacts: Hashable, Sendable {
    /// Rows a page moves in each pane and tab.
    public var pageSizes: [BindingContext: Int]
    /// Metric tiles per row: up and down move by a row.
    public var metricColumns: Int
    private var screenHeight: Int

    public init(width: Int, height: Int) {
        let layout = Layout(width: width, height: height)
        var pages: [BindingContext: Int] = [:]
        for pane in Pane.allCases { pages[pane.context] = max(1, Layout.listRows(in: layout.rect(for: pane)) - 1) }
        for context in [BindingContext.analytics, .unlinked, .attribution] { pages[context] = max(1, Layout.listRows(in: layout.body) - 1) }
        pageSizes = pages
        metricColumns = MetricsPane.tileColumns
        screenHeight = height
    }

    /// Rows a page moves where `context` has the focus.
    public func pageSize(_ context: BindingContext) -> Int { pageSizes[context] ?? 1 }

    /// Rows of the contacts popup's list when it has `count` rows to show.
    public func contactRows(count: Int) -> Int { ContactsView.visibleRows(height: screenHeight, count: count) }
}
