#!/usr/bin/env bash
# Verifier benchmark (not a test): ROWS rows (default 2,000,000) in MariaDB and seekdb, verified once identical and
# once with a few differences. Prints the verifier's summary: rows/s, queries issued, bytes transferred.
# Usage: bench/verifier/run.sh [ROWS]     (servers from scripts/test-env.sh; database vb_bench on both)
# For the side-by-side comparison with other verifiers see compare.sh.
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

"$HERE/load.sh" "$ROWS"

verify() {
  java -jar "$JAR" --source-type mariadb --source-port "$MY_PORT" --source-user "$USER" \
    --source-password-env OBKC_BENCH_PASSWORD --target-type oceanbase --target-port "$OB_PORT" --target-user "$USER" \
    --target-password-env OBKC_BENCH_PASSWORD --tables 'vb_bench.orders' --threads 2 --progress log \
    --report-dir "$OUT/$1" || true
}

echo "== run 1: identical tables"
verify identical
echo "== run 2: five differences injected into seekdb"
echo "expected: $("$HERE/inject.sh" "$ROWS")"
verify differences
echo "reports in $OUT"
