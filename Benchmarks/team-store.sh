#!/usr/bin/env bash
# Issue 16's figures: the team store on PostgreSQL against the SQLite file, whole process.
# For each tier: `utmost import` of the generated folder into a new SQLite file and into a
# new PostgreSQL database, and `utmost report --timings` on each, whose first figure is
# the time to open and read the store into the engine's columns (the load), the second
# the engine's work (the same on both). Medians over RUNS runs; prints a Markdown table on
# stdout, the raw runs on stderr. Target: load on PostgreSQL within 2x SQLite's at M.
#
#   Benchmarks/team-store.sh [SCRATCH_DIR]
#
#   SCRATCH_DIR  where the data folders and SQLite stores go (default: $TMPDIR, else /tmp).
#   POSTGRES_URL the server to use, e.g. postgresql://postgres@127.0.0.1:5432/postgres: a
#                database is created on it per run, and dropped (needs psql). Default:
#                $UTMOST_TEST_POSTGRES_URL, else a throwaway cluster (.ci/postgres.sh)
#                on this machine, stopped at the end.
#   TIERS        tiers to run, default "M" (S 10k contacts, M 100k, L 1M).
#   RUNS         runs per measurement, default 3.
#   UTMOST       the binary, default .build/release/utmost (built when missing).
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
scratch="${1:-${TMPDIR:-/tmp}}/utmost-team-store"
tiers="${TIERS:-M}"
runs="${RUNS:-3}"
utmost="${UTMOST:-$repo/.build/release/utmost}"
as_of="2025-01-01T00:00:00Z"

case "$scratch" in "$repo"/*) echo "team-store.sh: put the scratch folder outside the repository" >&2; exit 2 ;; esac
command -v psql >/dev/null || { echo "team-store.sh: needs psql (apt-get install postgresql-client)" >&2; exit 2; }
if [ ! -x "$utmost" ]; then
    echo "building $utmost ..." >&2
    (cd "$repo" && swift build -c release >&2)
fi
mkdir -p "$scratch"

server="${POSTGRES_URL:-${UTMOST_TEST_POSTGRES_URL:-}}"
if [ -z "$server" ]; then
    . "$repo/.ci/postgres.sh"
    trap stop_test_postgres EXIT
    start_test_postgres >&2
    server="$UTMOST_TEST_POSTGRES_URL"
fi
# The URL of database $1 on the server (the server URL's own database replaced).
database_url() { sed -E "s#^(postgresql://[^/]*)/[^?]*#\1/$1#" <<<"$server"; }
contacts_of() { case "$1" in S) echo 10000 ;; M) echo 100000 ;; L) echo 1000000 ;; *) echo "unknown tier $1" >&2; exit 2 ;; esac; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# Wall-clock seconds of a command, its output thrown away.
wall() {
    local start end
    start=$(date +%s.%N)
    "$@" >/dev/null 2>>"$scratch/stderr.log"
    end=$(date +%s.%N)
    awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f\n", b - a }'
}
# "READ COMPUTE" seconds, from `report --timings`.
report_timings() {
    "$utmost" report --format json --timings --as-of "$as_of" --db "$1" 2>&1 >/dev/null \
        | sed -nE 's/^utmost: read the store in ([0-9.]+) s, computed the report in ([0-9.]+) s .*$/\1 \2/p'
}
fresh_database() {
    psql -q "$server" -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1" >/dev/null
}

rows=()
for tier in $tiers; do
    folder="$scratch/$tier"
    store="$scratch/$tier.sqlite"
    db="utmost_bench_$(tr 'A-Z' 'a-z' <<<"$tier")"
    echo "== $tier: $(contacts_of "$tier") contacts, $runs runs" >&2
    [ -f "$folder/events.csv" ] || "$utmost" generate "$folder" --contacts "$(contacts_of "$tier")" --seed 1 >/dev/null
    events=$(($(wc -l <"$folder/events.csv") - 1))

    sqlite_import=() postgres_import=() sqlite_read=() postgres_read=() sqlite_compute=() postgres_compute=()
    for ((r = 1; r <= runs; r++)); do
        rm -f "$store" "$store-wal" "$store-shm"
        w=$(wall "$utmost" import "$folder" --db "$store" --now "$as_of")
        echo "import SQLite run $r: ${w}s" >&2
        sqlite_import+=("$w")
        fresh_database "$db"
        w=$(wall "$utmost" import "$folder" --db "$(database_url "$db")" --now "$as_of")
        echo "import PostgreSQL run $r: ${w}s" >&2
        postgres_import+=("$w")
    done
    for ((r = 1; r <= runs; r++)); do
        read -r loaded computed < <(report_timings "$store")
        echo "report SQLite run $r: read ${loaded}s, compute ${computed}s" >&2
        sqlite_read+=("$loaded"); sqlite_compute+=("$computed")
        read -r loaded computed < <(report_timings "$(database_url "$db")")
        echo "report PostgreSQL run $r: read ${loaded}s, compute ${computed}s" >&2
        postgres_read+=("$loaded"); postgres_compute+=("$computed")
    done
    psql -q "$server" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null

    si=$(printf '%s\n' "${sqlite_import[@]}" | median); pi=$(printf '%s\n' "${postgres_import[@]}" | median)
    sr=$(printf '%s\n' "${sqlite_read[@]}" | median); pr=$(printf '%s\n' "${postgres_read[@]}" | median)
    sc=$(printf '%s\n' "${sqlite_compute[@]}" | median); pc=$(printf '%s\n' "${postgres_compute[@]}" | median)
    ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
    rows+=("| $tier | $events | ${si} s | ${pi} s | $(ratio "$pi" "$si")× | ${sr} s | ${pr} s | $(ratio "$pr" "$sr")× | ${sc} s | ${pc} s |")
done

echo
echo "Team store against the SQLite file, medians of $runs runs ($(date -u +%Y-%m-%d), $(nproc) cores, $(uname -m), PostgreSQL on this machine; \`$0\`)"
echo
echo "| tier | events | import SQLite | import PostgreSQL | ratio | load SQLite | load PostgreSQL | ratio | compute (SQLite) | compute (PostgreSQL) |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
