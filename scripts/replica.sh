#!/usr/bin/env bash
# A streaming replica of the local PostgreSQL server on this machine, for trying DATABASE_READ_URL
# and for running the load benchmark against a primary plus a replica (docs/deploy.md, "Several
# app processes and a read replica"). Run as root or as the postgres user.
#
#   scripts/replica.sh setup        a second cluster on REPLICA_PORT, copied from the primary with
#                                   pg_basebackup -R and kept in step by streaming replication
#   scripts/replica.sh status       the primary's view of the replica and the replica's lag
#   scripts/replica.sh check        lists and dashboards read on the replica, writes on the primary
#   scripts/replica.sh bench [ARGS] the load benchmark with DATABASE_URL on the primary and
#                                   DATABASE_READ_URL on the replica (ARGS go to bench/load.ts)
#   scripts/replica.sh remove       stop and delete the replica cluster and its replication slot
#
# Settings (environment): PRIMARY_HOST (127.0.0.1), PRIMARY_PORT (the port of cluster "main"),
# REPLICA_PORT (5433), PGUSER (postgres), PGPASSWORD (postgres), DATABASE (gonghui), the
# database the app uses; the replica copies every database of the primary.
set -euo pipefail
cd "$(dirname "$0")/.."

PG_VERSION=${PG_VERSION:-$(ls /etc/postgresql 2>/dev/null | sort -n | tail -1)}
CLUSTER=${REPLICA_CLUSTER:-replica}
SLOT=gonghui_replica
PRIMARY_HOST=${PRIMARY_HOST:-127.0.0.1}
PRIMARY_PORT=${PRIMARY_PORT:-$(pg_lsclusters -h 2>/dev/null | awk -v v="$PG_VERSION" '$1==v && $2=="main" {print $3}')}
PRIMARY_PORT=${PRIMARY_PORT:-5432}
REPLICA_PORT=${REPLICA_PORT:-5433}
export PGUSER=${PGUSER:-postgres}
export PGPASSWORD=${PGPASSWORD:-postgres}
DATABASE=${DATABASE:-gonghui}

primary_url="postgres://${PGUSER}:${PGPASSWORD}@${PRIMARY_HOST}:${PRIMARY_PORT}/${DATABASE}"
# The read pool names itself, so that the replica's pg_stat_activity shows its connections.
replica_url="postgres://${PGUSER}:${PGPASSWORD}@127.0.0.1:${REPLICA_PORT}/${DATABASE}?application_name=gonghui-read"

on_primary() { psql -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -d postgres -qAtX -v ON_ERROR_STOP=1 -c "$1"; }
on_replica() { psql -h 127.0.0.1 -p "$REPLICA_PORT" -d postgres -qAtX -v ON_ERROR_STOP=1 -c "$1"; }
as_postgres() { if [ "$(id -un)" = postgres ]; then "$@"; else su postgres -c "$(printf '%q ' "$@")"; fi; }

need_debian_tools() {
  command -v pg_createcluster >/dev/null || {
    echo "pg_createcluster is missing (Debian/Ubuntu postgresql-common). Elsewhere: pg_basebackup -h PRIMARY -D DIR -R -X stream -S $SLOT, then pg_ctl -D DIR -o '-p $REPLICA_PORT' start." >&2
    exit 1
  }
}

setup() {
  need_debian_tools
  if pg_lsclusters -h | awk '{print $1, $2}' | grep -qx "$PG_VERSION $CLUSTER"; then
    echo "The cluster $PG_VERSION/$CLUSTER exists already (scripts/replica.sh remove deletes it)."
    status
    return
  fi
  echo "== primary $PRIMARY_HOST:$PRIMARY_PORT: a replication slot keeps the WAL the replica has not received"
  [ "$(on_primary "select current_setting('wal_level')")" != minimal ] || {
    echo "The primary has wal_level = minimal; set it to replica and restart it." >&2
    exit 1
  }
  on_primary "select pg_create_physical_replication_slot('$SLOT') where not exists (select from pg_replication_slots where slot_name = '$SLOT')" >/dev/null

  echo "== replica $PG_VERSION/$CLUSTER on port $REPLICA_PORT: pg_basebackup -R (a standby that streams from the slot)"
  as_postgres pg_createcluster "$PG_VERSION" "$CLUSTER" -p "$REPLICA_PORT" >/dev/null
  local data
  data=$(pg_lsclusters -h | awk -v v="$PG_VERSION" -v c="$CLUSTER" '$1==v && $2==c {print $6}')
  as_postgres rm -rf "$data"
  as_postgres env PGPASSWORD="$PGPASSWORD" pg_basebackup -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -U "$PGUSER" \
    -D "$data" -R -X stream -S "$SLOT" --checkpoint=fast
  # A long list on the replica is not cancelled by the primary's vacuum (the primary keeps the
  # rows the replica still reads instead).
  printf 'hot_standby = on\nhot_standby_feedback = on\n' |
    as_postgres tee "/etc/postgresql/$PG_VERSION/$CLUSTER/conf.d/gonghui-replica.conf" >/dev/null
  pg_ctlcluster "$PG_VERSION" "$CLUSTER" start
  for _ in $(seq 1 30); do
    [ "$(on_replica 'select pg_is_in_recovery()' 2>/dev/null)" = t ] && break
    sleep 1
  done
  status
  cat <<EOF

The app with the replica taking the lists and dashboards:
  DATABASE_URL=$primary_url \\
  DATABASE_READ_URL='$replica_url' \\
  npm start -- --no-demo
EOF
}

status() {
  echo "== the primary's view (pg_stat_replication)"
  on_primary "select application_name || ' ' || state || ', sent ' || sent_lsn || ', replayed ' || coalesce(replay_lsn::text, '-') || ', replay lag ' || coalesce(replay_lag::text, '0') from pg_stat_replication"
  echo "== the replica on port $REPLICA_PORT"
  on_replica "select 'in recovery: ' || pg_is_in_recovery() || ', last replayed transaction ' || coalesce(round(extract(epoch from now() - pg_last_xact_replay_timestamp()) * 1000)::text || ' ms ago', 'none yet')"
}

check() {
  DATABASE_URL=$primary_url DATABASE_READ_URL=$replica_url node --import tsx scripts/replica-check.ts
}

bench() {
  # The benchmark's server opens the database as the app does, with its read pool on the replica.
  # --no-write: the section of bench/RESULTS.md stays the primary's own; ARGS may add to it.
  DATABASE_READ_URL=$replica_url npm run bench:load -- --database-url "$primary_url" --no-write "$@"
}

remove() {
  need_debian_tools
  if pg_lsclusters -h | awk '{print $1, $2}' | grep -qx "$PG_VERSION $CLUSTER"; then
    pg_dropcluster --stop "$PG_VERSION" "$CLUSTER"
  fi
  on_primary "select pg_drop_replication_slot('$SLOT') from pg_replication_slots where slot_name = '$SLOT'" >/dev/null
  echo "The replica and its slot are removed."
}

case "${1:-}" in
  setup | status | check | remove) "$1" ;;
  bench) shift && bench "$@" ;;
  *)
    sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
