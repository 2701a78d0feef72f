import Attribution

/// Attribution models as marketers name them: `U-shaped`, `Time decay`, `Full path`;
/// a custom model (`--model-file`) keeps the name its file gives it.
public enum ModelNames {
    public static func spoken(_ name: String) -> String {
        switch name {
        case "first": return "First touch"
        case "last": return "Last touch"
        case "linear": return "Linear"
        case "u_shaped": return "U-shaped"
        case "w_shaped": return "W-shaped"
        case "full_path": return "Full path"
        case "time_decay": return "Time decay"
        case "j_shaped": return "J-shaped"
        case "inverse_j": return "Inverse J"
        default: return name
        }
    }

    /// The name in at most ten columns, for a table's header: `First`, `Last`, the others as spoken.
    public static func short(_ name: String) -> String {
        switch name {
        case "first": return "First"
        case "last": return "Last"
        default: return spoken(name)
        }
    }
}
