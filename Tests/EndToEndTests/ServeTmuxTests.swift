import Foundation
import Testing
import TmuxHarness
#if canImport(Glibc)
import Glibc
#endif

/// `utmost serve` with OpenSSH's real client (#15): viewers are `ssh -tt` in tmux, on
/// 127.0.0.1 at a port the system chose, with keys `ssh-keygen` made in the test's
/// folder. One test at a time: each runs a server and dashboards.
@Suite("utmost serve over SSH", .serialized, .timeLimit(.minutes(3)))
struct ServeTmuxTests {
    /// A served store (the demo company, made by serve's first start) and its keys.
    func served(_ arguments: [String] = []) throws -> Served {
        let served = try Served(store: try Scratch())
        do { try served.start(arguments) } catch { served.close(); throw error }
        return served
    }

    /// The key's fingerprint as ssh-keygen -l prints it.
    func fingerprint(_ publicKeyFile: String) throws -> String {
        let listed = try Served.tool("ssh-keygen", ["-l", "-f", publicKeyFile])
        guard let match = listed.stdout.firstMatch(of: /SHA256:[A-Za-z0-9+\/]+/) else { throw Failure("ssh-keygen -l: \(listed)") }
        return String(match.0)
    }

    @Test("#15 a viewer sees the dashboard over ssh; q ends the session with status 0; the log names user, key, address and duration")
    func viewerSeesDashboard() throws {
        let served = try served()
        defer { served.store.remove(); served.close() }
        let viewer = try served.viewer("ada")
        defer { viewer.close() }
        let screen = try viewer.waitForSettled("every sample campaign") { screen in
            DashboardTmuxTests.campaignPrefixes.allSatisfy { screen.contains($0) } && screen.contains("35,918.40")
        }
        #expect(screen.contains("┌") && screen.contains("store.sqlite"), "UTF-8 and the store's name:\n\(screen)")
        try viewer.send("q")
        #expect(Served.waitUntil(10) { Served.clientStatus(in: viewer.folder) != nil })
        #expect(Served.clientStatus(in: viewer.folder) == 0, "ssh ends with the dashboard's exit status")
        let key = try fingerprint(served.key("ada") + ".pub")
        #expect(Served.waitUntil(5) { served.log.contains("disconnected") })
        let log = served.log
        #expect(log.contains("connection"), "\(log)")
        #expect(log.contains("key=\(key) (ED25519)") && log.contains("user=") && log.contains("comment=ada@test") && log.contains("authenticated"), "\(log)")
        #expect(log.firstMatch(of: /address=127\.0\.0\.1:\d+ .*duration=\d+\.\ds .*disconnected/) != nil, "\(log)")
        #expect(log.contains("exit=0") && log.contains("session ended"), "\(log)")
        #expect(try served.stop() == 0)
    }

    @Test("#15 two viewers at once, each moving on their own")
    func twoViewers() throws {
        let served = try served()
        defer { served.store.remove(); served.close() }
        let ada = try served.viewer("ada"), bo = try served.viewer("bo")
        defer { ada.close(); bo.close() }
        try ada.send("j", "j")
        try ada.waitFor("ada's cursor on Partner program") { $0.contains("Assets · Partner program") }
        try bo.send("2")
        try bo.waitFor("bo's analytics tab") { $0.contains("Analytics") && !$0.contains("Assets · ") }
        #expect(try ada.screen().contains("Assets · Partner program"), "ada stays where she was")
        try bo.send("1")
        try bo.waitFor("bo back on tab 1, his cursor where it was") { $0.contains("Assets · Always-on") }
        #expect(try ada.screen().contains("Assets · Partner program"))
        #expect(served.sessionPIDs.count == 2 && Set(served.sessionPIDs).count == 2, "a dashboard process each")
    }

    @Test("#15 a key not in authorized_keys is refused; a client without a terminal (ssh host ls) gets one line and status 1")
    func whoGetsIn() throws {
        let served = try served()
        defer { served.store.remove(); served.close() }
        let refused = try served.ssh("eve", ["-tt", "127.0.0.1"])
        #expect(refused.status == 255 && refused.stderr.contains("Permission denied (publickey)"), "\(refused)")
        let eve = try fingerprint(served.key("eve") + ".pub")
        #expect(served.log.contains("refused: the key is not in the authorized keys") && served.log.contains("key=\(eve) (ED25519)"), "\(served.log)")
        let noTerminal = try served.ssh("ada", ["127.0.0.1", "ls"])
        #expect(noTerminal.status == 1, "\(noTerminal)")
        #expect(noTerminal.stderr == "utmost: the dashboard needs a terminal: connect with ssh -t\r\n", "\(noTerminal)")
        #expect(noTerminal.stdout.isEmpty)
    }

