#!/usr/bin/env bash
# Whole-process figures for issues 6 and 17: `utmost generate`, `utmost import`,
# `utmost report` and the dashboard's first frame, timed with /usr/bin/time -v
# (wall clock, peak resident memory), medians over RUNS runs, and the store's
# size against the CSV folder's; issue 17's table after it: the dashboard's
# refresh after another process appends 1,000 events, the campaign list (names, whose numbers
# are still to come), the first numbers (cold: nothing
# remembered; warm: a dashboard showed the unchanged store before and remembered its report), and
# a later import of 1,000 events into the store, and
# DuckDB as the peer (`Benchmarks/duckdb-peer.py`: its `read_csv` of the folder
# for the import, its SQL report for `report`), each figure a ratio to utmost's
# own full `report` in the same run. Prints Markdown tables on stdout; the raw
# runs go to stderr.
#
#   Benchmarks/whole-process.sh [SCRATCH_DIR]
#
#   SCRATCH_DIR  where the data folders and stores go (default: $TMPDIR, else /tmp),
#                outside the repository: L takes about 1.7 GB of CSV and 1.6 GB of store.
#   TIERS        tiers to run, default "S M" (S 10k contacts, M 100k, L 1M).
#   RUNS         runs per measurement, default 5 (3 for L).
#   UTMOST       the binary, default .build/release/utmost (built when missing).
#   FIRST_FRAME  0 to skip the dashboard timings (they need tmux).
#   DUCKDB       0 to skip the DuckDB peer (it needs `pip install duckdb`).
#   FRAME_POLL   seconds between looks at the dashboard's pane after an append, default 0.01. Each
#                look runs tmux and grep, and on 2 cores that slows the dashboard it watches: at 0.01
#                its compile and analysis at M take 8-20 % longer than at 0.2 (phase traces, #17).
#                The first frames are watched without a timer (`Benchmarks/pane-watch.py`: a look
#                each time the dashboard writes to its pane).
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
scratch="${1:-${TMPDIR:-/tmp}}/utmost-whole-process"
tiers="${TIERS:-S M}"
utmost="${UTMOST:-$repo/.build/release/utmost}"
first_frame="${FIRST_FRAME:-1}"
frame_poll="${FRAME_POLL:-0.01}"
duckdb="${DUCKDB:-1}"
as_of="2025-01-01T00:00:00Z"

