#!/usr/bin/env bash
# Verifier benchmark (not a test): ROWS rows (default 2,000,000) in MariaDB and seekdb, verified once identical and
# once with a few differences. Prints the verifier's summary: rows/s, queries issued, bytes transferred.
# Usage: bench/verifier/run.sh [ROWS]     (servers from scripts/test-env.sh; database vf_bench on both)
set -euo pipefail
ROWS=${1:-2000000}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
MY_PORT=${OBKC_MYSQL_PORT:-23306}
OB_PORT=${OBKC_OB_PORT:-22881}
USER=${OBKC_BENCH_USER:-obkc}
export OBKC_BENCH_PASSWORD=${OBKC_BENCH_PASSWORD:-obkc}
OUT="$HERE/out"
mkdir -p "$OUT"
JAR=$(ls "$ROOT"/verifier/target/obkc-verifier-*-cli.jar 2>/dev/null | head -1 || true)
if [ -z "$JAR" ]; then
  (cd "$ROOT" && ./mvnw -B -q -o -pl verifier -am package -DskipTests)
  JAR=$(ls "$ROOT"/verifier/target/obkc-verifier-*-cli.jar | head -1)
fi
sql() { mysql -h127.0.0.1 -P"$1" -u"$USER" -p"$OBKC_BENCH_PASSWORD" --batch -N -e "$2"; }

DDL="CREATE TABLE vf_bench.orders (id BIGINT PRIMARY KEY, customer VARCHAR(40) NOT NULL, qty INT, amount DECIMAL(12,2),
 created DATETIME(6), note VARCHAR(64)) DEFAULT CHARSET utf8mb4"
# Row content is a function of id, computed identically by both engines.
COLS="n, CONCAT('customer-', n % 50000), n * 7 % 1000, (n % 100000) / 7, DATE_ADD('2020-01-01', INTERVAL n SECOND),
 IF(n % 10 = 0, NULL, CONCAT('note ', n))"

echo "== loading $ROWS rows into MariaDB :$MY_PORT and seekdb :$OB_PORT"
t0=$(date +%s)
for P in "$MY_PORT" "$OB_PORT"; do
  sql "$P" "DROP DATABASE IF EXISTS vf_bench; CREATE DATABASE vf_bench; $DDL;
    CREATE TABLE vf_bench.digits (d INT PRIMARY KEY); INSERT INTO vf_bench.digits VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9);"
done
# 1000 rows per statement block from digits^3, BATCH blocks per statement.
BATCH=100
for P in "$MY_PORT" "$OB_PORT"; do
  (
    start=0
    while [ "$start" -lt "$ROWS" ]; do
      sql "$P" "INSERT INTO vf_bench.orders SELECT $COLS FROM (SELECT $start + a.d + 10*b.d + 100*c.d + 1000*e.k + 1 AS n
        FROM vf_bench.digits a, vf_bench.digits b, vf_bench.digits c,
        (SELECT a2.d + 10*b2.d AS k FROM vf_bench.digits a2, vf_bench.digits b2 WHERE a2.d + 10*b2.d < $BATCH) e) s
        WHERE n <= $ROWS"
      start=$((start + 1000 * BATCH))
    done
  ) &
done
wait
echo "loaded in $(( $(date +%s) - t0 )) s: MariaDB=$(sql "$MY_PORT" 'SELECT COUNT(*) FROM vf_bench.orders') seekdb=$(sql "$OB_PORT" 'SELECT COUNT(*) FROM vf_bench.orders')"
sql "$MY_PORT" "ANALYZE TABLE vf_bench.orders" >/dev/null
sql "$OB_PORT" "ANALYZE TABLE vf_bench.orders" >/dev/null || true

verify() {
  java -jar "$JAR" --source-type mariadb --source-port "$MY_PORT" --source-user "$USER" \
    --source-password-env OBKC_BENCH_PASSWORD --target-type oceanbase --target-port "$OB_PORT" --target-user "$USER" \
    --target-password-env OBKC_BENCH_PASSWORD --tables 'vf_bench.orders' --threads 2 --progress log \
    --report-dir "$OUT/$1" || true
}

echo "== run 1: identical tables"
verify identical
echo "== run 2: five differences injected into seekdb"
sql "$OB_PORT" "DELETE FROM vf_bench.orders WHERE id = 123457;
  UPDATE vf_bench.orders SET qty = qty + 1 WHERE id = 777777;
  UPDATE vf_bench.orders SET note = '' WHERE id = 1000000;
  UPDATE vf_bench.orders SET created = DATE_ADD(created, INTERVAL 1 MICROSECOND) WHERE id = 1500001;
  INSERT INTO vf_bench.orders VALUES ($ROWS + 5, 'extra', 1, 1.00, NOW(6), NULL)"
verify differences
echo "reports in $OUT"
