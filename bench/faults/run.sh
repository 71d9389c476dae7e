#!/usr/bin/env bash
# Fault-injection harness (not a unit test): MariaDB -> Debezium -> Kafka -> OceanBaseSinkConnector -> seekdb,
# with worker kill -9s, seekdb restarts, killed sink sessions and rebalances; then a row-by-row comparison.
#   bench/faults/run.sh --short          CI version (~2-4 minutes): exit 0 only with 0 rows lost/wrong/duplicated
#   bench/faults/run.sh [options]        long run; --help lists every option
# Build: FAULTS_SKIP_BUILD=1 skips it; otherwise the bundle (packaging/target/plugin), the dev launcher and this
# module are built offline if the local Maven repository allows it.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
cd "$ROOT"
if [ -z "${OBKC_TESTENV_DIR:-}" ] && [ -f "$ROOT/.test-env/env.sh" ]; then
  export OBKC_TESTENV_DIR="$ROOT/.test-env"
fi
if [ -n "${OBKC_TESTENV_DIR:-}" ] && [ -f "$OBKC_TESTENV_DIR/env.sh" ]; then
  # shellcheck disable=SC1091
  . "$OBKC_TESTENV_DIR/env.sh"
fi
for a in "$@"; do
  if [ "$a" = "--help" ]; then FAULTS_SKIP_BUILD=1; fi
done
if [ "${FAULTS_SKIP_BUILD:-0}" != 1 ]; then
  offline=-o
  [ "${FAULTS_ONLINE:-0}" = 1 ] && offline=
  echo "[faults] building: ./mvnw -B $offline -q -Pbench -DskipTests package -pl packaging,packaging/dev-launcher,bench/faults -am" >&2
  ./mvnw -B $offline -q -Pbench -DskipTests package -pl packaging,packaging/dev-launcher,bench/faults -am
fi
LAUNCHER_JAR=$(ls "$ROOT"/packaging/dev-launcher/target/obkc-dev-launcher-*.jar | head -n 1)
export FAULTS_LAUNCHER_CP="$LAUNCHER_JAR:$ROOT/packaging/dev-launcher/target/lib/*"
export FAULTS_REPO_DIR="$ROOT"
export FAULTS_COMMAND="bench/faults/run.sh $*"

# Leftovers of an earlier harness that was itself killed: only the pids it recorded, and only if they still run
# one of its own command lines (a DevConnectCluster under its run dir).
RUN_DIR="$HERE/target/run"
for pidfile in "$RUN_DIR"/*.pid; do
  [ -f "$pidfile" ] || continue
  pid=$(cat "$pidfile")
  if [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "DevConnectCluster.*$RUN_DIR"; then
    echo "[faults] ending leftover $(basename "$pidfile" .pid) (pid $pid) of an earlier run" >&2
    kill -9 "$pid" || true
  fi
done

CP="$HERE/target/classes:$HERE/target/lib/*"
exec java -Xmx256m -cp "$CP" io.obkc.bench.faults.FaultHarness "$@"
