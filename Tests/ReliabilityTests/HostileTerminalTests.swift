import Foundation
import Testing
import TmuxHarness

extension Reliability {
    /// Issue 8 §5: the dashboard in tmux, under terminals that fight back.
    /// Every way out prints `EXIT=<status>` and leaves the terminal cooked
    /// (canonical mode, echo on): `icanon echo`.
    @Suite struct HostileTerminal {
        let scratch = Scratch("tty")
        let db: String
        let before: Data?

        init() throws {
            db = try DamagedStore.sampleStore(scratch)
            before = StoreProbe.bytes(db)
        }

        var pidFile: String { scratch.file("pid") }

        func start(_ environment: [String: String] = [:], redirect: String = "", width: Int = 100, height: Int = 30) throws -> TmuxSession {
            try? FileManager.default.removeItem(atPath: pidFile)
            return try TmuxSession(TmuxSession.utmostCommand(["--db", db], environment: environment, pidFile: pidFile, redirect: redirect),
                                   label: "hostile", width: width, height: height)
        }

        /// The screen once the command has ended: its exit line and the terminal's mode.
        func finished(_ tmux: TmuxSession) throws -> String {
            try tmux.waitFor("the exit line and the terminal's modes") { $0.contains("TTY") }
        }

        func expectRefusal(_ screen: String, saying: String, sourceLocation: SourceLocation = #_sourceLocation) {
            let joined = screen.replacingOccurrences(of: "\n", with: "")
            #expect(joined.contains(saying), "\(screen)", sourceLocation: sourceLocation)
            #expect(screen.contains("EXIT=1"), "\(screen)", sourceLocation: sourceLocation)
            #expect(screen.contains("icanon echo TTY"), "the terminal was left raw: \(screen)", sourceLocation: sourceLocation)
            #expect(!screen.contains("Campaigns"), "something was drawn: \(screen)", sourceLocation: sourceLocation)
            #expect(StoreProbe.bytes(db) == before, "the store changed", sourceLocation: sourceLocation)
        }

        @Test("§5 an unknown TERM, no terminfo at all, no TERM: one line, exit 1, terminal intact")
        func unknownTerm() throws {
            let unknown = try start(["TERM": "vt-from-mars"])
            expectRefusal(try finished(unknown), saying: "cannot drive the terminal type 'vt-from-mars'")
            let noTerminfo = try start(["TERM": "xterm-256color-gone", "TERMINFO": "/nonexistent", "TERMINFO_DIRS": "/nonexistent"])
            expectRefusal(try finished(noTerminfo), saying: "cannot drive the terminal type 'xterm-256color-gone'")
            let unset = try start(["TERM": ""])
            expectRefusal(try finished(unset), saying: "TERM is not set")
        }

        @Test("§5 TERM=dumb cannot move the cursor: refused, nothing drawn")
        func dumb() throws {
            let tmux = try start(["TERM": "dumb"])
            expectRefusal(try finished(tmux), saying: "the terminal type 'dumb' cannot move the cursor")
        }

        @Test("§5 stdin or stdout not a terminal: refused with a hint, exit 1")
        func notATerminal() throws {
            let stdin = try start(redirect: "< /dev/null")
            expectRefusal(try finished(stdin), saying: "the dashboard needs a terminal: stdin and stdout are not one")
            let stdout = try start(redirect: "> \(scratch.file("out.txt"))")
            let screen = try finished(stdout)
            expectRefusal(screen, saying: "the dashboard needs a terminal")
            #expect(FileManager.default.contents(atPath: scratch.file("out.txt"))?.isEmpty == true, "escape codes went to the file")
        }

        /// The screen without its last line (the status bar's refresh clock).
        static func body(_ screen: String) -> [Substring] {
            Array(screen.split(separator: "\n", omittingEmptySubsequences: false).dropLast(2))
        }

        /// What a fresh dashboard shows at this size.
        func freshScreen(width: Int, height: Int) throws -> String {
            let other = try TmuxSession(TmuxSession.utmostCommand(["--db", db], pidFile: scratch.file("pid2")),
                                        label: "fresh", width: width, height: height)
            return try other.waitForDashboard()
        }

