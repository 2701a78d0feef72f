# Sourced by .ci/run: a throwaway PostgreSQL cluster for the tests of the team store.
#
# start_test_postgres installs PostgreSQL when it is missing (Debian's postgresql and
# postgresql-contrib, which has btree_gist), makes a cluster in a temporary folder
# (initdb, as the postgres user when run as root, since initdb refuses root), listening
# on 127.0.0.1 on a free port with trust authentication, TLS on (a self-signed
# certificate, for sslmode=require) and one role that must give its password
# (utmost_password_test, for the login tests), starts it and exports its URL as
# UTMOST_TEST_POSTGRES_URL. It fails, and so does CI, when the server cannot start.
# stop_test_postgres stops it and removes the folder; .ci/run traps it on exit.

pg_bindir() {
    local dir
    dir="$(pg_config --bindir 2>/dev/null || true)"
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return; fi
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$dir/initdb" ]; then echo "$dir"; return; fi
    done
}

# Whether the server can hold R7 (the btree_gist extension of postgresql-contrib).
has_btree_gist() {
    ls "$(pg_config --sharedir 2>/dev/null)/extension/btree_gist.control" /usr/share/postgresql/*/extension/btree_gist.control \
        2>/dev/null | grep -q .
}

# Runs a command as the cluster's owner: the postgres user when we are root.
as_cluster_owner() {
    if [ "$(id -u)" = 0 ]; then
        if command -v runuser >/dev/null 2>&1; then runuser -u postgres -- "$@"; else su postgres -s /bin/sh -c "$(printf '%q ' "$@")"; fi
    else
        "$@"
    fi
}

# A TCP port on 127.0.0.1 that nothing listens on.
free_port() {
    local port
    for port in $(seq 54320 54999); do
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
    done
    echo "no free port between 54320 and 54999" >&2
    return 1
}

start_test_postgres() {
    local bin
    bin="$(pg_bindir)"
    if [ -z "$bin" ] || ! has_btree_gist; then
        apt-get update
        DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql postgresql-contrib
        bin="$(pg_bindir)"
    fi
    [ -n "$bin" ] || { echo ".ci/run: PostgreSQL's initdb is not installed" >&2; return 1; }

    PG_TEST_DIR="$(mktemp -d /tmp/utmost-postgres.XXXXXX)"
    chmod 755 "$PG_TEST_DIR"
    if [ "$(id -u)" = 0 ]; then chown postgres "$PG_TEST_DIR"; fi
    local data="$PG_TEST_DIR/data" port
    port="$(free_port)"
    as_cluster_owner "$bin/initdb" -D "$data" -U postgres -A trust -E UTF8 --no-locale >"$PG_TEST_DIR/initdb.log" 2>&1 \
        || { cat "$PG_TEST_DIR/initdb.log" >&2; return 1; }
    # The password role first: every other login is trusted.
    as_cluster_owner sh -c "cat > '$data/pg_hba.conf'" <<HBA
local all all trust
host all utmost_password_test 127.0.0.1/32 scram-sha-256
host all all 127.0.0.1/32 trust
host all all ::1/128 trust
HBA
    as_cluster_owner openssl req -new -x509 -days 2 -nodes -subj "/CN=localhost" \
        -keyout "$data/server.key" -out "$data/server.crt" >/dev/null 2>&1
    as_cluster_owner chmod 600 "$data/server.key"
    as_cluster_owner "$bin/pg_ctl" -D "$data" -l "$PG_TEST_DIR/server.log" -w -t 60 \
        -o "-p $port -k $PG_TEST_DIR -c listen_addresses=127.0.0.1 -c ssl=on -c fsync=off -c synchronous_commit=off -c max_connections=200" \
        start >/dev/null || { cat "$PG_TEST_DIR/server.log" >&2; return 1; }
    PG_TEST_BIN="$bin"
    export UTMOST_TEST_POSTGRES_URL="postgresql://postgres@127.0.0.1:$port/postgres"
    echo ".ci/run: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') for the tests at $UTMOST_TEST_POSTGRES_URL"
}

stop_test_postgres() {
    [ -n "${PG_TEST_DIR:-}" ] || return 0
    as_cluster_owner "$PG_TEST_BIN/pg_ctl" -D "$PG_TEST_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_TEST_DIR"
}
