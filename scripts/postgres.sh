#!/usr/bin/env bash
# Provides a PostgreSQL 17 server with the pgvector extension for ProjectSpark's tests.
#
#   scripts/postgres.sh          start (or reuse) a server; prints ONE line on stdout: a Npgsql connection string
#   scripts/postgres.sh stop     stop the server this script started (on PROJECTSPARK_PG_PORT)
#   scripts/postgres.sh status   exit 0 if a server started by this script is running and healthy
#
# Everything except the connection string goes to stderr.
#
# Order of preference:
#   a. PROJECTSPARK_TEST_POSTGRES is set: print it, done.
#   b. A Docker engine answers: run pgvector/pgvector:pg17 on 127.0.0.1:PORT.
#   c. Debian/Ubuntu as root: PostgreSQL 17 + pgvector from a cached Debian trixie chroot (debootstrap).
#   d. Otherwise: fail with instructions.
#
# Environment:
#   PROJECTSPARK_TEST_POSTGRES     use this connection string as is
#   PROJECTSPARK_PG_PORT           loopback port (default 55432)
#   PROJECTSPARK_PG_CHROOT         chroot cache dir (default /var/cache/projectspark/pg17-trixie)
#   PROJECTSPARK_PG_STATE_DIR      where state/lock files live (default /tmp/projectspark-pg-<uid>)
#   PROJECTSPARK_DEBIAN_MIRROR     Debian mirror for debootstrap (default http://deb.debian.org/debian)
#   PROJECTSPARK_PG_STARTED_MARKER if set, the word "started" is written to this file when this run started a
#                                  new server (as opposed to reusing one), so callers know whether to stop it.
#   PROJECTSPARK_PG_NO_DOCKER=1    skip the Docker option
set -euo pipefail

PORT="${PROJECTSPARK_PG_PORT:-55432}"
CHROOT="${PROJECTSPARK_PG_CHROOT:-/var/cache/projectspark/pg17-trixie}"
CHROOT="${CHROOT%/}"
STATE_DIR="${PROJECTSPARK_PG_STATE_DIR:-/tmp/projectspark-pg-$(id -u)}"
MIRROR="${PROJECTSPARK_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
STATE_FILE="$STATE_DIR/port-$PORT.state"
PORT_LOCK="$STATE_DIR/port-$PORT.lock"
PG_USER=postgres
PG_PASSWORD=postgres
PG_DB=postgres
PG_BIN=/usr/lib/postgresql/17/bin
DOCKER_IMAGE=pgvector/pgvector:pg17
CONTAINER="projectspark-pg-$PORT"
COMPLETE_MARKER=.projectspark-pg17-complete
# Inside the chroot:
DATA_DIR="/tmp/projectspark-pg-$PORT"
LOG_FILE="/tmp/projectspark-pg-$PORT.log"
CONN="Host=127.0.0.1;Port=$PORT;Username=$PG_USER;Password=$PG_PASSWORD;Database=$PG_DB"

log() { printf '[postgres.sh] %s\n' "$*" >&2; }
die() { printf '[postgres.sh] ERROR: %s\n' "$*" >&2; exit 1; }

[[ "$PORT" =~ ^[0-9]+$ ]] && (( PORT > 0 && PORT < 65536 )) || die "PROJECTSPARK_PG_PORT must be a port number, got '$PORT'"

# Clean environment for commands run inside the chroot (the host's PATH/locale may not exist there).
CHROOT_ENV=(env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 LC_ALL=C.UTF-8
            HOME=/root DEBIAN_FRONTEND=noninteractive TERM=dumb)

mark_started() {
  if [[ -n "${PROJECTSPARK_PG_STARTED_MARKER:-}" ]]; then
    printf 'started\n' >"$PROJECTSPARK_PG_STARTED_MARKER"
  fi
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; }

docker_ok() { command -v docker >/dev/null 2>&1 && timeout 5 docker info >/dev/null 2>&1; }

can_chroot() { [[ -f /etc/debian_version && "$(id -u)" == 0 ]] && command -v chroot >/dev/null 2>&1; }

state_get() { # state_get KEY -> value from the state file (empty if missing)
  [[ -f "$STATE_FILE" ]] || return 0
  sed -n "s/^$1=//p" "$STATE_FILE" | tail -n1
}

lock_port() {
  mkdir -p "$STATE_DIR"
  exec 8>"$PORT_LOCK"
  if ! flock -w 900 8; then die "timed out waiting for lock $PORT_LOCK"; fi
}

