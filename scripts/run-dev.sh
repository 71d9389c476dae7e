#!/usr/bin/env bash
# Development cluster in one process: a single-node KRaft Kafka broker and a distributed Kafka Connect
# worker (io.obkc.dev.DevConnectCluster) with plugin.path = packaging/target/plugin, which holds the
# OBKC bundle and Debezium's MariaDB, MySQL and PostgreSQL connectors. Ctrl-C stops it cleanly.
#
#   scripts/run-dev.sh [--no-build] [DevConnectCluster options]
#
# Options are passed through, for example:
#   --data-dir DIR (default ./.dev-cluster)  --kafka-port 9092  --controller-port 9093  --rest-port 8083
#   --worker KEY=VALUE  --broker KEY=VALUE   --help
# JAVA_OPTS is added to the java command line (default -Xmx1g).
set -euo pipefail

repo_dir=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo_dir"

usage() {
  cat <<'USAGE'
Usage: scripts/run-dev.sh [--no-build] [options]

Starts a single-node KRaft Kafka broker and a distributed Kafka Connect worker in one process, with the
OBKC bundle and Debezium's MariaDB, MySQL and PostgreSQL connectors on plugin.path
(packaging/target/plugin). Builds them first (./mvnw package, about a minute) unless --no-build.
Ctrl-C stops it (worker first, then broker).

  --no-build              use what the last build left in packaging/ (first option only)
  --data-dir DIR          broker and worker state (default ./.dev-cluster); delete it for a clean slate
  --plugin-path DIR       Connect plugin.path (default packaging/target/plugin)
  --host HOST             host to listen on and advertise (default localhost)
  --kafka-port N          broker listener (default 9092)
  --controller-port N     KRaft controller listener (default 9093)
  --rest-port N           Connect REST API (default 8083)
  --worker KEY=VALUE      extra Connect worker setting (repeatable)
  --broker KEY=VALUE      extra broker setting (repeatable)
  --no-broker             worker only: join the broker at --bootstrap-servers
  --bootstrap-servers H:P the broker a --no-broker worker joins (default HOST:KAFKA-PORT)
  --no-worker             broker only: no Connect worker in this process
  -h, --help              this text (nothing is built or started)

JAVA_OPTS is added to the java command line (default -Xmx1g). See docs/operations.md.
USAGE
}

# Help first: it must not wait for a build.
for arg in "$@"; do
  case "$arg" in
    -h|--help) usage; exit 0 ;;
  esac
done

build=1
if [ "${1:-}" = "--no-build" ]; then build=0; shift; fi

launcher_dir=packaging/dev-launcher/target
if [ "$build" = 1 ]; then
  echo "[run-dev] building the bundle and the launcher (./mvnw -B -q -DskipTests package -pl packaging/dev-launcher -am)..."
  ./mvnw -B -q -DskipTests package -pl packaging/dev-launcher -am
fi

jar=$(ls "$launcher_dir"/obkc-dev-launcher-*.jar 2>/dev/null | grep -v -- '-tests\.jar$' | head -n 1 || true)
if [ -z "$jar" ] || [ ! -d "$launcher_dir/lib" ] || [ ! -d packaging/target/plugin/obkc-oceanbase-connect ]; then
  echo "[run-dev] launcher or plugin directory missing; run without --no-build" >&2
  exit 1
fi

# exec: Ctrl-C reaches the JVM directly, whose shutdown hook stops the worker, then the broker.
exec java ${JAVA_OPTS:--Xmx1g} -cp "$jar:$launcher_dir/lib/*" io.obkc.dev.DevConnectCluster \
  --plugin-path "$repo_dir/packaging/target/plugin" "$@"
