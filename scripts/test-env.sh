#!/usr/bin/env bash
# Test bed for the bundle: real MariaDB, PostgreSQL and seekdb (the single-node OceanBase engine),
# all on loopback. Idempotent: `up` installs what is missing, starts what is not running, and writes
# the connection settings that the tests read (env file + printed). Kafka and the Connect worker are
# not started here: the integration tests start them inside the test JVM.
#
#   scripts/test-env.sh up|down|status|env
#
# Settings (override with environment variables):
#   OBKC_TESTENV_DIR   where data and logs live          (default: <repo>/.test-env)
#   OBKC_MARIADB_PORT  MariaDB port                       (default: 23306)
#   OBKC_PG_PORT       PostgreSQL port                    (default: 25432)
#   OBKC_OB_PORT       seekdb MySQL-protocol port         (default: 22881)
set -euo pipefail

repo_dir=$(cd "$(dirname "$0")/.." && pwd)
dir=${OBKC_TESTENV_DIR:-$repo_dir/.test-env}
mariadb_port=${OBKC_MARIADB_PORT:-23306}
pg_port=${OBKC_PG_PORT:-25432}
ob_port=${OBKC_OB_PORT:-22881}
env_file=$dir/env.sh
pg_bin=""

log() { printf '[test-env] %s\n' "$*" >&2; }
die() { printf '[test-env] ERROR: %s\n' "$*" >&2; exit 1; }

# Waits until a command succeeds, checking once a second, up to $1 seconds.
wait_for() {
  local timeout=$1 what=$2; shift 2
  local i
  for ((i = 0; i < timeout; i++)); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  die "$what did not become ready within ${timeout}s"
}

