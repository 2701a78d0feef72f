/// Framed areas: a pane with a title whose border is brighter when it has the
/// focus, and a popup, a box over the panes with its own background.
public enum Panel {
    /// Frames `rect` and returns its inside.
    @discardableResult
    public static func draw(_ rect: Rect, title: String, focused: Bool, glyphs: Glyphs, into grid: inout CellGrid) -> Rect {
        grid.box(rect, title: title, glyphs: glyphs,
                 border: Style(focused ? .borderFocused : .border),
                 titleStyle: Style(focused ? .borderFocused : .title, bold: true))
        return rect.inset(1)
    }

    /// Clears a box centred in `screen` for `height` rows of content `width` wide and
    /// frames it: a blank row above the content, and the footer (its keys) under it
    /// after a blank row. Returns the content's rectangle, clipped to the screen.
    public static func popup(width: Int, height: Int, title: String, footer: String, in screen: Rect,
                             glyphs: Glyphs, into grid: inout CellGrid) -> Rect {
        let box = popupBox(width: width, height: height, in: screen)
        grid.fill(box, style: popupText)
        grid.box(box, title: title, glyphs: glyphs, border: Style(.popupBorder, on: .popup),
                 titleStyle: Style(.popupBorder, on: .popup, bold: true))
        let inner = popupInside(box)
        if inner.height >= 2 {
            grid.clipped(footer, x: inner.x, y: inner.maxY - 1, width: inner.width, style: Style(.muted, on: .popup), glyphs: glyphs)
        }
        return popupContent(width: width, height: height, in: screen)
    }

    /// The content's rectangle of the popup `popup` draws for these sizes, without drawing
    /// it (where a click lands).
    public static func popupContent(width: Int, height: Int, in screen: Rect) -> Rect {
        let inner = popupInside(popupBox(width: width, height: height, in: screen))
        return Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: max(0, inner.height - 3))
    }

    private static func popupBox(width: Int, height: Int, in screen: Rect) -> Rect {
        screen.centered(width: width + 4, height: height + 5)
    }

    /// Inside the border, a column of margin on each side.
    private static func popupInside(_ box: Rect) -> Rect {
        Rect(x: box.x + 2, y: box.y + 1, width: box.width - 4, height: box.height - 2)
    }

    /// The text style inside a popup.
    public static var popupText: Style { Style(.popup, on: .popup) }
}
