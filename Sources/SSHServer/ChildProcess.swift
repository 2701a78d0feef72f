import CPty
import Foundation
import Synchronization

/// A session's program, started on the slave side of a new pseudo-terminal in a session
/// (and process group) of its own. The server keeps the master side.
///
/// Signals go to the whole process group, and never after the child is reaped: its
/// exit is first seen without reaping it (`waitid` with `WNOWAIT`), and the reaping
/// and the signals take turns under one lock, so a process id the system has handed
/// to someone else since is never signalled.
final class ChildProcess: Sendable {
    let pid: pid_t
    /// The pseudo-terminal's master side; the caller takes it over.
    let master: Int32
    private let reaped = Mutex(false)

    /// How a child ended.
    enum Exit: Sendable, Equatable {
        case status(Int32)
        case signal(Int32)
    }

    struct SpawnError: Error, CustomStringConvertible {
        var path: String
        var reason: String
        var description: String { "\(path) could not be started: \(reason)" }
    }

    /// Starts the program on a new pseudo-terminal of the viewer's size.
    init(_ program: SessionProgram, terminal: ClientTerminal, environment: [String]) throws {
        var master: Int32 = -1
        let argv = [program.path] + program.arguments
        let pid = withCStrings(argv) { argv in
            withCStrings(environment) { envp in
                cpty_spawn(program.path, argv, envp, UInt16(terminal.rows), UInt16(terminal.columns), &master)
            }
        }
        guard pid > 0 else { throw SpawnError(path: program.path, reason: String(cString: strerror(errno))) }
        self.pid = pid
        self.master = master
    }

    /// Sends the signal to the child's process group, unless the child is gone.
    func signalGroup(_ signal: Int32) {
        reaped.withLock { gone in
            if !gone { kill(-pid, signal) }
        }
    }

    /// A new size for the terminal: the kernel sends SIGWINCH to its foreground process
    /// group when the size changes, and the program redraws.
    func resize(columns: Int, rows: Int) {
        _ = cpty_set_size(master, UInt16(rows), UInt16(columns))
    }

    /// Waits on a thread of its own (blocked, not polling) for the child to end, reaps
    /// it, and then calls `done`.
    func whenExited(_ done: @escaping @Sendable (Exit) -> Void) {
        let thread = Thread { [self] in
            var info = siginfo_t()
            while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) != 0 && errno == EINTR {}
            var status: Int32 = 0
            reaped.withLock { gone in
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                gone = true
            }
            done(Self.exit(from: status))
        }
        thread.name = "utmost-serve child \(pid)"
        thread.start()
    }

    /// `WIFEXITED`/`WEXITSTATUS` and `WTERMSIG`, which are macros C alone has.
    static func exit(from status: Int32) -> Exit {
        let signal = status & 0x7f
        return signal == 0 ? .status((status >> 8) & 0xff) : .signal(signal)
    }
}

/// Lends C a NULL-terminated array of C strings for the length of `body`.
private func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    pointers.append(nil)
    defer { pointers.forEach { free($0) } }
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}
