#!/usr/bin/env bash
# Whole-process figures for issue 6's targets: `utmost generate`, `utmost import`,
# `utmost report` and the dashboard's first frame, timed with /usr/bin/time -v
# (wall clock, peak resident memory), medians over RUNS runs, and the store's
# size against the CSV folder's. Prints a Markdown table on stdout; the raw
# runs go to stderr.
#
#   Benchmarks/whole-process.sh [SCRATCH_DIR]
#
#   SCRATCH_DIR  where the data folders and stores go (default: $TMPDIR, else /tmp),
#                outside the repository: L takes about 1.7 GB of CSV and 1.6 GB of store.
#   TIERS        tiers to run, default "S M" (S 10k contacts, M 100k, L 1M).
#   RUNS         runs per measurement, default 5 (3 for L).
#   UTMOST       the binary, default .build/release/utmost (built when missing).
#   FIRST_FRAME  0 to skip the dashboard timing (it needs tmux).
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
scratch="${1:-${TMPDIR:-/tmp}}/utmost-whole-process"
tiers="${TIERS:-S M}"
utmost="${UTMOST:-$repo/.build/release/utmost}"
first_frame="${FIRST_FRAME:-1}"
as_of="2025-01-01T00:00:00Z"

case "$scratch" in "$repo"/*) echo "whole-process.sh: put the scratch folder outside the repository" >&2; exit 2 ;; esac
[ -x /usr/bin/time ] || { echo "whole-process.sh: needs GNU time (apt-get install time)" >&2; exit 2; }
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

# Seconds from starting the dashboard in a 120x35 tmux pane to a frame listing the first campaign.
first_frame_seconds() {
    local store="$1" session="utmost-bench-$$" start now screen
    start=$(date +%s.%N)
    tmux new-session -d -s "$session" -x 120 -y 35 "TERM=xterm-256color '$utmost' --db '$store'"
    while :; do
        screen="$(tmux capture-pane -p -t "$session" 2>/dev/null || true)"
        now=$(date +%s.%N)
        if grep -q "Campaign 0 " <<<"$screen"; then break; fi
        if awk -v a="$start" -v b="$now" 'BEGIN { exit !(b - a > 120) }'; then echo "timeout" >&2; break; fi
        sleep 0.01
    done
    tmux kill-session -t "$session" 2>/dev/null || true
    awk -v a="$start" -v b="$now" 'BEGIN { printf "%.3f\n", b - a }'
}

rows=()
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

    report_walls=() report_rss=() report_cpu=()
    for ((r = 1; r <= runs; r++)); do
        read -r w m c < <(timed "$utmost" report --db "$store" --as-of "$as_of")
        echo "report run $r: ${w}s (cpu ${c}s), peak $((m / 1024)) MiB" >&2
        report_walls+=("$w"); report_rss+=("$m"); report_cpu+=("$c")
    done

    frame="-"
    if [ "$first_frame" = 1 ] && command -v tmux >/dev/null; then
        frames=()
        for ((r = 1; r <= runs; r++)); do
            f=$(first_frame_seconds "$store")
            echo "first frame run $r: ${f}s" >&2
            frames+=("$f")
        done
        frame="$(printf '%s\n' "${frames[@]}" | median) s"
    fi

    iw=$(printf '%s\n' "${import_walls[@]}" | median)
    ic=$(printf '%s\n' "${import_cpu[@]}" | median)
    rc=$(printf '%s\n' "${report_cpu[@]}" | median)
    irss=$(printf '%s\n' "${import_rss[@]}" | median | cut -d. -f1)
    rw=$(printf '%s\n' "${report_walls[@]}" | median)
    rrss=$(printf '%s\n' "${report_rss[@]}" | median | cut -d. -f1)
    rate=$(awk -v e="$events" -v s="$iw" 'BEGIN { printf "%.0f", e / s / 1000 }')
    ratio=$(awk -v a="$store_bytes" -v b="$csv_bytes" 'BEGIN { printf "%.2f", a / b }')
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