# ---------------------------------------------------------------------------------------------------------------
# psql checks (host psql if present; otherwise the chroot's or the container's)
# ---------------------------------------------------------------------------------------------------------------
PSQL_MODE=host
run_psql() { # run_psql SQL -> stdout of psql -qAt
  local sql="$1"
  case "$PSQL_MODE" in
    host)
      PGPASSWORD="$PG_PASSWORD" PGCONNECT_TIMEOUT=5 psql -X -v ON_ERROR_STOP=1 -qAt \
        -h 127.0.0.1 -p "$PORT" -U "$PG_USER" -d "$PG_DB" -c "$sql" 8>&- 9>&- ;;
    chroot)
      chroot "$CHROOT" "${CHROOT_ENV[@]}" PGPASSWORD="$PG_PASSWORD" PGCONNECT_TIMEOUT=5 \
        /usr/bin/psql -X -v ON_ERROR_STOP=1 -qAt -h 127.0.0.1 -p "$PORT" -U "$PG_USER" -d "$PG_DB" -c "$sql" 8>&- 9>&- ;;
    docker)
      docker exec -e PGPASSWORD="$PG_PASSWORD" "$CONTAINER" \
        psql -X -v ON_ERROR_STOP=1 -qAt -h 127.0.0.1 -p 5432 -U "$PG_USER" -d "$PG_DB" -c "$sql" 8>&- 9>&- ;;
  esac
}

verify_vector() {
  local out version
  version="$(run_psql 'SHOW server_version')" || die "cannot query the server on 127.0.0.1:$PORT"
  [[ "$version" == 17.* ]] || die "server on 127.0.0.1:$PORT is PostgreSQL $version, expected 17.x"
  if ! out="$(run_psql "SET client_min_messages = warning; CREATE EXTENSION IF NOT EXISTS vector; SELECT '[1,2,3]'::vector <=> '[1,2,4]'::vector;" 2>&1)"; then
    die "the pgvector extension is not usable on 127.0.0.1:$PORT: $out"
  fi
  log "PostgreSQL $version on 127.0.0.1:$PORT; pgvector $(run_psql "SELECT extversion FROM pg_extension WHERE extname='vector'") ok (cosine distance check = $out)"
}

healthy() { # quick check used for reuse decisions
  port_open && run_psql 'SELECT 1' >/dev/null 2>&1
}

# ---------------------------------------------------------------------------------------------------------------
# Docker
# ---------------------------------------------------------------------------------------------------------------
docker_container_ours() {
  [[ "$(docker inspect -f '{{ index .Config.Labels "projectspark" }}' "$CONTAINER" 2>/dev/null)" == postgres ]]
}

docker_start() {
  command -v psql >/dev/null 2>&1 && PSQL_MODE=host || PSQL_MODE=docker
  if docker_container_ours && [[ "$(docker inspect -f '{{.State.Running}}' "$CONTAINER")" == true ]] && healthy; then
    log "reusing running container $CONTAINER"
    verify_vector
    printf '%s\n' "$CONN"
    return
  fi
  if docker inspect "$CONTAINER" >/dev/null 2>&1; then
    docker_container_ours || die "a container named $CONTAINER exists but was not started by this script"
    log "removing stale container $CONTAINER"
    docker rm -f "$CONTAINER" >/dev/null
  fi
  port_open && die "port 127.0.0.1:$PORT is already in use by something else; set PROJECTSPARK_PG_PORT"
  log "starting $DOCKER_IMAGE as $CONTAINER on 127.0.0.1:$PORT"
  docker run -d --name "$CONTAINER" --label projectspark=postgres \
    -e POSTGRES_PASSWORD="$PG_PASSWORD" -e POSTGRES_USER="$PG_USER" -e POSTGRES_DB="$PG_DB" \
    -p "127.0.0.1:$PORT:5432" --tmpfs /var/lib/postgresql/data:rw \
    "$DOCKER_IMAGE" -c fsync=off -c max_connections=300 >/dev/null 8>&- 9>&- \
    || die "docker run $DOCKER_IMAGE failed"
  { echo "mode=docker"; echo "port=$PORT"; echo "container=$CONTAINER"; } >"$STATE_FILE"
  mark_started
  local i
  for ((i = 0; i < 120; i++)); do
    # -h 127.0.0.1 inside the container only answers once the image's init scripts are done
    if docker exec "$CONTAINER" pg_isready -q -h 127.0.0.1 -p 5432 -U "$PG_USER" >/dev/null 2>&1 && healthy; then
      verify_vector
      printf '%s\n' "$CONN"
      return
    fi
    sleep 1
  done
  docker logs --tail 50 "$CONTAINER" >&2 || true
  die "container $CONTAINER did not become ready within 120 s"
}

