#!/usr/bin/env python3
"""A bounded load test of `utmost serve` on loopback (issue 15), and the key-to-screen
time of the dashboard over SSH against the same dashboard in plain tmux.

    python3 Benchmarks/serve-load.py

1. Key-to-screen, one viewer at a time: the dashboard in a 120x35 tmux pane, run as
   `utmost dashboard` (plain) and as `ssh -tt` to the server (over SSH), the two taken
   in turn, KEYS times each: from `tmux send-keys` (j, then k) to the first capture of
   the pane that differs. Both pay tmux's capture the same way.
2. Load: SESSIONS OpenSSH clients at once, each on a pseudo-terminal of this script's
   (120x35), each pressing a key every 100 ms for LOAD_SECONDS seconds (j k ] [ 2 1 …),
   while the server's CPU and resident memory, and its dashboards', are sampled
   from /proc. The time from each key to the first byte of the screen's answer is kept.

Everything runs on 127.0.0.1 at a port the system chooses; it stops by itself.
Prints a Markdown table on stdout; progress on stderr.

Environment: UTMOST (the binary; default .build/release/utmost, else .build/debug/utmost),
SESSIONS (16), LOAD_SECONDS (10), KEYS (40 per kind).
"""
import os
import pty
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
import fcntl

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SESSIONS = int(os.environ.get("SESSIONS", "16"))
LOAD_SECONDS = float(os.environ.get("LOAD_SECONDS", "10"))
KEYS = int(os.environ.get("KEYS", "40"))
WIDTH, HEIGHT = 120, 35
TMUX = ["tmux", "-L", f"utmost-serve-bench-{os.getpid()}", "-f", "/dev/null"]
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024


def say(text):
    print(text, file=sys.stderr, flush=True)


def binary():
    if os.environ.get("UTMOST"):
        return os.environ["UTMOST"]
    for build in ("release", "debug"):
        path = os.path.join(REPO, ".build", build, "utmost")
        if os.access(path, os.X_OK):
            if build == "debug":
                say("warning: no release build (swift build -c release): measuring the debug build")
            return path
    sys.exit("serve-load.py: build utmost first (swift build -c release)")


# MARK: /proc

def stat_fields(pid):
    with open(f"/proc/{pid}/stat") as f:
        text = f.read()
    return text[text.rindex(")") + 2:].split()


def cpu_seconds(pid):
    fields = stat_fields(pid)
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def rss_mib(pid):
    fields = open(f"/proc/{pid}/statm").read().split()
    return int(fields[1]) * PAGE_KIB / 1024


def children(pid):
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if int(stat_fields(int(entry))[1]) == pid:
                    found.append(int(entry))
            except (OSError, ValueError, IndexError):
                pass
    return found


class Sampler(threading.Thread):
    """Samples the server's and its dashboards' resident memory every quarter second."""

    def __init__(self, server):
        super().__init__(daemon=True)
        self.server, self.stop = server, threading.Event()
        self.server_peak = self.dashboards_peak = 0.0
        self.dashboard_cpu = {}

    def run(self):
        while not self.stop.is_set():
            try:
                self.server_peak = max(self.server_peak, rss_mib(self.server))
                total = 0.0
                for child in children(self.server):
                    try:
                        total += rss_mib(child)
                        self.dashboard_cpu[child] = cpu_seconds(child)
                    except OSError:
                        pass
                self.dashboards_peak = max(self.dashboards_peak, total)
            except OSError:
                pass
            self.stop.wait(0.25)


# MARK: The server and its clients