        @Test("§5 a 1×1 window and odd sizes: alive, then the full layout again")
        func tinyWindow() throws {
            let tmux = try start()
            try tmux.waitForDashboard()
            let pid = try #require(ProcessProbe.pid(from: pidFile))
            for (w, h) in [(1, 1), (2, 2), (3, 1), (1, 40), (200, 1), (1, 1), (5, 3)] {
                try tmux.resize(width: w, height: h)
                Thread.sleep(forTimeInterval: 0.3)
                #expect(ProcessProbe.isAlive(pid), "died at \(w)×\(h)")
            }
            try tmux.resize(width: 100, height: 30)
            let fresh = try freshScreen(width: 100, height: 30)
            try tmux.waitFor("the full layout after the tiny sizes, as a fresh dashboard draws it:\n\(fresh)") {
                Self.body($0) == Self.body(fresh)
            }
            try tmux.send("q")
            #expect(try finished(tmux).contains("EXIT=0"))
        }

        @Test("§5 a resize storm (300 resizes in about a second): alive, not spinning, redrawn right")
        func resizeStorm() throws {
            let tmux = try start()
            try tmux.waitForDashboard()
            let pid = try #require(ProcessProbe.pid(from: pidFile))
            var rng = SplitMix64(seed: Budget.fuzzSeed, case: 3)
            let start = Date()
            for _ in 0..<300 { try tmux.resize(width: rng.int(1...220), height: rng.int(1...70)) }
            let took = Date().timeIntervalSince(start)
            try tmux.resize(width: 90, height: 25)
            #expect(ProcessProbe.isAlive(pid))
            let fresh = try freshScreen(width: 90, height: 25)
            try tmux.waitFor("the layout after the storm, as a fresh dashboard draws it:\n\(fresh)") {
                Self.body($0) == Self.body(fresh)
            }
            // Settled: idle again.
            // No reading of the CPU time (no /proc) fails the test: it must never pass unmeasured.
            let cpu0 = try #require(ProcessProbe.cpuSeconds(pid), "no CPU time for pid \(pid)")
            Thread.sleep(forTimeInterval: 2)
            let cpu1 = try #require(ProcessProbe.cpuSeconds(pid), "no CPU time for pid \(pid)")
            #expect(cpu1 - cpu0 < 0.5, "busy after the storm: \(cpu1 - cpu0) s of CPU in 2 s")
            print("resize storm: 300 resizes in \(String(format: "%.2f", took)) s; redrawn at 90×25; \(String(format: "%.2f", cpu1 - cpu0)) s CPU in the next 2 s")
            try tmux.send("q")
            #expect(try finished(tmux).contains("EXIT=0"))
        }

        /// An interactive bash in a new session, its prompt shown: what runs from it is a
        /// job, so that job control (Ctrl-Z, `fg`) applies.
        func shell() throws -> TmuxSession {
            let tmux = try TmuxSession("PS1='PROMPT$ ' bash --norc --noprofile", label: "job", width: 100, height: 30)
            try tmux.waitFor("the shell's prompt") { Self.prompting($0) }
            return tmux
        }

        /// Whether the shell waits for a command: its prompt is the last line on the screen.
        static func prompting(_ screen: String) -> Bool {
            screen.split(separator: "\n").last.map { $0.trimmingCharacters(in: .whitespaces) == "PROMPT$" } ?? false
        }

        /// A shell command that writes its pid, then becomes the dashboard on the test's store.
        var dashboardLine: String {
            "echo $$ > \(TmuxSession.quote(pidFile)); exec env -u UTMOST_DB -u XDG_DATA_HOME "
                + "HOME=\(TmuxSession.quote(NSTemporaryDirectory())) LC_ALL=C.UTF-8 "
                + "\(TmuxSession.quote(Binary.path.path)) --db \(TmuxSession.quote(db))"
        }

        /// Stops the dashboard with `stop` and waits until the shell has reported the job
        /// stopped and prompts again; the dashboard's process must then be stopped.
        func expectStopped(_ tmux: TmuxSession, pid: pid_t, by stop: () throws -> Void,
                           sourceLocation: SourceLocation = #_sourceLocation) throws {
            try stop()
            try tmux.waitFor("the job reported stopped, then the prompt") { $0.contains("Stopped") && Self.prompting($0) }
            #expect(ProcessProbe.isStopped(pid), "the shell prompts, but the dashboard is not stopped", sourceLocation: sourceLocation)
        }

        /// `fg`, then waits for the dashboard drawn again in full.
        @discardableResult
        func resume(_ tmux: TmuxSession, matching expected: String) throws -> String {
            try tmux.type("clear; fg\n")
            return try tmux.waitFor("the dashboard drawn again as:\n\(expected)") { Self.body($0) == Self.body(expected) }
        }