    @Test("#15 --max-sessions: the next viewer is told so, with status 1")
    func sessionLimit() throws {
        let served = try served(["--max-sessions", "1"])
        defer { served.store.remove(); served.close() }
        let ada = try served.viewer("ada")
        defer { ada.close() }
        let second = try served.ssh("bo", ["-tt", "127.0.0.1"])
        #expect(second.status == 1, "\(second)")
        #expect(second.stderr.contains("utmost: all 1 sessions are in use; try again later"), "\(second)")
        #expect(try ada.screen().contains("Campaigns 8"), "the first viewer is not disturbed")
    }

    @Test("#15 a session whose dashboard dies ends alone: the other viewer goes on and new viewers still get in")
    func failureStaysInItsSession() throws {
        let served = try served()
        defer { served.store.remove(); served.close() }
        let ada = try served.viewer("ada"), bo = try served.viewer("bo")
        defer { ada.close(); bo.close() }
        guard let adasDashboard = served.sessionPIDs.first else { Issue.record("no session pid:\n\(served.log)"); return }
        kill(adasDashboard, SIGKILL)
        #expect(Served.waitUntil(5) { Served.clientStatus(in: ada.folder) != nil }, "ada's ssh has ended")
        try bo.send("j")
        try bo.waitFor("bo's dashboard still answers") { $0.contains("Assets · Google Ads") }
        let again = try served.viewer("ada")
        again.close()
        #expect(served.process?.isRunning == true)
    }

    @Test("#15 serve's options are checked before anything starts")
    func badOptions() throws {
        let store = try Scratch()
        defer { store.remove() }
        for (arguments, message) in [
            (["--idle-timeout", "5x"], "--idle-timeout 5x: a number and a unit, as 90s, 30m or 2h (0 for never)"),
            (["--port", "70000"], "--port 70000: a port is 0 to 65535"),
            (["--max-sessions", "0"], "--max-sessions 0: 1 to 1024"),
        ] {
            let result = try CLI.run(["serve", "--db", store.db] + arguments, timeout: 30)
            #expect(result.status != 0 && result.stderr.contains(message), "\(arguments): \(result)")
        }
        #expect(!FileManager.default.fileExists(atPath: store.db), "nothing was made")
    }

    @Test("#15 a resize of the viewer's tmux window redraws the dashboard at the new size")
    func resize() throws {
        let served = try served()
        defer { served.store.remove(); served.close() }
        let viewer = try served.viewer("ada", width: 120, height: 35, ready: ["Campaigns 8", "Unlinked utm (6)"])
        defer { viewer.close() }
        try viewer.resize(width: 80, height: 24)
        let screen = try viewer.waitFor("the dashboard at 80x24") { screen in
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            return screen.contains("Unlinked (6)") && !screen.contains("Unlinked utm")
                && lines.count >= 24 && lines[1].hasSuffix("┐") && lines[1].count == 80 && lines[23].contains("? help")
        }
        #expect(!screen.contains("Unlinked utm"), "the header's short titles at 80 columns:\n\(screen)")
        try viewer.resize(width: 140, height: 40)
        try viewer.waitFor("the dashboard at 140x40") { screen in
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            return lines.count >= 40 && lines[1].count == 140 && lines[1].hasSuffix("┐") && lines[39].contains("refreshed")
        }
    }

    @Test("#15 kill -9 of a client leaves no session process after 5 s, and the server idle")
    func vanishedClient() throws {
        let served = try served()
        defer { served.store.remove(); served.close() }
        let viewer = try served.viewer("ada")
        defer { viewer.close() }
        guard let dashboard = served.sessionPIDs.first, let client = Served.clientPID(viewer) else {
            Issue.record("no session pid in the log or no client pid:\n\(served.log)")
            return
        }
        #expect(ProcessProbe.name(dashboard) == "utmost")
        kill(client, SIGKILL)
        #expect(Served.waitUntil(5) { Served.reaped(dashboard) }, "the dashboard \(dashboard) is gone and reaped within 5 s")
        #expect(Served.waitUntil(2) { served.log.contains("session ended") && served.log.contains("disconnected") }, "\(served.log)")
        // Nothing spinning: the server sits idle once the viewer is gone.
        guard let server = served.pid, let before = ProcessProbe.cpuSeconds(server) else { Issue.record("no /proc"); return }
        Thread.sleep(forTimeInterval: 2)
        let used = (ProcessProbe.cpuSeconds(server) ?? 99) - before
        #expect(used < 0.2, "the server used \(used) s of CPU in 2 s with no viewer")
        let again = try served.viewer("bo")
        again.close()
    }

