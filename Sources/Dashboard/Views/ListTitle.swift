import Widgets

/// What a list's title says after its name: where the cursor is among the rows
/// (`· 3 of 12`), and the filter in force (`· /spr`).
enum ListTitle {
    static func suffix(count: Int, cursor: Int, filter: TextField, glyphs: Glyphs) -> String {
        var out = count == 0 ? "" : " \(glyphs.separator) \(min(cursor, count - 1) + 1) of \(Format.grouped(count))"
        if !filter.text.isEmpty { out += " \(glyphs.separator) /\(filter.text)" }
        return out
    }
}
