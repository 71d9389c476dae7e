#!/usr/bin/env bash
# Loads ROWS identical rows (default 2,000,000) into vb_bench.orders on MariaDB and seekdb. Used by run.sh and
# compare.sh. Usage: bench/verifier/load.sh [ROWS]   (ports/user from OBKC_MYSQL_PORT, OBKC_OB_PORT, OBKC_BENCH_USER,
# password from OBKC_BENCH_PASSWORD)
set -euo pipefail
ROWS=${1:-2000000}
MY_PORT=${OBKC_MYSQL_PORT:-23306}
OB_PORT=${OBKC_OB_PORT:-22881}
USER=${OBKC_BENCH_USER:-obkc}
export MYSQL_PWD=${OBKC_BENCH_PASSWORD:-obkc}
sql() { mysql -h127.0.0.1 -P"$1" -u"$USER" --batch -N -e "$2"; }

DDL="CREATE TABLE vb_bench.orders (id BIGINT PRIMARY KEY, customer VARCHAR(40) NOT NULL, qty INT, amount DECIMAL(12,2),
 created DATETIME(6), note VARCHAR(64)) DEFAULT CHARSET utf8mb4"
# Row content is a function of id, computed identically by both engines.
COLS="n, CONCAT('customer-', n % 50000), n * 7 % 1000, (n % 100000) / 7, DATE_ADD('2020-01-01', INTERVAL n SECOND),
 IF(n % 10 = 0, NULL, CONCAT('note ', n))"

echo "== loading $ROWS rows into vb_bench.orders on MariaDB :$MY_PORT and seekdb :$OB_PORT"
t0=$(date +%s)
for P in "$MY_PORT" "$OB_PORT"; do
  sql "$P" "DROP DATABASE IF EXISTS vb_bench; CREATE DATABASE vb_bench; $DDL;
    CREATE TABLE vb_bench.digits (d INT PRIMARY KEY); INSERT INTO vb_bench.digits VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9);"
done
# 1000 rows per statement block from digits^3, BATCH blocks per statement.
BATCH=100
for P in "$MY_PORT" "$OB_PORT"; do
  (
    start=0
    while [ "$start" -lt "$ROWS" ]; do
      sql "$P" "INSERT INTO vb_bench.orders SELECT $COLS FROM (SELECT $start + a.d + 10*b.d + 100*c.d + 1000*e.k + 1 AS n
        FROM vb_bench.digits a, vb_bench.digits b, vb_bench.digits c,
        (SELECT a2.d + 10*b2.d AS k FROM vb_bench.digits a2, vb_bench.digits b2 WHERE a2.d + 10*b2.d < $BATCH) e) s
        WHERE n <= $ROWS"
      start=$((start + 1000 * BATCH))
    done
  ) &
done
wait
echo "loaded in $(( $(date +%s) - t0 )) s: MariaDB=$(sql "$MY_PORT" 'SELECT COUNT(*) FROM vb_bench.orders') seekdb=$(sql "$OB_PORT" 'SELECT COUNT(*) FROM vb_bench.orders')"
sql "$MY_PORT" "ANALYZE TABLE vb_bench.orders" >/dev/null
sql "$OB_PORT" "ANALYZE TABLE vb_bench.orders" >/dev/null || true
