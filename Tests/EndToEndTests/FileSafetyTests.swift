import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 12 items 3, 4 and 5 through the real binary: what utmost reads must be a
/// regular file, what it creates is private, and a command that reads creates nothing.
@Suite(.timeLimit(.minutes(2)))
struct FileSafetyTests {
    /// The one line of a refusal: exit 1, nothing on stdout, one `utmost:` line on stderr.
    private func expectRefusal(_ run: CLI.Result, saying fragments: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(run.status == 1, "\(run)", sourceLocation: sourceLocation)
        #expect(run.stdout.isEmpty, "\(run)", sourceLocation: sourceLocation)
        #expect(run.errorLines.count == 1 && run.errorLines.first?.hasPrefix("utmost: ") == true, "\(run)", sourceLocation: sourceLocation)
        for fragment in fragments {
            #expect(run.stderr.contains(fragment), "\(fragment) in \(run.stderr)", sourceLocation: sourceLocation)
        }
    }

    /// The names in a folder, and below it.
    private func tree(_ folder: URL) -> [String] {
        (FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []).sorted()
    }

    @Test("#12.3 a FIFO as a data file, --db, --model-file or the file of salesforce import is refused in one line, never waited on")
    func fifos() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let data = scratch.folder.appendingPathComponent("data")
        try FileManager.default.copyItem(at: CLI.sampleData, to: data)
        let events = data.appendingPathComponent("events.csv").path
        try FileManager.default.removeItem(atPath: events)
        #expect(mkfifo(events, 0o600) == 0)
        expectRefusal(try scratch.utmost("import", data.path), saying: ["events.csv: not a regular file (a FIFO)"])
        #expect(!FileManager.default.fileExists(atPath: scratch.db), "a refused import created a store")

        let fifo = scratch.folder.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        for command in [["report"], ["campaign", "list"], ["import", CLI.moreEvents.path]] {
            expectRefusal(try CLI.run(command + ["--db", fifo], timeout: 30), saying: ["cannot open \(fifo): not a regular file (a FIFO)"])
        }
        let folder = scratch.folder.path
        expectRefusal(try CLI.run(["report", "--db", folder], timeout: 30), saying: ["cannot open \(folder): not a regular file (a folder)"])

        try FileManager.default.removeItem(atPath: events)
        try FileManager.default.copyItem(at: CLI.sampleData.appendingPathComponent("events.csv"), to: URL(fileURLWithPath: events))
        #expect(try scratch.utmost("import", data.path).status == 0)
        expectRefusal(try scratch.utmost("report", "--model-file", fifo), saying: ["--model-file: cannot read \(fifo): not a regular file (a FIFO)"])
        expectRefusal(try scratch.utmost("salesforce", "import", fifo), saying: ["\(fifo): not a regular file (a FIFO)"])
    }

    @Test("#12.3 a data file that is a broken symlink is refused: the import does not succeed without it")
    func brokenSymlink() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let data = scratch.folder.appendingPathComponent("data")
        try FileManager.default.copyItem(at: CLI.sampleData, to: data)
        let dealContacts = data.appendingPathComponent("deal_contacts.csv").path
        try FileManager.default.removeItem(atPath: dealContacts)
        try FileManager.default.createSymbolicLink(atPath: dealContacts, withDestinationPath: "moved-away.csv")
        expectRefusal(try scratch.utmost("import", data.path), saying: ["deal_contacts.csv: not a regular file (a symbolic link to nothing)"])
    }

    /// Commands that need data already in the store.
    static let needingAStore: [[String]] = [
        ["report"], ["explain", "asset", "a-1"], ["explain", "url", "https://example.com/"], ["explain", "contact", "k1"],
        ["explain", "deal", "d1"], ["explain", "campaign", "c1"], ["campaign", "list"], ["salesforce", "rule", "list"],
        ["salesforce", "export", "out.csv"], ["associate", "a1", "c1"], ["url", "c1", "https://example.com/", "--source", "s", "--medium", "m"],
    ]

    @Test("#12.5 read-only commands on a missing store: exit 1, one line naming the path and `utmost import`, no file created")
    func missingStore() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let typo = scratch.folder.appendingPathComponent("tpyo.sqlite").path
        for command in Self.needingAStore {
            let run = try CLI.run(command + ["--db", typo], in: scratch.folder, timeout: 30)
            expectRefusal(run, saying: ["no store at \(typo)", "utmost import DIR"])
            #expect(tree(scratch.folder).isEmpty, "\(command) left \(tree(scratch.folder))")
        }
        // The default store: not even its folder is made.
        let home = ["HOME": scratch.folder.path]
        let run = try CLI.run(["report"], environment: home, in: scratch.folder, timeout: 30)
        expectRefusal(run, saying: ["no store at \(scratch.folder.path)/.local/share/utmost/utmost.sqlite"])
        #expect(tree(scratch.folder).isEmpty, "report left \(tree(scratch.folder))")
    }

    @Test("#12.5 the dashboard with no terminal refuses before it creates or fills a store")
    func dashboardWithoutTerminalCreatesNothing() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        expectRefusal(try CLI.run(["--db", scratch.db], timeout: 30), saying: ["needs a terminal"])
        expectRefusal(try CLI.run([], environment: ["HOME": scratch.folder.path], timeout: 30), saying: ["needs a terminal"])
        #expect(tree(scratch.folder).isEmpty, "left \(tree(scratch.folder))")
    }

    @Test("#12.4 with umask 0, import makes the default folder 0700 and the store 0600")
    func privateDefaultStore() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let shell = try CLI.run(["-c", "umask 000 && exec \"$0\" \"$@\"", try CLI.binary().path, "import", CLI.sampleData.path],
                                environment: ["HOME": scratch.folder.path], executable: URL(fileURLWithPath: "/bin/sh"))
        #expect(shell.status == 0, "\(shell)")
        let folder = scratch.folder.appendingPathComponent(".local/share/utmost").path
        #expect(mode(folder) == 0o700, "the folder is \(String(mode(folder) ?? 0, radix: 8))")
        #expect(mode(folder + "/utmost.sqlite") == 0o600, "the store is \(String(mode(folder + "/utmost.sqlite") ?? 0, radix: 8))")
    }
}

/// The permission bits of the file at `path`, or nil.
func mode(_ path: String) -> mode_t? {
    var info = stat()
    return stat(path, &info) == 0 ? info.st_mode & 0o7777 : nil
}