class Server:
    def __init__(self, utmost, scratch):
        self.scratch = scratch
        key = os.path.join(scratch, "id_viewer")
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key], check=True)
        shutil.copy(key + ".pub", os.path.join(scratch, "authorized_keys"))
        self.key, self.store = key, os.path.join(scratch, "store.sqlite")
        environment = dict(os.environ, LANG="C.UTF-8", HOME=scratch, XDG_STATE_HOME=os.path.join(scratch, "state"))
        for name in ("UTMOST_DB", "NO_COLOR", "TMUX", "LC_ALL"):
            environment.pop(name, None)
        self.environment = environment
        self.log = open(os.path.join(scratch, "serve.log"), "w+")
        self.process = subprocess.Popen(
            [utmost, "serve", "--db", self.store, "--port", "0", "--max-sessions", str(SESSIONS),
             "--host-key", os.path.join(scratch, "host_key"), "--authorized-keys", os.path.join(scratch, "authorized_keys")],
            env=environment, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=self.log)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            match = re.search(r"address=127\.0\.0\.1:(\d+) .*listening", open(self.log.name).read())
            if match:
                self.port = int(match.group(1))
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        sys.exit("serve-load.py: the server did not start:\n" + open(self.log.name).read())

    def ssh_command(self):
        return ["ssh", "-tt", "-p", str(self.port), "-i", self.key, "-F", "/dev/null", "-o", "IdentitiesOnly=yes",
                "-o", "IdentityAgent=none", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no",
                "-o", f"UserKnownHostsFile={self.scratch}/known_hosts", "-o", "LogLevel=ERROR", "127.0.0.1"]

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        started = time.monotonic()
        status = self.process.wait(timeout=10)
        return status, time.monotonic() - started


class Viewer(threading.Thread):
    """One OpenSSH client on a pseudo-terminal of ours, pressing keys for LOAD_SECONDS."""

    KEYS = b"jjkk][21jj3k4j1k"

    def __init__(self, server, start_line):
        super().__init__(daemon=True)
        self.server, self.start_line = server, start_line
        self.latencies, self.sent, self.error, self.exit_status = [], 0, None, None

    def run(self):
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", HEIGHT, WIDTH, 0, 0))
        environment = dict(self.server.environment, TERM="xterm-256color")
        client = subprocess.Popen(self.server.ssh_command(), stdin=slave, stdout=slave, stderr=slave,
                                  env=environment, start_new_session=True)
        os.close(slave)
        try:
            if not self.read_until(master, b"Campaigns", 30):
                self.error = "no dashboard within 30 s"
                return
            self.start_line.wait()
            end = time.monotonic() + LOAD_SECONDS
            while time.monotonic() < end:
                self.drain(master, 0)
                sent = time.monotonic()
                os.write(master, self.KEYS[self.sent % len(self.KEYS):][:1])
                self.sent += 1
                if select.select([master], [], [], 1.0)[0]:
                    self.latencies.append(time.monotonic() - sent)
                self.drain(master, max(0.0, 0.1 - (time.monotonic() - sent)))
            os.write(master, b"q")
            self.exit_status = client.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired) as problem:
            self.error = str(problem)
        finally:
            if client.poll() is None:
                client.kill()
                client.wait()
            os.close(master)

    @staticmethod
    def drain(fd, seconds):
        end = time.monotonic() + seconds
        while True:
            left = max(0.0, end - time.monotonic())
            if not select.select([fd], [], [], left)[0]:
                return
            try:
                if not os.read(fd, 65536):
                    return
            except OSError:
                return

    @staticmethod
    def read_until(fd, marker, seconds):
        seen, end = b"", time.monotonic() + seconds
        while time.monotonic() < end:
            if select.select([fd], [], [], 0.2)[0]:
                try:
                    seen += os.read(fd, 65536)
                except OSError:
                    return False
                if marker in seen:
                    return True
        return False


# MARK: Key-to-screen in tmux

def tmux(*arguments):
    return subprocess.run(TMUX + list(arguments), check=True, capture_output=True, text=True).stdout


def key_to_screen(server, utmost):
    command = {
        "plain": " ".join([utmost, "dashboard", "--db", server.store]),
        "ssh": " ".join(server.ssh_command()),
    }
    for name, line in command.items():
        tmux("new-session", "-d", "-s", name, "-x", str(WIDTH), "-y", str(HEIGHT),
             "-e", "LANG=C.UTF-8", "-e", f"HOME={server.scratch}", "-e", f"XDG_STATE_HOME={server.scratch}/state",
             "-e", "TERM=tmux-256color", line)
    for name in command:
        deadline = time.monotonic() + 30
        while "Campaigns 8" not in tmux("capture-pane", "-p", "-t", name):
            if time.monotonic() > deadline:
                sys.exit(f"serve-load.py: the {name} dashboard did not show")
            time.sleep(0.05)
    times = {name: [] for name in command}
    for i in range(KEYS):
        for name in command:
            before = tmux("capture-pane", "-p", "-t", name)
            started = time.monotonic()
            tmux("send-keys", "-t", name, "j" if i % 2 == 0 else "k")
            while tmux("capture-pane", "-p", "-t", name) == before:
                if time.monotonic() - started > 5:
                    break
            times[name].append(time.monotonic() - started)
    for name in command:
        tmux("send-keys", "-t", name, "q")
    time.sleep(0.5)
    subprocess.run(TMUX + ["kill-server"], capture_output=True)
    return times


