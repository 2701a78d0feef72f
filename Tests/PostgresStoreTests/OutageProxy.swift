import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A TCP relay in front of the test server whose outage a test controls: `cut()` drops
/// every connection and refuses new ones, as a server that went away; `restore()` listens
/// again on the same port. The tests of "reconnecting…" use it, since stopping the shared
/// test server would fail the tests running beside them.
final class OutageProxy: Sendable {
    let port: UInt16
    private let upstreamPort: UInt16
    private let state = Mutex(State())

    private struct State {
        var listener: Int32 = -1
        /// Both ends of every relayed connection.
        var sockets: [Int32] = []
    }

    /// A relay to 127.0.0.1:`upstreamPort`, listening on a free port of 127.0.0.1.
    init(to upstreamPort: UInt16) throws {
        self.upstreamPort = upstreamPort
        let listener = try Self.listen(port: 0)
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        port = UInt16(bigEndian: address.sin_port)
        start(listener)
    }

    /// The server goes away: open connections are reset, new ones refused.
    func cut() {
        let (listener, sockets) = state.withLock { state in
            defer { state.listener = -1; state.sockets = [] }
            return (state.listener, state.sockets)
        }
        // Shut down only: the threads that use a socket close it, so its number is never
        // closed twice (another test may have been given it meanwhile).
        for fd in sockets + [listener] where fd >= 0 { shutdown(fd, Int32(SHUT_RDWR)) }
    }

    /// The server is back, on the same port.
    func restore() throws {
        start(try Self.listen(port: port))
    }

    deinit { cut() }

    private func start(_ listener: Int32) {
        state.withLock { $0.listener = listener }
        Thread.detachNewThread { [self] in
            while true {
                let client = accept(listener, nil, nil)
                guard client >= 0 else { close(listener); return }
                guard let server = try? Self.connect(port: upstreamPort) else { close(client); continue }
                let open = state.withLock { state -> Bool in
                    guard state.listener == listener else { return false }
                    state.sockets += [client, server]
                    return true
                }
                guard open else { close(client); close(server); close(listener); return }
                let ends = Ends()
                Self.relay(from: client, to: server, ends: ends)
                Self.relay(from: server, to: client, ends: ends)
            }
        }
    }

    /// Copies bytes one way until either end closes; the second of a connection's two
    /// directions to end closes both sockets.
    private static func relay(from source: Int32, to destination: Int32, ends: Ends) {
        Thread.detachNewThread {
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = read(source, &buffer, buffer.count)
                guard count > 0, buffer.withUnsafeBytes({ send(destination, $0.baseAddress, count, Int32(MSG_NOSIGNAL)) }) == count else { break }
            }
            shutdown(source, Int32(SHUT_RDWR))
            shutdown(destination, Int32(SHUT_RDWR))
            if ends.oneEnded() { close(source); close(destination) }
        }
    }

    private static func address(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    private static func listen(port: UInt16) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = address(port: port)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, Glibc.listen(fd, 16) == 0 else {
            close(fd)
            throw ProxyError(what: "cannot listen on 127.0.0.1:\(port): \(String(cString: strerror(errno)))")
        }
        return fd
    }

    private static func connect(port: UInt16) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = address(port: port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            throw ProxyError(what: "cannot reach the test server on port \(port)")
        }
        return fd
    }

    /// The directions of one connection still relaying.
    private final class Ends: Sendable {
        private let left = Mutex(2)
        /// True for the second to end.
        func oneEnded() -> Bool { left.withLock { $0 -= 1; return $0 == 0 } }
    }

    struct ProxyError: Error, CustomStringConvertible {
        var what: String
        var description: String { what }
    }
}
