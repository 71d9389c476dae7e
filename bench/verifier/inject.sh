#!/usr/bin/env bash
# Injects five differences into seekdb's vb_bench.orders (loaded by load.sh with ROWS rows) and writes the expected
# differences as JSON to standard output. Usage: bench/verifier/inject.sh ROWS
set -euo pipefail
ROWS=$1
OB_PORT=${OBKC_OB_PORT:-22881}
export MYSQL_PWD=${OBKC_BENCH_PASSWORD:-obkc}
# keys spread over the key range; note is NULL exactly when id % 10 = 0
MISSING=$((ROWS / 16 + 7)); QTY=$((ROWS * 3 / 8 + 7)); NOTE=$((ROWS / 20 * 10)); MICRO=$((ROWS * 3 / 4 + 1)); EXTRA=$((ROWS + 5))
mysql -h127.0.0.1 -P"$OB_PORT" -u"${OBKC_BENCH_USER:-obkc}" --batch -N -e "
  DELETE FROM vb_bench.orders WHERE id = $MISSING;
  UPDATE vb_bench.orders SET qty = qty + 1 WHERE id = $QTY;
  UPDATE vb_bench.orders SET note = '' WHERE id = $NOTE;
  UPDATE vb_bench.orders SET created = DATE_ADD(created, INTERVAL 1 MICROSECOND) WHERE id = $MICRO;
  INSERT INTO vb_bench.orders VALUES ($EXTRA, 'extra', 1, 1.00, '2030-01-01 00:00:00', NULL)"
echo "{\"$MISSING\": \"missing\", \"$QTY\": \"changed\", \"$NOTE\": \"changed\", \"$MICRO\": \"changed\", \"$EXTRA\": \"extra\"}"