    @Test("#15 a read-only viewer's n creates nothing: the status bar says read-only and the store keeps its 8 campaigns")
    func readOnlyViewer() throws {
        let served = try served(["--read-only"])
        defer { served.store.remove(); served.close() }
        let viewer = try served.viewer("ada", ready: ["Campaigns 8", "read-only"])
        defer { viewer.close() }
        try viewer.send("n")
        try viewer.waitFor("read-only in the status bar") { $0.contains("read-only: this dashboard makes no edits") }
        try viewer.type("Summer promo")
        try viewer.send("Enter")
        try viewer.send("u")
        try viewer.waitFor("u answers read-only too") { $0.contains("read-only: this dashboard makes no edits") }
        try viewer.send("j")
        try viewer.waitFor("browsing still works") { $0.contains("Assets · Google Ads") }
        let list = try served.store.utmost("campaign", "list", "--format", "json")
        #expect(!list.stdout.contains("Summer promo"), "\(list.stdout)")
        #expect(list.stdout.components(separatedBy: "\"utm_campaign\"").count - 1 == 8, "\(list.stdout)")
    }

    @Test("#15 --allow-anyone needs no keys file, lets any key in, and forces read-only; without it no usable keys file stops serve")
    func allowAnyone() throws {
        let store = try Scratch()
        defer { store.remove() }
        let missing = store.folder.appendingPathComponent("no_such_keys").path
        let refused = try CLI.run(["serve", "--db", store.db, "--port", "0", "--authorized-keys", missing], timeout: 30)
        #expect(refused.status != 0)
        #expect(refused.errorLines.last == "utmost: serve: authorized keys \(missing): no such file; name a file with --authorized-keys, "
                + "or serve a read-only demo to anyone with --allow-anyone", "\(refused)")
        let served = try Served(store: store)
        defer { served.close() }
        try served.start(["--allow-anyone"], withKeys: false)
        #expect(served.log.contains("access=anyone") && served.log.contains("read-only=true"), "\(served.log)")
        let viewer = try served.viewer("eve", ready: ["Campaigns 8", "read-only"])
        defer { viewer.close() }
        try viewer.send("r")
        try viewer.waitFor("rename answers read-only") { $0.contains("read-only: this dashboard makes no edits") }
    }

    @Test("#15 SIGTERM disconnects every viewer, tells them, and exits 0 within 5 s")
    func sigterm() throws {
        let served = try served()
        defer { served.store.remove(); served.close() }
        let ada = try served.viewer("ada"), bo = try served.viewer("bo")
        defer { ada.close(); bo.close() }
        let dashboards = served.sessionPIDs
        #expect(dashboards.count == 2)
        let started = Date()
        #expect(try served.stop(SIGTERM, timeout: 5) == 0)
        #expect(Date().timeIntervalSince(started) < 5)
        for viewer in [ada, bo] {
            #expect(Served.waitUntil(5) { Served.clientStatus(in: viewer.folder) != nil }, "ssh has ended")
            try viewer.waitFor("the viewer told why", allowExit: true) { $0.contains("utmost: the server is stopping") }
        }
        for pid in dashboards { #expect(Served.reaped(pid), "dashboard \(pid) reaped") }
    }

    @Test("#15 the host key ssh-keyscan sees is the same after a restart, and its fingerprint is the one logged")
    func hostKeyKept() throws {
        let served = try served()
        defer { served.store.remove(); served.close() }
        func scanned() throws -> String {
            let scan = try Served.tool("ssh-keyscan", ["-p", "\(served.port)", "-t", "ed25519", "127.0.0.1"])
            guard let line = scan.stdout.split(separator: "\n").first(where: { $0.contains("ssh-ed25519") }) else {
                throw Failure("ssh-keyscan found no ed25519 key: \(scan)")
            }
            return line.split(separator: " ").dropFirst().prefix(2).joined(separator: " ")
        }
        let first = try scanned()
        let mode = try FileManager.default.attributesOfItem(atPath: served.hostKey)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try served.stop() == 0)
        try served.start()
        #expect(try scanned() == first)
        let derived = try Served.tool("ssh-keygen", ["-y", "-f", served.hostKey]).stdout
        #expect(derived.hasPrefix(first), "the file's key is the one served: \(derived) vs \(first)")
        #expect(served.log.contains("host key \(try fingerprint(served.hostKey)) (ED25519)") && served.log.contains("new=false"), "\(served.log)")
    }

    @Test("#15 an edit made by the CLI appears in both viewers")
    func cliEditShowsEverywhere() throws {
        let served = try served()
        defer { served.store.remove(); served.close() }
        let ada = try served.viewer("ada"), bo = try served.viewer("bo")
        defer { ada.close(); bo.close() }
        let created = try served.store.utmost("campaign", "create", "Summer promo")
        #expect(created.status == 0, "\(created)")
        for viewer in [ada, bo] {
            try viewer.waitFor("the new campaign", timeout: 10) { $0.contains("Summer promo") && $0.contains("Campaigns 9") }
        }
    }
}
