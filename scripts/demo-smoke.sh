#!/usr/bin/env bash
# Smoke test of the example pipeline against a running dev cluster (scripts/run-dev.sh) and the test
# bed (scripts/test-env.sh up): creates database `demo` on MariaDB with a table, POSTs
# examples/mariadb-source.json and examples/oceanbase-sink.json, changes rows, and waits until
# OceanBase (seekdb) has the same rows. Exit code 0 on success.
#
#   scripts/demo-smoke.sh            (REST at http://localhost:8083)
#   CONNECT_URL=http://host:port scripts/demo-smoke.sh
#
# Replaces an existing `demo` database on both servers and existing connectors of the same names.
set -euo pipefail
repo_dir=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo_dir"

connect=${CONNECT_URL:-http://localhost:8083}
src=(mysql --protocol=tcp -h"${OBKC_MYSQL_HOST:-127.0.0.1}" -P"${OBKC_MYSQL_PORT:-23306}" -u"${OBKC_MYSQL_USER:-obkc}" -p"${OBKC_MYSQL_PASSWORD:-obkc}" -N -B)
dst=(mysql --protocol=tcp -h"${OBKC_OB_HOST:-127.0.0.1}" -P"${OBKC_OB_PORT:-22881}" -u"${OBKC_OB_USER:-obkc}" -p"${OBKC_OB_PASSWORD:-obkc}" -N -B)
timeout=${SMOKE_TIMEOUT:-120}

log() { printf '[demo-smoke] %s\n' "$*"; }
die() { printf '[demo-smoke] FAILED: %s\n' "$*" >&2; exit 1; }

# Polls a condition once a second, up to $timeout seconds (a script has no better wait).
wait_until() {
  local what=$1; shift
  local i
  for ((i = 0; i < timeout; i++)); do
    if "$@"; then return 0; fi
    sleep 1
  done
  die "$what: not within ${timeout}s"
}

curl -sf "$connect/connectors" >/dev/null || die "no Connect REST API at $connect (start scripts/run-dev.sh)"
curl -sf "$connect/connector-plugins" | grep -q io.obkc.sink.OceanBaseSinkConnector || die "OceanBaseSinkConnector not on the worker's plugin.path"

for name in demo-oceanbase-sink demo-mariadb-source; do
  curl -s -o /dev/null -X DELETE "$connect/connectors/$name" || true
done

log "preparing database demo on MariaDB and dropping it on OceanBase"
"${dst[@]}" -e "DROP DATABASE IF EXISTS demo"
"${src[@]}" -e "DROP DATABASE IF EXISTS demo; CREATE DATABASE demo;
  CREATE TABLE demo.orders (id INT PRIMARY KEY, customer VARCHAR(50) NOT NULL, amount DECIMAL(10,2), qty BIGINT UNSIGNED);
  INSERT INTO demo.orders VALUES (1, 'alice', 10.50, 18446744073709551615), (2, 'bob', 20.00, 2);"

log "creating the connectors"
for f in examples/oceanbase-sink.json examples/mariadb-source.json; do
  code=$(curl -s -o /tmp/demo-smoke.$$ -w '%{http_code}' -X POST -H 'Content-Type: application/json' --data @"$f" "$connect/connectors")
  [ "$code" = 201 ] || die "POST $f: HTTP $code $(cat /tmp/demo-smoke.$$)"
done
rm -f /tmp/demo-smoke.$$

running() {
  local s; s=$(curl -sf "$connect/connectors/$1/status") || return 1
  if grep -q '"state":"FAILED"' <<<"$s"; then die "$1 FAILED: $s"; fi
  [ "$(grep -o '"state":"RUNNING"' <<<"$s" | wc -l)" -ge 2 ]
}
wait_until "demo-mariadb-source RUNNING" running demo-mariadb-source
wait_until "demo-oceanbase-sink RUNNING" running demo-oceanbase-sink

log "streaming changes"
"${src[@]}" -e "INSERT INTO demo.orders VALUES (3, 'carol', 30.25, 3);
  UPDATE demo.orders SET amount = 11.75 WHERE id = 1; DELETE FROM demo.orders WHERE id = 2;"

expected=$(printf '1\talice\t11.75\t18446744073709551615\n3\tcarol\t30.25\t3')
same_rows() {
  running demo-oceanbase-sink || return 1
  [ "$("${dst[@]}" -e "SELECT id, customer, amount, qty FROM demo.orders ORDER BY id" 2>/dev/null)" = "$expected" ]
}
wait_until "rows of demo.orders in OceanBase" same_rows
log "OK: OceanBase has the MariaDB rows:"
"${dst[@]}" -e "SELECT id, customer, amount, qty FROM demo.orders ORDER BY id"
