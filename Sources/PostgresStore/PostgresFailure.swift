import CampaignStore
import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// postgres-nio's and the server's errors in the words of `StoreError`: one line that
/// says what happened and what to do, never a raw SQL error and never the password
/// (`PSQLError` keeps the query and the server's fields; only the server's message,
/// which never holds a password, is shown).
enum PostgresFailure {
    /// The SQLSTATE of a server error, nil for any other error.
    static func sqlState(_ error: any Error) -> String? {
        (error as? PSQLError)?.serverInfo?[.sqlState]
    }

    /// An error met while connecting and logging in.
    static func connecting(_ error: any Error, _ location: PostgresLocation) -> any Error {
        if error is StoreError { return error }
        guard let psql = error as? PSQLError else { return StoreError.unreachable(store: location.label, reason: describe(error)) }
        switch psql.code {
        case .server:
            let message = psql.serverInfo?[.message] ?? "an error without a message"
            switch psql.serverInfo?[.sqlState] {
            case "28P01", "28000":
                let hint = location.password == nil
                    ? " (no password was given: put it in the URL, PGPASSWORD or ~/.pgpass)" : ""
                return StoreError.loginRefused(store: location.label, reason: message + hint)
            case "3D000":
                return StoreError.noDatabase(store: location.label, database: location.database, server: location.server)
            case "57P03":
                return StoreError.unreachable(store: location.label, reason: "the server is starting up or shutting down (\(message)); try again in a moment")
            default:
                return StoreError.unreachable(store: location.label, reason: "the server refused the connection: \(message)")
            }
        case .authMechanismRequiresPassword:
            return StoreError.loginRefused(store: location.label, reason: "the server asks for a password and none was given: put it in the URL, PGPASSWORD or ~/.pgpass")
        case .unsupportedAuthMechanism:
            return StoreError.loginRefused(store: location.label, reason: "the server asks for a way of logging in that utmost does not support (it supports passwords: md5 and SCRAM-SHA-256)")
        case .saslError:
            return StoreError.loginRefused(store: location.label, reason: "the password exchange (SCRAM) failed: check the password")
        case .serverClosedConnection, .uncleanShutdown:
            return StoreError.unreachable(store: location.label, reason: "the connection closed before the server answered: is a PostgreSQL server listening on \(location.server)?")
        case .sslUnsupported:
            return StoreError.unreachable(store: location.label, reason: "the server does not accept TLS, which sslmode=\(location.sslMode.rawValue) asks for")
        default:
            return StoreError.unreachable(store: location.label, reason: describe(psql.underlying ?? psql, at: location))
        }
    }

    /// An error met inside a transaction of the store at `label`. Server errors that break
    /// a rule the database holds become `StoreError.conflict`; a lost connection
    /// `StoreError.unreachable`, saying whether the transaction may have been saved.
    static func during(_ error: any Error, store label: String, committing: Bool) -> any Error {
        guard let psql = error as? PSQLError else { return error }
        switch psql.code {
        case .server:
            let info = psql.serverInfo
            let message = info?[.message] ?? "an error without a message"
            switch info?[.sqlState] {
            case "23505", "23P01", "23503":
                return StoreError.conflict(store: label, rule: rule(constraint: info?[.constraintName], message: message))
            case "40001", "40P01":
                return StoreError.conflict(store: label, rule: "another writer changed the same rows at the same time")
            case "57P01", "57P02", "57P03":
                return StoreError.unreachable(store: label, reason: "the server is shutting down (\(message)); " + unsaved(committing))
            case "53100":
                return StoreError.unreachable(store: label, reason: "the server's disk is full (\(message)); " + unsaved(committing))
            default:
                return StoreError.database(path: label, message: message)
            }
        case .serverClosedConnection, .uncleanShutdown, .clientClosedConnection, .connectionError:
            return StoreError.unreachable(store: label, reason: "the connection to the server was lost; " + unsaved(committing))
        default:
            return StoreError.database(path: label, message: psql.code.description)
        }
    }

    /// Whether the error says the connection is gone (it must be made again).
    static func isConnectionLost(_ error: any Error) -> Bool {
        guard let psql = error as? PSQLError else { return false }
        switch psql.code {
        case .serverClosedConnection, .uncleanShutdown, .clientClosedConnection, .connectionError: return true
        case .server: return ["57P01", "57P02", "57P03"].contains(psql.serverInfo?[.sqlState] ?? "")
        default: return false
        }
    }

    private static func unsaved(_ committing: Bool) -> String {
        committing ? "it went while the change was being saved: check whether it was" : "nothing was written"
    }

    /// The rules the schema's constraints hold, by name (`PostgresSchema`).
    private static func rule(constraint: String?, message: String) -> String {
        switch constraint {
        case "campaigns_name_key_key": return "another campaign has that name (R1)"
        case "campaigns_id_key": return "another campaign has that id"
        case "utm_values_key_key": return "that utm value belongs to another campaign (R4)"
        case "associations_one_campaign_at_a_time": return "the asset would be in two campaigns at once (R7)"
        case "associations_no_overlap": return "the asset would be in the campaign twice at once (R7)"
        case "assets_id_key": return "another asset has that id"
        case "contacts_id_key": return "another contact has that id"
        case "deals_id_key": return "another deal has that id"
        case "visitors_visitor_id_key": return "that visitor id belongs to another contact (R11)"
        default: return message
        }
    }

    /// What went wrong with the network, in words.
    private static func describe(_ error: any Error, at location: PostgresLocation? = nil) -> String {
        let server = location?.server ?? "the server"
        if let channel = error as? ChannelError, case .connectTimeout(let amount) = channel {
            return "no answer from \(server) within \(amount.nanoseconds / 1_000_000_000) s"
        }
        if let connection = error as? NIOConnectionError {
            if connection.dnsAError != nil || connection.dnsAAAAError != nil, connection.connectionErrors.isEmpty {
                return "the host name \"\(connection.host)\" does not resolve"
            }
            if let first = connection.connectionErrors.first { return describe(first.error, at: location) }
        }
        if let io = error as? IOError {
            switch io.errnoCode {
            case ECONNREFUSED: return "connection refused: is the server running and listening on \(server)?"
            case ENOENT: return "there is no server socket at \(location?.socketPath ?? server): is the server running?"
            case EHOSTUNREACH, ENETUNREACH: return "\(server) is unreachable from here"
            default: return "\(server): \(String(cString: strerror(io.errnoCode)))"
            }
        }
        if let ssl = error as? NIOSSLError { return "the TLS handshake with \(server) failed (\(ssl))" }
        if error is BoringSSLError { return "the TLS handshake with \(server) failed: its certificate was not accepted" }
        if let psql = error as? PSQLError { return "\(server): \(psql.code)" }
        return "\(server): \(error)"
    }
}