case "$scratch" in "$repo"/*) echo "whole-process.sh: put the scratch folder outside the repository" >&2; exit 2 ;; esac
[ -x /usr/bin/time ] || { echo "whole-process.sh: needs GNU time (apt-get install time)" >&2; exit 2; }
if [ "$duckdb" = 1 ] && ! python3 -c 'import duckdb' 2>/dev/null; then
    echo "whole-process.sh: the DuckDB peer needs 'pip install duckdb' (or DUCKDB=0)" >&2; exit 2
fi
if [ ! -x "$utmost" ]; then
    echo "building $utmost ..." >&2
    (cd "$repo" && swift build -c release >&2)
fi
mkdir -p "$scratch"

contacts_of() { case "$1" in S) echo 10000 ;; M) echo 100000 ;; L) echo 1000000 ;; *) echo "unknown tier $1" >&2; exit 2 ;; esac; }

# Runs a command under /usr/bin/time -v; prints "WALL_SECONDS PEAK_KIB CPU_SECONDS" (CPU: user + system,
# steadier than the wall clock on a shared machine).
timed() {
    local log
    log="$(mktemp)"
    /usr/bin/time -v -o "$log" "$@" >/dev/null 2>>"$scratch/stderr.log" || { cat "$log" >&2; rm -f "$log"; return 1; }
    awk -F': ' '
        /Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; wall = s }
        /Maximum resident set size/ { rss = $2 }
        /User time \(seconds\)|System time \(seconds\)/ { cpu += $2 }
        END { printf "%.3f %d %.2f\n", wall, rss, cpu }' "$log"
    rm -f "$log"
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
bytes_of() { find "$1" -maxdepth 1 -type f -name "$2" -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }'; }
mib() { awk -v b="$1" 'BEGIN { printf "%.0f", b / 1048576 }'; }
remove_store() { rm -f "$1" "$1-wal" "$1-shm"; }

# An empty state folder for the dashboard: it starts at its defaults (campaigns tab), whatever
# an earlier run remembered, and leaves the user's own state alone.
fresh_state() { rm -rf "$scratch/state"; mkdir -p "$scratch/state"; echo "$scratch/state"; }

# Seconds from starting the dashboard in a 120x35 tmux pane to a frame with the first campaign's
# numbers, then to the first frame listing it: "NUMBERS LIST". The list comes first (#17: the
# campaigns' outline, with a placeholder for each number), so the numbers are waited for as a digit
# after the name's last letter in the campaigns pane's row, `│ ● Campaign 0 Spring launch   2,937 ▅▇█`
# (the assets pane's title, `Assets · Campaign 0 Spring launch 2`, holds the name and a count).
# CACHE is its XDG_CACHE_HOME, where it remembers the reports it computes (#17): an empty folder for
# a cold start; one where an earlier dashboard on the unchanged store left its report for a warm one.
# With REMEMBER=1 the dashboard stays open until its report is remembered there, and a third
# figure follows: the dashboard's peak resident memory so far in KiB (VmHWM), or "-".
first_frame_seconds() {
    local store="$1" cache="$2" remember="${3:-0}" session="utmost-bench-$$" times deadline pid peak="-"
    times=$(python3 "$repo/Benchmarks/pane-watch.py" "$session" 120 35 \
        "TERM=xterm-256color XDG_STATE_HOME='$(fresh_state)' XDG_CACHE_HOME='$cache' exec '$utmost' --db '$store'" \
        "^│ [^ ]+ Campaign 0 " "^│ [^ ]+ Campaign 0 [^│]*[A-Za-z] +[0-9]") || times="120.000 120.000"
    if [ "$remember" = 1 ]; then
        deadline=$(( $(date +%s) + 120 ))
        until compgen -G "$cache/utmost/reports/report-*.bin" >/dev/null || [ "$(date +%s)" -gt "$deadline" ]; do sleep 0.05; done
        pid=$(tmux display-message -p -t "$session" '#{pane_pid}' 2>/dev/null || true)
        if [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = utmost ]; then
            peak=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status")
        fi
    fi
    tmux kill-session -t "$session" 2>/dev/null || true
    echo "$times $peak"
}

# Writes DIR/events.csv: 1,000 page views by one known visitor (the first contact's first cookie),
# tagged with the utm value VALUE, a second apart from START (an ISO date), later than all the data.
write_appended_events() {
    local folder="$1" dir="$2" start="$3" value="$4" visitor
    visitor=$(awk -F, 'NR == 2 { split($4, v, ";"); print v[1] }' "$folder/contacts.csv")
    mkdir -p "$dir"
    awk -v v="$visitor" -v c="$value" -v d="$start" 'BEGIN {
        print "time,type,visitor_id,url"
        for (i = 0; i < 1000; i++) printf "%sT%02d:%02d:%02dZ,page_view,%s,https://www.example.com/lp/refresh?utm_campaign=%s\n", d, i / 3600, (i / 60) % 60, i % 60, v, c
    }' >"$dir/events.csv"
}

# A screen (as `tmux capture-pane -p` prints it) less the lines that say it is computing and its
# status bar (which shows the clock).
steady_lines() { grep -vi 'refreshed\|computing' || true; }

# Waits (at most 120 s) for another connection's commit of new events to STORE and prints its
# time (epoch seconds): `PRAGMA data_version` read every millisecond, as the dashboard reads it
# every 100, and on each change the last event's seq. The version alone also moves when a writer
# restarts the write-ahead log, which an import into L does seconds before it commits.
# Creates READY once it has read what it waits to see change.
commit_time() {
    python3 - "$1" "$2" <<'PY'
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1])
last_event = lambda: db.execute("SELECT coalesce(max(seq), 0) FROM events").fetchone()[0]
version, first = db.execute("PRAGMA data_version").fetchone()[0], last_event()
open(sys.argv[2], "w").close()
deadline = time.time() + 120
while time.time() < deadline:
    now = db.execute("PRAGMA data_version").fetchone()[0]
    if now != version:
        version = now
        if last_event() != first:
            print("%.6f" % time.time())
            break
    time.sleep(0.001)
PY
}

# Seconds from the commit of another process's 1,000 appended events to STORE (an `utmost import`
# of an events-only folder; `commit_time` sees the commit) to the dashboard's analytics tab
# showing other numbers, which a second watcher notes; both start before the import. One line per run. The events are for the campaign at the top of the tab, so that its
# sessions change on screen. The dashboard stays open across the runs; each appends later events.
refresh_seconds() {
    local folder="$1" store="$2" runs="$3" session="utmost-refresh-$$" before committed changed r top value watcher
    tmux new-session -d -s "$session" -x 160 -y 45 "TERM=xterm-256color XDG_STATE_HOME='$(fresh_state)' XDG_CACHE_HOME='$scratch/cache-refresh' '$utmost' --db '$store'"
    wait_for() { # until the screen holds $1 (a grep pattern) and does not say it is computing
        local deadline=$(( $(date +%s) + 300 ))
        until tmux capture-pane -p -t "$session" 2>/dev/null | grep -q "$1" \
              && ! tmux capture-pane -p -t "$session" 2>/dev/null | grep -qi 'computing'; do
            [ "$(date +%s)" -gt "$deadline" ] && { echo "timeout waiting for $1" >&2; return 1; }
            sleep 0.05
        done
    }
    if ! wait_for "Campaign 0 " || ! { tmux send-keys -t "$session" 2; wait_for "Totals add up"; }; then
        tmux capture-pane -p -t "$session" >&2 || true
        tmux kill-session -t "$session" 2>/dev/null || true
        return 1
    fi
    sleep 1
    top=$(tmux capture-pane -p -t "$session" | awk '/Sessions/ && /Campaign/ { getline; print; exit }' | sed 's/^│ *//; s/  .*//')
    value=$(awk -F, -v name="$top" '$2 == name { print $10; exit }' "$folder/campaigns.csv")
    for ((r = 1; r <= runs; r++)); do
        write_appended_events "$folder" "$scratch/append-$r" "$(date -u -d "2025-06-01 + $r days" +%Y-%m-%d)" "$value"
        before="$(tmux capture-pane -p -t "$session" | steady_lines)"
        rm -f "$scratch/changed" "$scratch/committed" "$scratch/ready"
        commit_time "$store" "$scratch/ready" >"$scratch/committed" &
        committer=$!
        until [ -e "$scratch/ready" ]; do sleep 0.01; done
        ( deadline=$(( $(date +%s) + 120 ))
          while [ "$(date +%s)" -le "$deadline" ]; do
              # One capture for both tests: with two, the first could catch the "computing" line
              # (dropped, so the screen differs) and the second the same numbers after it.
              screen="$(tmux capture-pane -p -t "$session" 2>/dev/null || true)"
              if ! grep -qi computing <<<"$screen" && [ "$(steady_lines <<<"$screen")" != "$before" ]; then
                  date +%s.%N >"$scratch/changed"; break
              fi
              sleep "$frame_poll"
          done ) &
        watcher=$!
        "$utmost" import "$scratch/append-$r" --db "$store" --now 2026-01-01T00:00:00Z >/dev/null 2>>"$scratch/stderr.log"
        wait "$committer" "$watcher"
        committed=$(cat "$scratch/committed")
        changed=$(cat "$scratch/changed" 2>/dev/null || true)
        if [ -z "$committed" ] || [ -z "$changed" ]; then echo "refresh run $r: no commit or no change seen" >&2; continue; fi
        awk -v a="$committed" -v b="$changed" 'BEGIN { printf "%.3f\n", b - a }'
        sleep 1
    done
    tmux kill-session -t "$session" 2>/dev/null || true
}