docker_stop() {
  if docker_container_ours; then
    log "removing container $CONTAINER"
    docker rm -f "$CONTAINER" >/dev/null
  else
    log "container $CONTAINER not found (already stopped)"
  fi
}

# ---------------------------------------------------------------------------------------------------------------
# Debian trixie chroot
# ---------------------------------------------------------------------------------------------------------------
umount_under() { # unmount everything mounted at or below $1, deepest first
  local root="$1" m
  root="$(realpath -m "$root")"
  awk -v r="$root" '$2 == r || index($2, r "/") == 1 { print $2 }' /proc/self/mounts | sort -r | while read -r m; do
    m="$(printf '%b' "$m")" # /proc/mounts escapes spaces as \040
    umount "$m" 2>/dev/null || umount -l "$m" || true
  done
}

remove_tree() { # safely remove a (partial) chroot: never follow into mounts
  local d="$1"
  [[ -n "$d" && "$d" != / && -d "$d" ]] || return 0
  umount_under "$d"
  rm -rf --one-file-system "$d"
}

chroot_complete() { [[ -f "$CHROOT/$COMPLETE_MARKER" && -x "$CHROOT$PG_BIN/postgres" && -f "$CHROOT/usr/share/postgresql/17/extension/vector.control" ]]; }

BUILD_TMP=""
cleanup_build() {
  if [[ -n "$BUILD_TMP" && -d "$BUILD_TMP" ]]; then
    log "removing incomplete chroot $BUILD_TMP"
    remove_tree "$BUILD_TMP"
  fi
}

ensure_chroot() {
  chroot_complete && return 0
  local parent lock
  parent="$(dirname "$CHROOT")"
  mkdir -p "$parent"
  lock="$CHROOT.lock"
  exec 9>"$lock"
  log "waiting for chroot build lock $lock"
  flock -w 1800 9 || die "timed out waiting for $lock"
  if chroot_complete; then exec 9>&-; return 0; fi # another run built it meanwhile
  if [[ -e "$CHROOT" ]]; then
    die "$CHROOT exists but is not a complete ProjectSpark chroot (no $COMPLETE_MARKER); remove it or set PROJECTSPARK_PG_CHROOT"
  fi
  # Leftovers of interrupted builds (we hold the lock, so nobody else is building).
  local old
  for old in "$CHROOT".tmp.*; do
    [[ -d "$old" ]] && { log "removing leftover $old"; remove_tree "$old"; }
  done

  if ! command -v debootstrap >/dev/null 2>&1; then
    log "installing debootstrap on the host"
    DEBIAN_FRONTEND=noninteractive apt-get install -y debootstrap >&2 9>&- \
      || { DEBIAN_FRONTEND=noninteractive apt-get update >&2 9>&- && DEBIAN_FRONTEND=noninteractive apt-get install -y debootstrap >&2 9>&-; } \
      || die "could not install debootstrap"
  fi
  local keyring_args=()
  if [[ -f /usr/share/keyrings/debian-archive-keyring.gpg ]]; then
    keyring_args=(--keyring=/usr/share/keyrings/debian-archive-keyring.gpg)
  fi

  BUILD_TMP="$(mktemp -d "$CHROOT.tmp.XXXXXX")"
  chmod 755 "$BUILD_TMP"
  trap 'cleanup_build' EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  local t0=$SECONDS
  log "building Debian trixie chroot in $BUILD_TMP (first run only, about a minute)"
  debootstrap --variant=minbase "${keyring_args[@]}" trixie "$BUILD_TMP" "$MIRROR" >&2 9>&- \
    || die "debootstrap trixie failed (see output above)"
  mkdir -p "$BUILD_TMP/etc/postgresql-common"
  printf 'create_main_cluster = false\n' >"$BUILD_TMP/etc/postgresql-common/createcluster.conf"
  printf '#!/bin/sh\nexit 101\n' >"$BUILD_TMP/usr/sbin/policy-rc.d"
  chmod 755 "$BUILD_TMP/usr/sbin/policy-rc.d"
  log "installing postgresql-17 and postgresql-17-pgvector in the chroot"
  chroot "$BUILD_TMP" "${CHROOT_ENV[@]}" apt-get update >&2 9>&- || die "apt-get update in the chroot failed"
  chroot "$BUILD_TMP" "${CHROOT_ENV[@]}" apt-get install -y --no-install-recommends \
    postgresql-17 postgresql-17-pgvector >&2 9>&- || die "apt-get install in the chroot failed"
  chroot "$BUILD_TMP" "${CHROOT_ENV[@]}" apt-get clean >&2 9>&- || true
  umount_under "$BUILD_TMP" # debootstrap/apt should not leave mounts behind; make sure
  [[ -x "$BUILD_TMP$PG_BIN/postgres" ]] || die "postgres binary missing after install"
  [[ -f "$BUILD_TMP/usr/share/postgresql/17/extension/vector.control" ]] || die "pgvector missing after install"
  date -u +%FT%TZ >"$BUILD_TMP/$COMPLETE_MARKER"
  mv -T "$BUILD_TMP" "$CHROOT"
  BUILD_TMP=""
  trap - EXIT INT TERM
  log "chroot ready at $CHROOT ($((SECONDS - t0)) s)"
  exec 9>&-
}

