import CampaignStore
import Dispatch
import Foundation
import PostgresNIO
import Synchronization

/// Follows the store's version (`utmost_state.version`, which every write transaction
/// moves and announces with `NOTIFY`) on a connection of its own that `LISTEN`s: a
/// dashboard sees another person's commit as soon as the server sends it.
///
/// The connection is checked every `heartbeat` (reading the version, which also makes up
/// for a notification that never came); when it is lost, or a check gets no answer in
/// time, the listener says so (`version()` throws `StoreError.unreachable`, "reconnecting…")
/// and connects again every second until the server is back.
final class ChangeListener: Sendable {
    private let location: PostgresLocation
    private let state = Mutex(State())

    private struct State {
        var version: Int64?
        /// Why the listener is not connected, when it is not.
        var problem: String?
        var task: Task<Void, Never>?
        var stopped = false
        var connection: PostgresConnection?
    }

    static let heartbeat: Duration = .seconds(2)
    static let reconnectDelay: Duration = .seconds(1)

    init(_ location: PostgresLocation) {
        self.location = location
    }

    /// The version as last heard. The first call starts listening and waits for the first
    /// answer (or failure), up to the location's connect timeout.
    func version() throws -> Int {
        let started = state.withLock { state -> Bool in
            guard state.task == nil, !state.stopped else { return false }
            state.task = BlockingExecutor.start { [self] in await run() }
            return true
        }
        if started {
            let deadline = Date().addingTimeInterval(location.connectTimeout + 1)
            while state.withLock({ $0.version == nil && $0.problem == nil }) && Date() < deadline { usleep(2_000) }
        }
        return try state.withLock { state in
            if let version = state.version, state.problem == nil { return Int(version) }
            throw StoreError.unreachable(store: location.label, reason: (state.problem ?? "no answer yet") + "; reconnecting…")
        }
    }

    /// Stops listening and closes the connection.
    func stop() {
        let (task, connection) = state.withLock { state in
            state.stopped = true
            return (state.task, state.connection)
        }
        task?.cancel()
        connection?.close().whenComplete { _ in }
    }

    private func run() async {
        while !state.withLock({ $0.stopped }) {
            do {
                let connection = try await PostgresConnector.connect(location)
                let stopped = state.withLock { state in
                    state.connection = connection
                    return state.stopped
                }
                if stopped { break }
                try await listen(on: connection)
            } catch {
                let reason = (error as? StoreError).map(Self.reason) ?? "the connection to the server was lost"
                state.withLock { $0.problem = reason }
            }
            let connection = state.withLock { state in
                defer { state.connection = nil }
                return state.connection
            }
            try? await connection?.close()
            try? await Task.sleep(for: Self.reconnectDelay)
        }
    }

    /// Listens until the connection fails: notifications move the version as they come,
    /// and a check every `heartbeat` reads it, giving up when the server does not answer.
    private func listen(on connection: PostgresConnection) async throws {
        try await connection.listen(on: PostgresStore.channel) { notifications in
            try await refresh(connection)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for try await notification in notifications {
                        if let version = Int64(notification.payload) { self.heard(version) }
                    }
                    throw NotificationsEnded()
                }
                group.addTask {
                    while true {
                        try await Task.sleep(for: Self.heartbeat)
                        try await self.refresh(connection, within: Self.heartbeat)
                    }
                }
                try await group.next()
                group.cancelAll()
            }
        }
    }

    /// Reads the version; with `within`, closes the connection when no answer comes in time.
    private func refresh(_ connection: PostgresConnection, within limit: Duration? = nil) async throws {
        let watchdog = limit.map { limit in
            Task(executorPreference: BlockingExecutor.shared) {
                try await Task.sleep(for: limit)
                try await connection.close()
            }
        }
        defer { watchdog?.cancel() }
        let rows = try await connection.query("SELECT version FROM utmost_state", logger: PostgresConnector.logger)
        for try await version in rows.decode(Int64.self) { heard(version) }
        state.withLock { $0.problem = nil }
    }

    private func heard(_ version: Int64) {
        state.withLock { $0.version = max($0.version ?? version, version) }
    }

    /// The notifications stopped: the connection ended.
    private struct NotificationsEnded: Error {}

    private static func reason(_ error: StoreError) -> String {
        switch error {
        case let .unreachable(_, reason), let .loginRefused(_, reason): return reason
        default: return "\(error)"
        }
    }
}
