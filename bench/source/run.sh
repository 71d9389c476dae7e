#!/usr/bin/env bash
# Source benchmark (not a test): OBKC's OceanBaseSourceConnector (changelog mode) on seekdb. Snapshot rows/s against a
# plain SELECT of the same table, commit-to-Kafka latency at fixed change rates, source CPU per 100k changes with and
# without capture. See bench/source/README.md.
# Usage: bench/source/run.sh [--rows 1000000] [--rates 1000,5000] [--duration 60] ...
#        bench/source/run.sh --help     for every option.
# Servers: the test bed's seekdb (OBKC_OB_HOST/PORT/USER/PASSWORD, or .test-env/env.sh from scripts/test-env.sh).
# Builds the bench module (Maven profile -Pbench, never part of the normal build) with its reactor dependencies,
# then runs everything (Kafka broker, Connect worker, writer, consumer) in one JVM.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
cd "$ROOT"
if [ -z "${OBKC_TESTENV_DIR:-}" ] && [ -f "$ROOT/.test-env/env.sh" ]; then
  export OBKC_TESTENV_DIR="$ROOT/.test-env"
fi
OUT="$ROOT/bench/results"
mkdir -p "$OUT"
help=0
for a in "$@"; do case "$a" in -h|--help) help=1 ;; esac; done
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ] && ! { [ $help = 1 ] && [ -d "$HERE/target/lib" ]; }; then
  echo "[bench] building (./mvnw -Pbench -pl bench/source -am package -DskipTests)" >&2
  ./mvnw -B -q -Pbench -pl bench/source -am package -DskipTests
fi
CP="$HERE/target/classes:$HERE/target/lib/*"
exec java ${BENCH_JAVA_OPTS:--Xmx3g -XX:+UseG1GC} \
  -Dlog4j2.configurationFile="$HERE/log4j2-bench.xml" -Dobkc.bench.log="$OUT/source-bench.log" \
  -cp "$CP" io.obkc.bench.source.SourceBenchmark --latest "$HERE/results-latest.md" --archive "$OUT" "$@"