def milliseconds(values):
    if not values:
        return "—"
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))]
    return f"{statistics.median(values) * 1000:.1f} ms (p90 {p90 * 1000:.1f})"


def main():
    utmost = binary()
    for tool in ("ssh", "ssh-keygen", "tmux"):
        if not shutil.which(tool):
            sys.exit(f"serve-load.py: needs {tool}")
    scratch = tempfile.mkdtemp(prefix="utmost-serve-load-")
    try:
        server = Server(utmost, scratch)
        say(f"server {server.process.pid} on port {server.port}; key-to-screen, {KEYS} keys each ...")
        latency = key_to_screen(server, utmost)

        say(f"load: {SESSIONS} sessions for {LOAD_SECONDS:.0f} s ...")
        pid = server.process.pid
        deadline = time.monotonic() + 10
        while children(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        idle_rss = rss_mib(pid)
        start_line = threading.Event()
        viewers = [Viewer(server, start_line) for _ in range(SESSIONS)]
        for viewer in viewers:
            viewer.start()
        deadline = time.monotonic() + 60
        while len(children(pid)) < SESSIONS and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(1)
        sampler = Sampler(pid)
        sampler.start()
        cpu_before, wall_before = cpu_seconds(pid), time.monotonic()
        dashboards_before = {child: cpu_seconds(child) for child in children(pid)}
        start_line.set()
        for viewer in viewers:
            viewer.join(LOAD_SECONDS + 30)
        wall = time.monotonic() - wall_before
        cpu = cpu_seconds(pid) - cpu_before
        sampler.stop.set()
        sampler.join()
        dashboards_cpu = sum(max(0.0, sampler.dashboard_cpu.get(c, b) - b) for c, b in dashboards_before.items())
        status, stop_seconds = server.stop()

        failed = [viewer.error for viewer in viewers if viewer.error]
        under_load = [t for viewer in viewers for t in viewer.latencies]
        sent = sum(viewer.sent for viewer in viewers)
        print(f"### utmost serve on loopback: {SESSIONS} sessions x {LOAD_SECONDS:.0f} s, "
              f"{os.cpu_count()} cores, {os.path.basename(os.path.dirname(utmost))} build\n")
        print("| measure | value |")
        print("| --- | --- |")
        print(f"| key-to-screen, plain tmux (median of {KEYS}) | {milliseconds(latency['plain'])} |")
        print(f"| key-to-screen, over SSH in tmux (median of {KEYS}) | {milliseconds(latency['ssh'])} |")
        print(f"| key to first byte of the answer, {SESSIONS} sessions at once | {milliseconds(under_load)} |")
        print(f"| keys sent / answered within 1 s (a key that changes nothing draws nothing) | {sent} / {len(under_load)} |")
        print(f"| server CPU during the load | {cpu:.2f} s in {wall:.1f} s ({cpu / wall * 100:.0f}% of a core) |")
        print(f"| server resident memory: idle, peak under load | {idle_rss:.1f} MiB, {sampler.server_peak:.1f} MiB |")
        print(f"| {SESSIONS} dashboards: CPU, peak resident memory (all) | {dashboards_cpu:.2f} s, {sampler.dashboards_peak:.0f} MiB |")
        print(f"| sessions that failed | {len(failed)}{': ' + '; '.join(failed) if failed else ''} |")
        print(f"| clients' exit status (q) | {sorted(set(v.exit_status for v in viewers), key=str)} |")
        print(f"| SIGTERM: exit status, seconds to stop | {status}, {stop_seconds:.2f} |")
        left = children(pid) if os.path.exists(f"/proc/{pid}") else []
        if left:
            say(f"dashboards left behind: {left}")
    finally:
        subprocess.run(TMUX + ["kill-server"], capture_output=True)
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
