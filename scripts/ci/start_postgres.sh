#!/usr/bin/env bash
# Start (or reuse) a private PostgreSQL server on loopback for the lead-scoring project.
#
# Usage: scripts/ci/start_postgres.sh [--stop] [--env] [--help]
#
#   (no option)  install PostgreSQL from Debian packages when missing (needs root and apt-get),
#                create a cluster in $PG_DATA_DIR owned by the postgres user, start it on
#                127.0.0.1:$PGPORT, create the database $PGDATABASE and the login role $PGUSER
#                (password $PGPASSWORD), then print the PG* variables to export.
#                Running it again while the server is up only prints the variables.
#   --env        print the export lines only (eval "$(scripts/ci/start_postgres.sh --env)")
#   --stop       stop the server started from $PG_DATA_DIR (nothing happens when it is down)
#   --help       this text
#
# Settings (environment, with defaults):
#   PG_DATA_DIR  /tmp/lead_scoring_pg      data folder of the private cluster
#   PGPORT       55432                      port on 127.0.0.1
#   PGUSER       lead_scoring               role dbt and the loader connect as (superuser)
#   PGPASSWORD   lead_scoring_dev           its password (a local development value only)
#   PGDATABASE   lead_scoring               database
#
# The server trusts nobody but local password logins (scram-sha-256 on 127.0.0.1 only).
set -euo pipefail

PG_DATA_DIR="${PG_DATA_DIR:-/tmp/lead_scoring_pg}"
export PGHOST=127.0.0.1
export PGPORT="${PGPORT:-55432}"
export PGUSER="${PGUSER:-lead_scoring}"
export PGPASSWORD="${PGPASSWORD:-lead_scoring_dev}"
export PGDATABASE="${PGDATABASE:-lead_scoring}"

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; }

print_env() {
    printf 'export PGHOST=%q PGPORT=%q PGUSER=%q PGPASSWORD=%q PGDATABASE=%q\n' \
        "$PGHOST" "$PGPORT" "$PGUSER" "$PGPASSWORD" "$PGDATABASE"
}

pg_bin() {
    local dir
    for dir in /usr/lib/postgresql/*/bin; do
        [ -x "$dir/pg_ctl" ] && { echo "$dir"; return 0; }
    done
    return 1
}

as_postgres() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
    -h|--help) usage; exit 0 ;;
    --env) print_env; exit 0 ;;
    --stop)
        if BIN=$(pg_bin) && [ -f "$PG_DATA_DIR/postmaster.pid" ]; then
            as_postgres "$BIN/pg_ctl" -D "$PG_DATA_DIR" -m fast -w stop >&2 || true
        fi
        exit 0 ;;
    "") ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
esac

if ! BIN=$(pg_bin); then
    echo "== installing PostgreSQL from Debian packages" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
    BIN=$(pg_bin)
fi

if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
    useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
fi

if [ ! -f "$PG_DATA_DIR/PG_VERSION" ]; then
    echo "== creating cluster in $PG_DATA_DIR" >&2
    mkdir -p "$PG_DATA_DIR"
    [ "$(id -u)" = 0 ] && chown postgres: "$PG_DATA_DIR"
    chmod 700 "$PG_DATA_DIR"
    as_postgres "$BIN/initdb" -D "$PG_DATA_DIR" -U postgres --auth-local=trust \
        --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
    cat >>"$PG_DATA_DIR/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PGPORT
unix_socket_directories = '$PG_DATA_DIR'
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
fi

if ! as_postgres "$BIN/pg_ctl" -D "$PG_DATA_DIR" status >/dev/null 2>&1; then
    echo "== starting PostgreSQL on 127.0.0.1:$PGPORT" >&2
    as_postgres "$BIN/pg_ctl" -D "$PG_DATA_DIR" -l "$PG_DATA_DIR/server.log" -w -t 30 start >/dev/null
fi

# Role and database (idempotent), through the cluster's own socket as the superuser postgres.
admin() { as_postgres "$BIN/psql" -h "$PG_DATA_DIR" -p "$PGPORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtAX "$@"; }
admin -v user="$PGUSER" -v password="$PGPASSWORD" <<'SQL'
select format('create role %I login superuser', :'user')
where not exists (select from pg_roles where rolname = :'user') \gexec
select format('alter role %I with login superuser password %L', :'user', :'password') \gexec
SQL
if [ -z "$(admin -c "select 1 from pg_database where datname = '$PGDATABASE'")" ]; then
    admin -c "create database \"$PGDATABASE\" owner \"$PGUSER\""
fi
echo "== PostgreSQL ready: $PGUSER@$PGHOST:$PGPORT/$PGDATABASE" >&2
print_env