as_postgres() { # run a command as the postgres user inside the chroot
  # Close every inherited fd above 2 first: the postmaster outlives this script and must not keep our lock files
  # (fd 8/9) or a caller's pipes open (that would hang `$(scripts/postgres.sh)` or a CI step).
  (
    for fd in /proc/"$BASHPID"/fd/*; do
      fd="${fd##*/}"
      [[ "$fd" =~ ^[0-9]+$ ]] && (( fd > 2 )) && eval "exec $fd>&-" 2>/dev/null
    done
    exec chroot "$CHROOT" "${CHROOT_ENV[@]}" HOME=/var/lib/postgresql runuser -u postgres -- "$@"
  )
}

# pid of our postmaster if it is running inside our chroot with our data dir, else empty
chroot_postmaster_pid() {
  local pidfile="$CHROOT$DATA_DIR/postmaster.pid" pid root
  [[ -f "$pidfile" ]] || return 0
  pid="$(head -n1 "$pidfile" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  root="$(readlink "/proc/$pid/root" 2>/dev/null || true)"
  [[ "$root" == "$(realpath "$CHROOT")" ]] || return 0
  [[ "$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" == *postgres* ]] || return 0
  echo "$pid"
}

chroot_stop_server() { # $1 = fast|immediate
  local pid
  pid="$(chroot_postmaster_pid)"
  if [[ -n "$pid" ]]; then
    log "stopping PostgreSQL (pid $pid) on 127.0.0.1:$PORT"
    as_postgres "$PG_BIN/pg_ctl" -D "$DATA_DIR" -m "$1" -w -t 60 stop >&2 \
      || { log "pg_ctl stop failed; sending SIGQUIT to $pid"; kill -QUIT "$pid" 2>/dev/null || true; sleep 1; }
  else
    log "no server started by this script is running on port $PORT"
  fi
}

chroot_start() {
  PSQL_MODE=host
  command -v psql >/dev/null 2>&1 || PSQL_MODE=chroot
  local pid
  pid="$(chroot_postmaster_pid)"
  if [[ -n "$pid" ]]; then
    if healthy; then
      log "reusing running PostgreSQL (pid $pid) on 127.0.0.1:$PORT"
      verify_vector
      printf '%s\n' "$CONN"
      return
    fi
    log "server pid $pid on port $PORT is not answering; restarting it"
    chroot_stop_server immediate
  fi
  port_open && die "port 127.0.0.1:$PORT is already in use by a server this script did not start; set PROJECTSPARK_PG_PORT to a free port"

  ensure_chroot
  local t0=$SECONDS
  # /proc is deliberately not mounted in the chroot: runuser, initdb, pg_ctl and postgres 17 were checked to work
  # without it, so there is no mount to leak or to clean up.

  # Fresh data dir every start.
  rm -rf --one-file-system "${CHROOT:?}$DATA_DIR"
  mkdir -p "$CHROOT$DATA_DIR"
  chroot "$CHROOT" chown postgres:postgres "$DATA_DIR"
  chmod 700 "$CHROOT$DATA_DIR"
  local pwfile="/tmp/projectspark-pg-$PORT.pw"
  printf '%s\n' "$PG_PASSWORD" >"$CHROOT$pwfile"
  chroot "$CHROOT" chown postgres:postgres "$pwfile"
  chmod 600 "$CHROOT$pwfile"
  log "initdb $DATA_DIR (inside $CHROOT)"
  local initdb_out
  if ! initdb_out="$(as_postgres "$PG_BIN/initdb" -D "$DATA_DIR" -U "$PG_USER" --pwfile="$pwfile" \
      --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 --no-sync 2>&1)"; then
    printf '%s\n' "$initdb_out" >&2
    rm -f "$CHROOT$pwfile"
    die "initdb failed"
  fi
  rm -f "$CHROOT$pwfile"
  # Loopback only (listen_addresses is also passed on the command line).
  printf 'host all all 127.0.0.1/32 scram-sha-256\n' >"$CHROOT$DATA_DIR/pg_hba.conf.tmp"
  printf 'local all all trust\n' >>"$CHROOT$DATA_DIR/pg_hba.conf.tmp"
  chroot "$CHROOT" chown postgres:postgres "$DATA_DIR/pg_hba.conf.tmp"
  mv -f "$CHROOT$DATA_DIR/pg_hba.conf.tmp" "$CHROOT$DATA_DIR/pg_hba.conf"

  log "starting PostgreSQL 17 on 127.0.0.1:$PORT (log: $CHROOT$LOG_FILE)"
  if ! as_postgres "$PG_BIN/pg_ctl" -D "$DATA_DIR" -l "$LOG_FILE" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $PORT -k /tmp -c fsync=off -c dynamic_shared_memory_type=mmap -c max_connections=300" \
      start >&2 </dev/null; then
    tail -n 30 "$CHROOT$LOG_FILE" >&2 || true
    die "pg_ctl start failed"
  fi
  pid="$(chroot_postmaster_pid)"
  [[ -n "$pid" ]] || { tail -n 30 "$CHROOT$LOG_FILE" >&2 || true; die "server did not stay up"; }
  { echo "mode=chroot"; echo "port=$PORT"; echo "chroot=$CHROOT"; echo "data_dir=$DATA_DIR"; echo "pid=$pid"; } >"$STATE_FILE"
  mark_started
  local i
  for ((i = 0; i < 30; i++)); do healthy && break; sleep 0.5; done
  verify_vector
  log "started in $((SECONDS - t0)) s"
  printf '%s\n' "$CONN"
}

