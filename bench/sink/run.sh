#!/usr/bin/env bash
# Sink benchmark (not a test): OBKC's OceanBaseSinkConnector vs Debezium's JDBC sink, same topic, same seekdb.
# Usage: bench/sink/run.sh [--rows 1000000] [--partitions 1,4] [--sinks obkc,debezium-rewrite,debezium] [--jfr DIR] ...
#        bench/sink/run.sh --help     for every option.
# Servers: the test bed's seekdb (OBKC_OB_HOST/PORT/USER/PASSWORD, or .test-env/env.sh from scripts/test-env.sh).
# Builds the bench module (Maven profile -Pbench, never part of the normal build) with its reactor dependencies,
# then runs everything (Kafka broker, Connect worker, both sinks) in one JVM.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
cd "$ROOT"
if [ -z "${OBKC_TESTENV_DIR:-}" ] && [ -f "$ROOT/.test-env/env.sh" ]; then
  export OBKC_TESTENV_DIR="$ROOT/.test-env"
fi
OUT="$ROOT/bench/results"
mkdir -p "$OUT"
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  echo "[bench] building (./mvnw -Pbench -pl bench/sink -am package -DskipTests)" >&2
  ./mvnw -B -q -Pbench -pl bench/sink -am package -DskipTests
fi
CP="$HERE/target/classes:$HERE/target/lib/*"
exec java ${BENCH_JAVA_OPTS:--Xms2g -Xmx4g -XX:+UseG1GC} \
  -Dlog4j2.configurationFile="$HERE/log4j2-bench.xml" -Dobkc.bench.log="$OUT/sink-bench.log" \
  -cp "$CP" io.obkc.bench.sink.SinkBenchmark --latest "$HERE/results-latest.md" --archive "$OUT" "$@"
