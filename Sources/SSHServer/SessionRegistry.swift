import Synchronization

/// The sessions running now, at most `capacity` of them: a place is taken when a viewer
/// asks for a shell and given back once its program has ended, been reaped, and the
/// viewer has been told its exit status. The
/// server hangs every session up through it when it stops.
final class SessionRegistry: Sendable {
    let capacity: Int
    private let state = Mutex(State())

    private struct State {
        var nextID = 0
        var places: [Int: Place] = [:]
        /// Why every session is being hung up, once the server stops: a session whose
        /// program starts after that is hung up at once.
        var stopping: String?
    }

    /// A taken place; `hangUp` (set once the program runs) ends the session with a note for the viewer.
    private struct Place {
        var hangUp: (@Sendable (String) -> Void)?
    }

    init(capacity: Int) { self.capacity = capacity }

    enum Reservation: Equatable {
        case place(Int)
        case full
        /// The server is stopping: it starts no session.
        case stopping(String)
    }

    /// Takes a place, if one is free and the server is not stopping.
    func reserve() -> Reservation {
        state.withLock { state in
            if let note = state.stopping { return .stopping(note) }
            guard state.places.count < capacity else { return .full }
            state.nextID += 1
            state.places[state.nextID] = Place()
            return .place(state.nextID)
        }
    }

    /// How to hang the session in this place up, once its program runs.
    func running(_ id: Int, hangUp: @escaping @Sendable (String) -> Void) {
        let stopping = state.withLock { state in
            state.places[id]?.hangUp = hangUp
            return state.stopping
        }
        if let stopping { hangUp(stopping) }
    }

    func release(_ id: Int) {
        _ = state.withLock { $0.places.removeValue(forKey: id) }
    }

    var count: Int { state.withLock { $0.places.count } }

    /// Hangs every running session up, each told why, and takes no new one.
    func hangUpAll(note: String) {
        let hangUps = state.withLock { state in
            state.stopping = note
            return state.places.values.compactMap(\.hangUp)
        }
        hangUps.forEach { $0(note) }
    }
}