        @Test("§5 Ctrl-Z and SIGTSTP stop the dashboard every time and give the shell a cooked terminal; fg redraws, at the new size too")
        func suspendAndResume() throws {
            let tmux = try shell()
            try tmux.type("sh -c \(TmuxSession.quote(dashboardLine))\n")
            let shown = try tmux.waitForDashboard()
            let pid = try #require(ProcessProbe.pid(from: pidFile))

            try expectStopped(tmux, pid: pid) { try tmux.send("C-z") }
            try tmux.type("clear; stty -a | tr ' ;' '\\n\\n' | grep -x -e -icanon -e icanon -e -echo -e echo | tr '\\n' ' '; echo C$((1+1))OOKED\n")
            let cooked = try tmux.waitFor("C2OOKED")
            #expect(cooked.contains("icanon echo C2OOKED"), "the shell got a raw terminal: \(cooked)")
            try resume(tmux, matching: shown)
            // Keys work again, arrows too (the keypad mode is back): the selection moves.
            try tmux.send("Down")
            try tmux.waitFor("Assets · Google Ads")
            try tmux.send("Up")
            try tmux.waitFor("Assets · Always-on")

            // Ctrl-Z as soon as the redraw after fg begins, while the screen is being
            // written: it stops the dashboard at once, each time.
            for _ in 0..<5 {
                try expectStopped(tmux, pid: pid) { try tmux.send("C-z") }
                try tmux.type("clear; fg\n")
                try tmux.waitFor("the redraw to begin") { $0.contains("Campaigns") }
            }
            try tmux.waitForDashboard()

            // Stopped, resized, resumed: drawn for the new size.
            try expectStopped(tmux, pid: pid) { try tmux.send("C-z") }
            try tmux.resize(width: 80, height: 24)
            let fresh = try freshScreen(width: 80, height: 24)
            try resume(tmux, matching: fresh)

            // SIGTSTP from another process (kill -TSTP) stops it the same way.
            try expectStopped(tmux, pid: pid) { kill(pid, SIGTSTP) }
            try resume(tmux, matching: fresh)

            try tmux.send("q")
            try tmux.waitFor("the shell's prompt after q") { Self.prompting($0) }
            #expect(ProcessProbe.waitGone(pid, timeout: 5), "still running after q")
        }

        @Test("§5 Ctrl-Z stops the whole job when a script started the dashboard, so the shell gets the terminal back")
        func suspendUnderScript() throws {
            let tmux = try shell()
            // Not exec'd: the script's shell waits for the dashboard, and stops with it.
            try tmux.type("sh -c \(TmuxSession.quote("sh -c \(TmuxSession.quote(dashboardLine)); echo SCRIPT-DONE"))\n")
            let shown = try tmux.waitForDashboard()
            let pid = try #require(ProcessProbe.pid(from: pidFile))
            try expectStopped(tmux, pid: pid) { try tmux.send("C-z") }
            try resume(tmux, matching: shown)
            try tmux.send("q")
            let end = try tmux.waitFor("the script's last line, then the prompt") { $0.contains("SCRIPT-DONE") && Self.prompting($0) }
            #expect(!end.contains("Campaigns"), "the dashboard is still on the screen:\n\(end)")
        }

        @Test("§5 SIGHUP (the pane or the connection goes): gone within 2 s; HUP, TERM and INT restore the terminal",
              arguments: ["kill-pane", "SIGHUP", "SIGTERM", "C-c"])
        func hangup(_ how: String) throws {
            let tmux = try start()
            try tmux.waitForDashboard()
            let pid = try #require(ProcessProbe.pid(from: pidFile))
            // Idle, it sleeps: no busy loop.
            let cpu0 = try #require(ProcessProbe.cpuSeconds(pid), "no CPU time for pid \(pid)")
            Thread.sleep(forTimeInterval: 1.5)
            let idle = try #require(ProcessProbe.cpuSeconds(pid), "no CPU time for pid \(pid)") - cpu0
            #expect(idle < 0.5, "idle dashboard used \(idle) s of CPU in 1.5 s")
            switch how {
            case "kill-pane": try tmux.killPane()
            case "SIGHUP": kill(pid, SIGHUP)
            case "SIGTERM": kill(pid, SIGTERM)
            default: try tmux.send("C-c")
            }
            #expect(ProcessProbe.waitGone(pid, timeout: 2), "still running 2 s after \(how)")
            // A killed pane takes its shell along: there is no exit line to read.
            guard how != "kill-pane" else { return }
            let status = ["SIGHUP": 129, "SIGTERM": 143, "C-c": 0][how]!
            let screen = try finished(tmux)
            #expect(screen.contains("EXIT=\(status)") || (how == "C-c" && screen.contains("EXIT=130")), "\(screen)")
            #expect(screen.contains("icanon echo TTY"), "the terminal was left raw: \(screen)")
        }
    }
}
