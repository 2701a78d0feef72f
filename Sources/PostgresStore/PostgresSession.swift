import CampaignStore
import Foundation
import NIOCore
import PostgresNIO
import Synchronization

/// The PostgreSQL store's side of `StoreDatabase`: one connection, used by one
/// transaction at a time (`PostgresStore.read` and `write` open them).
///
/// Queries run on postgres-nio's event loop and the calling thread waits for their
/// futures; rows come back in the binary format and are decoded here. `?` placeholders
/// become `$1`, `$2`, … (outside quoted text).
package final class PostgresSession: StoreDatabase, Sendable {
    let connection: PostgresConnection
    let logger: Logger
    private let converted = Mutex<[String: String]>([:])

    init(connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    /// A connection of its own to the database `location` names, outside any store (the tests' administration).
    package static func open(_ location: PostgresLocation) throws -> PostgresSession {
        PostgresSession(connection: try PostgresConnector.connect(location), logger: PostgresConnector.logger)
    }

    package var dialect: SQLDialect { .postgres }

    var isClosed: Bool { connection.isClosed }

    /// Closes the connection and waits until it is (postgres-nio wants a connection closed before it goes).
    package func close() {
        try? connection.close().wait()
    }

    @discardableResult
    package func exec(_ sql: String, _ arguments: [any SQLBindable]) throws -> Int {
        try connection.query(query(sql, arguments), logger: logger).wait().metadata.rows ?? 0
    }

    package func each(_ sql: String, _ arguments: [any SQLBindable], _ body: (SQLRow) throws -> Void) throws {
        let rows = Mutex<[SQLRow]>([])
        _ = try connection.query(query(sql, arguments), logger: logger) { row in
            let decoded = SQLRow(row.map(Self.value))
            rows.withLock { $0.append(decoded) }
        }.wait()
        for row in rows.withLock({ $0 }) { try body(row) }
    }

    /// `each`: postgres-nio prepares nothing to keep, and validation looks up no single rows on PostgreSQL.
    package func eachRepeated(_ sql: String, _ arguments: [any SQLBindable], _ body: (SQLRow) throws -> Void) throws {
        try each(sql, arguments, body)
    }

    /// Runs a query, calling `body` with each row on postgres-nio's event loop as it arrives
    /// (no row is kept): for the large reads, which decode cells in place.
    func stream(_ sql: String, _ arguments: [any SQLBindable] = [], _ body: @escaping @Sendable (PostgresRow) throws -> Void) throws {
        _ = try connection.query(query(sql, arguments), logger: logger, body).wait()
    }

    /// `COPY table (columns) FROM STDIN`, the text format: values tab-separated, `\N` for NULL.
    package func insertRows(into table: String, columns: [String], _ rows: [[any SQLBindable]]) throws {
        guard !rows.isEmpty else { return }
        var text = ByteBuffer()
        for row in rows {
            for (i, value) in row.enumerated() {
                if i > 0 { text.writeInteger(UInt8(ascii: "\t")) }
                CopyText.append(value.sqlValue, to: &text)
            }
            text.writeInteger(UInt8(ascii: "\n"))
        }
        let data = text
        try copy(into: table, columns: columns) { writer in try await writer.write(data) }
    }

    /// Runs one `COPY … FROM STDIN`, `write` sending its data.
    func copy(into table: String, columns: [String],
              _ write: @escaping @Sendable (PostgresCopyFromWriter) async throws -> Void) throws {
        let connection = connection, logger = logger
        try BlockingExecutor.run {
            try await connection.copyFrom(table: table, columns: columns, logger: logger, writeData: write)
        }
    }

    private func query(_ sql: String, _ arguments: [any SQLBindable]) throws -> PostgresQuery {
        var bindings = PostgresBindings(capacity: arguments.count)
        for argument in arguments {
            switch argument.sqlValue {
            case .null: bindings.appendNull()
            case .integer(let n): bindings.append(n)
            case .text(let text): bindings.append(text)
            case .blob(let bytes): bindings.append(ByteBuffer(bytes: bytes))
            case .bool(let b): bindings.append(b)
            }
        }
        return PostgresQuery(unsafeSQL: numbered(sql), binds: bindings)
    }

    /// `sql` with its `?` placeholders numbered, once per distinct text.
    private func numbered(_ sql: String) -> String {
        if let known = converted.withLock({ $0[sql] }) { return known }
        var result = ""
        var n = 0
        var quote: Character?
        for character in sql {
            if let open = quote {
                if character == open { quote = nil }
                result.append(character)
            } else if character == "'" || character == "\"" {
                quote = character
                result.append(character)
            } else if character == "?" {
                n += 1
                result += "$\(n)"
            } else {
                result.append(character)
            }
        }
        converted.withLock { $0[sql] = result }
        return result
    }

    /// A cell as `SQLValue`: the binary format of the types the schema uses.
    static func value(_ cell: PostgresCell) -> SQLValue {
        guard var bytes = cell.bytes else { return .null }
        if cell.format == .text {
            return .text(bytes.readString(length: bytes.readableBytes) ?? "")
        }
        switch cell.dataType {
        case .int8: return bytes.readInteger(as: Int64.self).map(SQLValue.integer) ?? .null
        case .int4: return bytes.readInteger(as: Int32.self).map { .integer(Int64($0)) } ?? .null
        case .int2: return bytes.readInteger(as: Int16.self).map { .integer(Int64($0)) } ?? .null
        case .bool: return bytes.readInteger(as: UInt8.self).map { .bool($0 != 0) } ?? .null
        case .bytea: return .blob(bytes.readBytes(length: bytes.readableBytes) ?? [])
        case .void: return .null
        default: return .text(bytes.readString(length: bytes.readableBytes) ?? "")
        }
    }
}

/// Values in `COPY`'s text format.
enum CopyText {
    static func append(_ value: SQLValue, to buffer: inout ByteBuffer) {
        switch value {
        case .null: buffer.writeStaticString("\\N")
        case .integer(let n): buffer.writeString(String(n))
        case .bool(let b): buffer.writeInteger(UInt8(ascii: b ? "t" : "f"))
        case .text(let text):
            var text = text
            text.withUTF8 { appendEscaped(UnsafeRawBufferPointer($0), to: &buffer) }
        case .blob(let bytes):
            buffer.writeStaticString("\\\\x")
            for byte in bytes { buffer.writeString(String(format: "%02x", byte)) }
        }
    }

    /// Text's bytes with the four that `COPY` reads specially escaped: backslash, tab, LF, CR.
    static func appendEscaped(_ bytes: UnsafeRawBufferPointer, to buffer: inout ByteBuffer) {
        var start = 0
        for (i, byte) in bytes.enumerated() {
            let escaped: UInt8
            switch byte {
            case UInt8(ascii: "\\"): escaped = UInt8(ascii: "\\")
            case UInt8(ascii: "\t"): escaped = UInt8(ascii: "t")
            case UInt8(ascii: "\n"): escaped = UInt8(ascii: "n")
            case UInt8(ascii: "\r"): escaped = UInt8(ascii: "r")
            default: continue
            }
            buffer.writeBytes(UnsafeRawBufferPointer(rebasing: bytes[start..<i]))
            buffer.writeInteger(UInt8(ascii: "\\"))
            buffer.writeInteger(escaped)
            start = i + 1
        }
        buffer.writeBytes(UnsafeRawBufferPointer(rebasing: bytes[start...]))
    }
}
