#!/usr/bin/env bash
# Full migration benchmark (not a test): obkc-migrate start -> all rows on seekdb, full-load: bulk (MariaDB, PostgreSQL)
# and full-load: debezium, next to the target's own limit (plain JDBC multi-row INSERT of the same rows).
# Run it alone on the machine:  flock -x /tmp/obkc-machine.lock bench/migration/run.sh [--parts limit,bulk-mariadb] ...
# Options (all optional): --rows 1000000 --debezium-rows 200000 --parts limit,bulk-mariadb,bulk-pg,debezium
#   --threads 4 --chunk-rows 20000 (full-load: bulk) --limit-threads "4" (";"-separated list, the best counts)
#   --limit-batch 500 --heap 1g
# Servers: the test bed's MariaDB, PostgreSQL and seekdb (OBKC_*, or .test-env/env.sh from scripts/test-env.sh).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
cd "$ROOT"
if [ -z "${OBKC_TESTENV_DIR:-}" ] && [ -f "$ROOT/.test-env/env.sh" ]; then
  export OBKC_TESTENV_DIR="$ROOT/.test-env"
fi
HEAP=1g
ARGS=()
CMD="bench/migration/run.sh $*"
while [ $# -gt 0 ]; do
  case "$1" in
    --heap) HEAP="$2"; shift 2 ;;
    *) ARGS+=("$1" "$2"); shift 2 ;;
  esac
done
OUT="$ROOT/bench/results"
mkdir -p "$OUT"
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  echo "[bench] building (./mvnw -Pbench -pl bench/migration -am package -DskipTests)" >&2
  ./mvnw -B -q -o -Pbench -pl bench/migration -am package -DskipTests
fi
CP="$HERE/target/classes:$HERE/target/lib/*"
STAMP=$(date -u +%Y%m%d-%H%M%S)
# shellcheck disable=SC2086
java -Xms"$HEAP" -Xmx"$HEAP" -XX:+UseG1GC ${BENCH_JAVA_OPTS:-} \
  -Dlog4j2.configurationFile="$HERE/log4j2-bench.xml" -Dobkc.bench.log="$OUT/migration-bench.log" \
  -cp "$CP" io.obkc.bench.migration.MigrationBenchmark --command "$CMD" --latest "$OUT/migration-$STAMP.md" "${ARGS[@]}"
echo "[bench] report: $OUT/migration-$STAMP.md (copy the runs that make up the published figures into bench/migration/results-latest.md)" >&2
