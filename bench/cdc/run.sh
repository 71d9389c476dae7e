#!/usr/bin/env bash
# CDC latency benchmark (not a test): MariaDB commit -> Debezium MariaDB source -> Kafka -> OBKC sink -> row visible on
# seekdb, at sustained rates. Everything but the databases runs in one JVM (broker, Connect worker, writer, probe).
# Usage: bench/cdc/run.sh [--rates 1000,5000,10000,15000] [--duration 60] [--heap 1g] ...
#        bench/cdc/run.sh --help     for every option.
# Servers: the test bed's MariaDB and seekdb (OBKC_MYSQL_* / OBKC_OB_*, or .test-env/env.sh from scripts/test-env.sh).
# --heap SIZE sets the JVM's -Xms/-Xmx (default 1g, as scripts/run-dev.sh ships the dev worker); BENCH_JAVA_OPTS adds options.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
cd "$ROOT"
if [ -z "${OBKC_TESTENV_DIR:-}" ] && [ -f "$ROOT/.test-env/env.sh" ]; then
  export OBKC_TESTENV_DIR="$ROOT/.test-env"
fi
HEAP=1g
ARGS=()
HELP=0
while [ $# -gt 0 ]; do
  case "$1" in
    --heap) HEAP="$2"; shift 2 ;;
    --help|-h) HELP=1; ARGS+=("$1"); shift ;;
    *) ARGS+=("$1"); shift ;;
  esac
done
OUT="$ROOT/bench/results"
mkdir -p "$OUT"
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ] && { [ "$HELP" = 0 ] || [ ! -d "$HERE/target/lib" ]; }; then
  echo "[bench] building (./mvnw -Pbench -pl bench/cdc -am package -DskipTests)" >&2
  ./mvnw -B -q -Pbench -pl bench/cdc -am package -DskipTests
fi
CP="$HERE/target/classes:$HERE/target/lib/*"
# shellcheck disable=SC2086
exec java -Xms"$HEAP" -Xmx"$HEAP" -XX:+UseG1GC ${BENCH_JAVA_OPTS:-} \
  -Dlog4j2.configurationFile="$HERE/log4j2-bench.xml" -Dobkc.bench.log="$OUT/cdc-bench.log" \
  -cp "$CP" io.obkc.bench.cdc.CdcBenchmark --latest "$HERE/results-latest.md" --archive "$OUT" --heap "$HEAP" --examples "$ROOT/examples" "${ARGS[@]}"
