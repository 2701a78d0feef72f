/// The command line's values are typed by a person: a control character in one
/// (an escape pasted from a log, a CR) is a mistake or an attack, never data, so it
/// is refused before any command runs, as campaign names always were (R1). Output
/// is cleaned anyway; this keeps such values out of the store.
enum TypedArguments {
    /// Options whose value is free text that may span lines, as a notes cell of a
    /// data file may: tab, LF and CR are taken there.
    static let multiLineOptions: Set<String> = ["--notes"]

    /// The first argument that holds a control character (C0, DEL, C1), as a
    /// message naming it and the character; nil when every one is clean.
    static func refusal(in arguments: [String]) -> String? {
        var previous = ""
        for (index, argument) in arguments.enumerated() {
            defer { previous = argument }
            let option = argument.hasPrefix("--") ? String(argument.prefix { $0 != "=" }) : previous
            let allowed: Set<UInt32> = multiLineOptions.contains(option) ? [0x09, 0x0A, 0x0D] : []
            guard let control = argument.unicodeScalars.first(where: { isControl($0) && !allowed.contains($0.value) }) else { continue }
            let hex = String(control.value, radix: 16, uppercase: true)
            return "argument \(index + 1) (\(argument)) holds the control character U+\(String(repeating: "0", count: max(0, 4 - hex.count)) + hex); "
                + "values typed on the command line cannot hold control characters"
        }
        return nil
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value)
    }
}
