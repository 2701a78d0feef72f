/// A script's statements, one by one: postgres-nio runs one statement per query.
/// Splits at the semicolons outside quoted text, `$$` bodies and `--` comments.
enum SQLScript {
    static func statements(_ script: String) -> [String] {
        var statements: [String] = []
        var current = ""
        var quote: Character?
        var inDollarBody = false
        var inComment = false
        var previous: Character?
        for character in script {
            defer { previous = character }
            if inComment {
                if character.isNewline { inComment = false }
                current.append(character)
                continue
            }
            if let open = quote {
                if character == open { quote = nil }
                current.append(character)
                continue
            }
            if character == "$" && previous == "$" { inDollarBody.toggle() }
            if !inDollarBody {
                if character == "-" && previous == "-" { inComment = true }
                if character == "'" || character == "\"" { quote = character }
                if character == ";" {
                    append(current, to: &statements)
                    current = ""
                    continue
                }
            }
            current.append(character)
        }
        append(current, to: &statements)
        return statements
    }

    private static func append(_ statement: String, to statements: inout [String]) {
        let meaningful = statement.split(whereSeparator: \.isNewline)
            .contains { !$0.trimmingCharacters(in: .whitespaces).isEmpty && !$0.trimmingCharacters(in: .whitespaces).hasPrefix("--") }
        if meaningful { statements.append(statement.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }
}
