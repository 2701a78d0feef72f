#!/usr/bin/env python3
"""Starts a command in a new tmux session and says how long it took to show a pattern (#17).

    pane-watch.py SESSION WIDTH HEIGHT COMMAND LISTED_REGEX DONE_REGEX

Prints "DONE LISTED": seconds from just before the session is made to the first look at
the pane that matched DONE_REGEX, and to the first that matched LISTED_REGEX (DONE's time
when none did). The session is left running for the caller to use and end.

The pane is looked at only when the program has written to it: a tmux client in control
mode (`tmux -C`) is told of each write (%output), and a capture follows it. Looking on a
timer instead (a `tmux capture-pane` process every 10 ms) took CPU from the program
being timed, on 2 cores up to a tenth of its time at L, while this costs a capture per
frame the program draws.
"""
import os
import re
import select
import subprocess
import sys
import time

session, width, height, command, listed_pattern, done_pattern = sys.argv[1:7]
listed_re = re.compile(listed_pattern, re.M)
done_re = re.compile(done_pattern, re.M)
timeout = 120

start = time.time()
subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", width, "-y", height, command], check=True)
client = subprocess.Popen(["tmux", "-C", "attach-session", "-t", session, "-f", "read-only"],
                          stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0)


def ask_for_capture():
    client.stdin.write(f"capture-pane -p -t {session}\n".encode())
    client.stdin.flush()
    return time.time()


def lines_of(stream):
    """The client's lines as they come; stops at the timeout even when the pane stays silent."""
    pending = b""
    while True:
        left = start + timeout - time.time()
        if left <= 0 or not select.select([stream], [], [], left)[0]:
            print("pane-watch.py: timeout", file=sys.stderr)
            return
        chunk = os.read(stream.fileno(), 65536)
        if not chunk:
            return
        pending += chunk
        *complete, pending = pending.split(b"\n")
        for raw in complete:
            yield raw.decode("utf-8", "replace")


listed = done = None
asked_at = ask_for_capture()
capturing, written, lines, in_block = True, False, [], False
for line in lines_of(client.stdout):
    if in_block:
        if line.startswith("%end") or line.startswith("%error"):
            in_block, capturing = False, False
            screen = "\n".join(lines)
            if listed is None and listed_re.search(screen):
                listed = asked_at
            if done_re.search(screen):
                done = asked_at
                break
        else:
            lines.append(line)
        continue
    if line.startswith("%begin"):
        in_block, lines = True, []
    elif line.startswith("%output"):
        written = True
    elif line.startswith("%exit"):
        break
    if written and not capturing:
        asked_at, capturing, written = ask_for_capture(), True, False

client.stdin.close()
client.terminate()
client.wait()
if done is None:
    print("pane-watch.py: the pane never matched", file=sys.stderr)
    sys.exit(1)
print("%.3f %.3f" % (done - start, (listed or done) - start))