ratio_of() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }

rows=()
targets=()
for tier in $tiers; do
    contacts=$(contacts_of "$tier")
    runs="${RUNS:-$([ "$tier" = L ] && echo 3 || echo 5)}"
    folder="$scratch/$tier"
    store="$scratch/$tier.sqlite"

    echo "== $tier: $contacts contacts, $runs runs" >&2
    read -r gen_wall gen_rss _ < <(timed "$utmost" generate "$folder" --contacts "$contacts" --seed 1)
    echo "generate: ${gen_wall}s, peak $((gen_rss / 1024)) MiB" >&2
    events=$(($(wc -l <"$folder/events.csv") - 1))
    csv_bytes=$(bytes_of "$folder" '*.csv')

    import_walls=() import_rss=() import_cpu=()
    for ((r = 1; r <= runs; r++)); do
        remove_store "$store"
        sync
        read -r w m c < <(timed "$utmost" import "$folder" --db "$store" --now "$as_of")
        echo "import run $r: ${w}s (cpu ${c}s), peak $((m / 1024)) MiB" >&2
        import_walls+=("$w"); import_rss+=("$m"); import_cpu+=("$c")
    done
    store_bytes=$(($(stat -c %s "$store") + $(stat -c %s "$store-wal" 2>/dev/null || echo 0)))
    # The import leaves its store's pages for the kernel to write back (1.6 GB at L): written
    # now, so that the timings below do not share the machine with that writeback.
    sync

    report_walls=() report_rss=() report_cpu=()
    for ((r = 1; r <= runs; r++)); do
        read -r w m c < <(timed "$utmost" report --db "$store" --as-of "$as_of")
        echo "report run $r: ${w}s (cpu ${c}s), peak $((m / 1024)) MiB" >&2
        report_walls+=("$w"); report_rss+=("$m"); report_cpu+=("$c")
    done

    frame="-" warm="-" list="-" dashboard_kib="-"
    if [ "$first_frame" = 1 ] && command -v tmux >/dev/null; then
        frames=() warms=() lists=()
        for ((r = 1; r <= runs; r++)); do
            rm -rf "$scratch/cache-cold"; mkdir -p "$scratch/cache-cold"
            read -r f l _ < <(first_frame_seconds "$store" "$scratch/cache-cold")
            echo "first frame run $r (cold): ${f}s, the list ${l}s" >&2
            frames+=("$f"); lists+=("$l")
        done
        rm -rf "$scratch/cache-warm"; mkdir -p "$scratch/cache-warm"
        read -r _ _ dashboard_kib < <(first_frame_seconds "$store" "$scratch/cache-warm" 1)
        echo "dashboard peak (opening, until its report is remembered): ${dashboard_kib} KiB" >&2
        for ((r = 1; r <= runs; r++)); do
            read -r f _ < <(first_frame_seconds "$store" "$scratch/cache-warm")
            echo "first frame run $r (warm): ${f}s" >&2
            warms+=("$f")
        done
        frame="$(printf '%s\n' "${frames[@]}" | median) s"
        warm="$(printf '%s\n' "${warms[@]}" | median) s"
        list="$(printf '%s\n' "${lists[@]}" | median) s"
    fi

    duck_load="-" duck_report="-" duck_load_cpu="-" duck_report_cpu="-"
    if [ "$duckdb" = 1 ]; then
        loads=() reports=() loads_cpu=() reports_cpu=()
        for ((r = 1; r <= runs; r++)); do
            read -r w m c < <(timed python3 "$repo/Benchmarks/duckdb-peer.py" load "$folder")
            echo "duckdb load run $r: ${w}s (cpu ${c}s), peak $((m / 1024)) MiB" >&2
            loads+=("$w"); loads_cpu+=("$c")
            read -r w m c < <(timed python3 "$repo/Benchmarks/duckdb-peer.py" report "$folder")
            echo "duckdb report run $r: ${w}s (cpu ${c}s), peak $((m / 1024)) MiB" >&2
            reports+=("$w"); reports_cpu+=("$c")
        done
        duck_load=$(printf '%s\n' "${loads[@]}" | median)
        duck_report=$(printf '%s\n' "${reports[@]}" | median)
        duck_load_cpu=$(printf '%s\n' "${loads_cpu[@]}" | median)
        duck_report_cpu=$(printf '%s\n' "${reports_cpu[@]}" | median)
    fi

    refresh="-"
    if [ "$first_frame" = 1 ] && command -v tmux >/dev/null; then
        cp "$store" "$scratch/$tier-refresh.sqlite"
        rm -f "$scratch/$tier-refresh.sqlite-wal" "$scratch/$tier-refresh.sqlite-shm"
        sync # the copy's pages written back first, as after the import
        mapfile -t refreshes < <(refresh_seconds "$folder" "$scratch/$tier-refresh.sqlite" "$runs")
        printf 'refresh run: %ss\n' "${refreshes[@]}" >&2
        refresh=$(printf '%s\n' "${refreshes[@]}" | median)
        remove_store "$scratch/$tier-refresh.sqlite"
    fi

    # A later import: 1,000 page views after all the store's events, into a copy of the store, each run's after the last's.
    cp "$store" "$scratch/$tier-later.sqlite"
    rm -f "$scratch/$tier-later.sqlite-wal" "$scratch/$tier-later.sqlite-shm"
    sync
    later_walls=() later_rss=()
    for ((r = 1; r <= runs; r++)); do
        write_appended_events "$folder" "$scratch/later-$r" "$(date -u -d "2025-09-01 + $r days" +%Y-%m-%d)" later-import
        read -r w m _ < <(timed "$utmost" import "$scratch/later-$r" --db "$scratch/$tier-later.sqlite" --now 2026-01-01T00:00:00Z)
        echo "later import run $r: ${w}s, peak $((m / 1024)) MiB" >&2
        later_walls+=("$w"); later_rss+=("$m")
    done
    later=$(printf '%s\n' "${later_walls[@]}" | median)
    later_mib=$(( $(printf '%s\n' "${later_rss[@]}" | median | cut -d. -f1) / 1024 ))
    remove_store "$scratch/$tier-later.sqlite"

    iw=$(printf '%s\n' "${import_walls[@]}" | median)
    ic=$(printf '%s\n' "${import_cpu[@]}" | median)
    rc=$(printf '%s\n' "${report_cpu[@]}" | median)
    irss=$(printf '%s\n' "${import_rss[@]}" | median | cut -d. -f1)
    rw=$(printf '%s\n' "${report_walls[@]}" | median)
    rrss=$(printf '%s\n' "${report_rss[@]}" | median | cut -d. -f1)
    rate=$(awk -v e="$events" -v s="$iw" 'BEGIN { printf "%.0f", e / s / 1000 }')
    ratio=$(awk -v a="$store_bytes" -v b="$csv_bytes" 'BEGIN { printf "%.2f", a / b }')
    fw="${frame% s}"
    ww="${warm% s}"
    lw="${list% s}"
    targets+=("| $tier | refresh after another process appends 1,000 events | ${refresh} s | $(ratio_of "$refresh" "$rw")× ($(ratio_of "$refresh" "$rc")×) | ≤ 0.25× |")
    targets+=("| $tier | start to the campaign list on screen, cold (the names; their numbers to come) | ${lw} s | $(ratio_of "$lw" "$rw")× ($(ratio_of "$lw" "$rc")×) | |")
    targets+=("| $tier | start to first numbers on screen, cold (nothing remembered) | ${fw} s | $(ratio_of "$fw" "$rw")× ($(ratio_of "$fw" "$rc")×) | ≤ 0.6× |")
    targets+=("| $tier | start to first numbers on screen, warm (the store unchanged since a dashboard showed it) | ${ww} s | $(ratio_of "$ww" "$rw")× ($(ratio_of "$ww" "$rc")×) | ≤ 0.6× |")
    targets+=("| $tier | \`report\` against DuckDB's compute | ${rw} s (${rc}) vs ${duck_report} s (${duck_report_cpu}) | $(ratio_of "$rw" "$duck_report")× ($(ratio_of "$rc" "$duck_report_cpu")×) | ≤ 0.12× |")
    targets+=("| $tier | a later \`import\` of 1,000 events after all the others (peak memory) | ${later} s (${later_mib} MiB) | $(ratio_of "$later" "$rw")× | |")
    targets+=("| $tier | \`import\` against DuckDB's load (\`read_csv\` of the folder) | ${iw} s (${ic}) vs ${duck_load} s (${duck_load_cpu}) | $(ratio_of "$iw" "$duck_load")× ($(ratio_of "$ic" "$duck_load_cpu")×) | ≤ 3× |")
    dashboard_mib=$([ "$dashboard_kib" = - ] && echo - || echo $((dashboard_kib / 1024)))
    targets+=("| $tier | peak memory: \`report\`; the dashboard, opening until its report is remembered | $((rrss / 1024)) MiB; ${dashboard_mib} MiB | | |")
    if [ "$tier" = L ]; then
        targets+=("| L | first numbers, \`report\`, peak memory (\`report\`'s; the dashboard's) | ${fw} s, ${rw} s, $((rrss / 1024)) MiB; ${dashboard_mib} MiB | | < 5 s, < 6 s, < 2 GiB |")
    fi
    rows+=("| $tier | $contacts | $events | ${gen_wall} s | ${iw} s (${ic}) | ${rate}k | $((irss / 1024)) | ${rw} s (${rc}) | $((rrss / 1024)) | ${frame} | $(mib "$csv_bytes") | $(mib "$store_bytes") | ${ratio}× |")
done

echo
echo "Whole process, medians ($(date -u +%Y-%m-%d), $(nproc) cores, $(uname -m); \`$0\`)"
echo
echo "Times are wall clock; in brackets the CPU seconds (user + system)."
echo
echo "| tier | contacts | events | generate | import | import events/s | import peak MiB | report | report peak MiB | first frame | CSV MiB | store MiB | store/CSV |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"

echo
echo "Issue 17: each figure against utmost's own full \`report\` in the same run (the DuckDB rows: utmost's time over DuckDB's)."
echo "In brackets: CPU seconds, and the ratios with CPU seconds for the report (and DuckDB), steadier than the wall"
echo "clock on a shared machine; the refresh and the first numbers are waits, measured on the wall clock only."
echo
echo "| tier | figure | seconds | ratio | target |"
echo "|---|---|---:|---:|---:|"
printf '%s\n' "${targets[@]}"