apt_install() {
  local missing=()
  local pkg
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null || die "apt-get not found; install ${missing[*]} by hand"
  log "installing Debian packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

python_bin() {
  if command -v python3 >/dev/null; then echo python3; else die "python3 (>= 3.11) is required for seekdb"; fi
}

seekdb_bin() {
  "$(python_bin)" -c 'import os, pylibseekdb; print(os.path.join(os.path.dirname(pylibseekdb.__file__), "seekdb"))' 2>/dev/null
}

install_all() {
  apt_install mariadb-server mariadb-client postgresql postgresql-client libaio1
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$pg_bin" ] || die "PostgreSQL binaries not found under /usr/lib/postgresql"
  if [ -z "$(seekdb_bin)" ]; then
    log "installing seekdb from PyPI (pylibseekdb)"
    "$(python_bin)" -m pip install -q pylibseekdb || die "pip install pylibseekdb failed"
  fi
  [ -x "$(seekdb_bin)" ] || die "pylibseekdb is installed but ships no seekdb executable"
}

# ---------------------------------------------------------------- MariaDB
mariadb_ping() { mysqladmin --protocol=tcp -h127.0.0.1 -P"$mariadb_port" -uroot ping; }

mariadb_up() {
  local d=$dir/mariadb
  if mariadb_ping >/dev/null 2>&1; then log "MariaDB already running on $mariadb_port"; return; fi
  mkdir -p "$d/log"
  if [ ! -d "$d/data/mysql" ]; then
    log "initialising MariaDB in $d/data"
    mysql_install_db --no-defaults --user="$(id -un)" --datadir="$d/data" --auth-root-authentication-method=normal >"$d/log/install.log" 2>&1 \
      || die "mysql_install_db failed; see $d/log/install.log"
  fi
  # ROW binlog with FULL row image: what Debezium needs to capture changes.
  cat >"$d/my.cnf" <<CNF
[mysqld]
datadir=$d/data
socket=$d/mysqld.sock
pid-file=$d/mysqld.pid
port=$mariadb_port
bind-address=127.0.0.1
user=$(id -un)
log-bin=$d/data/binlog
server-id=1
binlog_format=ROW
binlog_row_image=FULL
binlog_row_metadata=FULL
expire_logs_days=1
character-set-server=utf8mb4
collation-server=utf8mb4_general_ci
max_connections=500
innodb_buffer_pool_size=512M
innodb_flush_log_at_trx_commit=2
sync_binlog=0
log-error=$d/log/error.log
CNF
  log "starting MariaDB on 127.0.0.1:$mariadb_port"
  nohup mysqld --defaults-file="$d/my.cnf" >"$d/log/stdout.log" 2>&1 &
  wait_for 60 "MariaDB" mariadb_ping
  mysql --protocol=tcp -h127.0.0.1 -P"$mariadb_port" -uroot -e "
    CREATE USER IF NOT EXISTS 'obkc'@'%' IDENTIFIED BY 'obkc';
    CREATE USER IF NOT EXISTS 'obkc'@'localhost' IDENTIFIED BY 'obkc';
    CREATE USER IF NOT EXISTS 'obkc'@'127.0.0.1' IDENTIFIED BY 'obkc';
    GRANT ALL PRIVILEGES ON *.* TO 'obkc'@'%' WITH GRANT OPTION;
    GRANT ALL PRIVILEGES ON *.* TO 'obkc'@'localhost' WITH GRANT OPTION;
    GRANT ALL PRIVILEGES ON *.* TO 'obkc'@'127.0.0.1' WITH GRANT OPTION;
    FLUSH PRIVILEGES;"
}

mariadb_down() {
  local d=$dir/mariadb
  if mariadb_ping >/dev/null 2>&1; then
    mysqladmin --protocol=tcp -h127.0.0.1 -P"$mariadb_port" -uroot shutdown || true
  fi
}

# ---------------------------------------------------------------- PostgreSQL
# initdb and postgres refuse to run as root, so when we are root they run as the 'postgres' user.
pg_as() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
pg_ping() { "$pg_bin/pg_isready" -h 127.0.0.1 -p "$pg_port" -q; }

# PostgreSQL's data directory: under the test-env dir, unless the 'postgres' user cannot reach it there
# (a clone under a private home directory), then under /var/tmp.
pg_data_parent() {
  if [ "$(id -u)" -eq 0 ] && ! runuser -u postgres -- test -x "$dir" 2>/dev/null; then
    echo "/var/tmp/obkc-test-env"
  else
    echo "$dir"
  fi
}

pg_up() {
  local d; d=$(pg_data_parent)/postgresql
  if pg_ping >/dev/null 2>&1; then log "PostgreSQL already running on $pg_port"; return; fi
  mkdir -p "$d"
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$d"; fi
  if [ ! -f "$d/data/PG_VERSION" ]; then
    log "initialising PostgreSQL in $d/data"
    pg_as "$pg_bin/initdb" -D "$d/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$d/initdb.log" 2>&1 \
      || die "initdb failed; see $d/initdb.log"
  fi
  log "starting PostgreSQL on 127.0.0.1:$pg_port (wal_level=logical)"
  pg_as "$pg_bin/pg_ctl" -D "$d/data" -l "$d/server.log" -w -t 60 start \
    -o "-p $pg_port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$d -c wal_level=logical -c max_replication_slots=20 -c max_wal_senders=20 -c max_connections=300 -c fsync=off -c synchronous_commit=off" >/dev/null \
    || die "PostgreSQL did not start; see $d/server.log"
  wait_for 60 "PostgreSQL" pg_ping
  "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -qtAc "SELECT 1 FROM pg_roles WHERE rolname='obkc'" | grep -q 1 \
    || "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -qc "CREATE ROLE obkc LOGIN SUPERUSER REPLICATION PASSWORD 'obkc'"
  "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -qtAc "SELECT 1 FROM pg_database WHERE datname='obkc'" | grep -q 1 \
    || "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -qc "CREATE DATABASE obkc OWNER obkc"
}

pg_down() {
  local d; d=$(pg_data_parent)/postgresql
  [ -f "$d/data/postmaster.pid" ] && pg_as "$pg_bin/pg_ctl" -D "$d/data" -m fast -w stop >/dev/null || true
}

# ---------------------------------------------------------------- seekdb
ob_ping() { mysql --protocol=tcp -h127.0.0.1 -P"$ob_port" -uroot -e "SELECT 1"; }

ob_up() {
  local d=$dir/seekdb
  if ob_ping >/dev/null 2>&1; then log "seekdb already running on $ob_port"; return; fi
  mkdir -p "$d"
  local bin; bin=$(seekdb_bin)
  log "starting seekdb ($("$bin" --version 2>&1 | grep -o 'seekdb [0-9][0-9.]*' | head -n 1)) on 127.0.0.1:$ob_port"
  # memory_limit/log_disk_size/datafile_size keep it within a small CI machine; seekdb needs >= 2 GB.
  nohup "$bin" --base-dir="$d" --port "$ob_port" --nodaemon \
    --parameter memory_limit=4G --parameter log_disk_size=4G --parameter datafile_size=2G \
    >"$d/stdout.log" 2>&1 &
  echo $! >"$d/seekdb.pid"
  if ! (wait_for 180 "seekdb" ob_ping); then
    log "seekdb failed to start; last log lines:"
    tail -n 40 "$d/stdout.log" >&2 || true
    tail -n 40 "$d/log/seekdb.log" >&2 2>/dev/null || true
    exit 1
  fi
  mysql --protocol=tcp -h127.0.0.1 -P"$ob_port" -uroot -e "
    CREATE USER IF NOT EXISTS 'obkc'@'%' IDENTIFIED BY 'obkc';
    GRANT ALL PRIVILEGES ON *.* TO 'obkc'@'%' WITH GRANT OPTION;"
}

ob_down() {
  local d=$dir/seekdb
  if [ -f "$d/seekdb.pid" ]; then
    local pid; pid=$(cat "$d/seekdb.pid")
    if kill "$pid" 2>/dev/null; then
      local i
      for ((i = 0; i < 60; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$d/seekdb.pid"
  fi
}

# ---------------------------------------------------------------- settings
write_env() {
  mkdir -p "$dir"
  cat >"$env_file" <<ENV
# Written by scripts/test-env.sh; the tests read these (environment variables win over this file).
export OBKC_MYSQL_URL='jdbc:mysql://127.0.0.1:$mariadb_port/'
export OBKC_MYSQL_HOST=127.0.0.1
export OBKC_MYSQL_PORT=$mariadb_port
export OBKC_MYSQL_USER=obkc
export OBKC_MYSQL_PASSWORD=obkc
export OBKC_MYSQL_FLAVOR=mariadb
export OBKC_PG_HOST=127.0.0.1
export OBKC_PG_PORT=$pg_port
export OBKC_PG_DATABASE=obkc
export OBKC_PG_USER=obkc
export OBKC_PG_PASSWORD=obkc
export OBKC_OB_HOST=127.0.0.1
export OBKC_OB_PORT=$ob_port
export OBKC_OB_USER=obkc
export OBKC_OB_PASSWORD=obkc
export OBKC_OB_FLAVOR=seekdb
ENV
}

status() {
  local rc=0
  if mariadb_ping >/dev/null 2>&1; then echo "mariadb    up    127.0.0.1:$mariadb_port"; else echo "mariadb    down"; rc=1; fi
  if [ -n "$pg_bin" ] && pg_ping >/dev/null 2>&1; then echo "postgresql up    127.0.0.1:$pg_port"; else echo "postgresql down"; rc=1; fi
  if ob_ping >/dev/null 2>&1; then echo "seekdb     up    127.0.0.1:$ob_port"; else echo "seekdb     down"; rc=1; fi
  return $rc
}

cmd=${1:-up}
case "$cmd" in
  up)
    install_all
    mkdir -p "$dir"
    mariadb_up
    pg_up
    ob_up
    write_env
    status
    log "settings written to $env_file:"
    cat "$env_file"
    ;;
  down)
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    ob_down; pg_down; mariadb_down
    ;;
  status)
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    status
    ;;
  env)
    cat "$env_file"
    ;;
  *)
    die "usage: $0 up|down|status|env"
    ;;
esac