chroot_stop() {
  if [[ -d "$CHROOT" ]]; then
    chroot_stop_server fast
    rm -rf --one-file-system "${CHROOT:?}$DATA_DIR"
  fi
}

# ---------------------------------------------------------------------------------------------------------------
no_postgres() {
  cat >&2 <<EOF
[postgres.sh] ERROR: no PostgreSQL 17 + pgvector available.
  Provide one of:
    - export PROJECTSPARK_TEST_POSTGRES='Host=...;Port=...;Username=...;Password=...;Database=...'
      (a PostgreSQL 17 server where 'CREATE EXTENSION vector' works), or
    - start a Docker engine (this script then runs $DOCKER_IMAGE on 127.0.0.1:$PORT), or
    - run as root on Debian/Ubuntu (this script then builds a Debian trixie chroot with debootstrap).
EOF
  exit 1
}

cmd_start() {
  if [[ -n "${PROJECTSPARK_TEST_POSTGRES:-}" ]]; then
    printf '%s\n' "$PROJECTSPARK_TEST_POSTGRES"
    return
  fi
  if [[ "${PROJECTSPARK_PG_NO_DOCKER:-}" != 1 ]] && docker_ok; then
    lock_port
    docker_start
  elif can_chroot; then
    lock_port
    chroot_start
  else
    no_postgres
  fi
}

cmd_stop() {
  lock_port
  local mode
  mode="$(state_get mode)"
  case "$mode" in
    docker) docker_stop ;;
    chroot)
      local c
      c="$(state_get chroot)"
      [[ -n "$c" ]] && CHROOT="$c"
      chroot_stop ;;
    *)
      # No state file: still stop a server of ours if one is found (e.g. state dir was cleaned).
      if can_chroot && [[ -n "$(chroot_postmaster_pid 2>/dev/null)" ]]; then chroot_stop
      elif command -v docker >/dev/null 2>&1 && timeout 5 docker info >/dev/null 2>&1 && docker_container_ours; then docker_stop
      else log "nothing to stop on port $PORT"; fi ;;
  esac
  rm -f "$STATE_FILE"
}

cmd_status() {
  local mode
  mode="$(state_get mode)"
  case "$mode" in
    docker) command -v psql >/dev/null 2>&1 && PSQL_MODE=host || PSQL_MODE=docker
            docker_container_ours && healthy ;;
    chroot) c="$(state_get chroot)"; [[ -n "$c" ]] && CHROOT="$c"
            [[ -n "$(chroot_postmaster_pid)" ]] && healthy ;;
    *) return 1 ;;
  esac
}

case "${1:-start}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) if cmd_status; then log "running on 127.0.0.1:$PORT"; else log "not running"; exit 1; fi ;;
  *) die "usage: $0 [start|stop|status]" ;;
esac
