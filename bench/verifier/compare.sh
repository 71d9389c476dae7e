#!/usr/bin/env bash
# Side-by-side verifier comparison (not a test): the same ROWS-row table in MariaDB (source) and seekdb (target),
# checked by obkc-verify, reladiff, data-diff and sync_diff_inspector, first identical, then with five injected
# differences. Every run goes through mysqlcount.py relays, which count each tool's statements and bytes on both
# servers; MariaDB's global Questions/Com_select/Bytes_sent deltas and `uptime` load averages are recorded too.
#
# Usage: bench/verifier/compare.sh [--rows N] [--runs R] [--threads T] [--tools "obkc reladiff datadiff syncdiff"]
#                                  [--no-load]
# Results: bench/verifier/out/compare/results.tsv and results.md (table), raw tool output beside them.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
ROWS=2000000 RUNS=2 THREADS=2 TOOLS="obkc reladiff datadiff syncdiff" LOAD=1
while [ $# -gt 0 ]; do
  case $1 in
  --rows) ROWS=$2; shift 2 ;;
  --runs) RUNS=$2; shift 2 ;;
  --threads) THREADS=$2; shift 2 ;;
  --tools) TOOLS=$2; shift 2 ;;
  --no-load) LOAD=0; shift ;;
  *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
MY_PORT=${OBKC_MYSQL_PORT:-23306}
OB_PORT=${OBKC_OB_PORT:-22881}
MY_RELAY=${OBKC_BENCH_MY_RELAY_PORT:-24306}
OB_RELAY=${OBKC_BENCH_OB_RELAY_PORT:-24881}
USER=${OBKC_BENCH_USER:-obkc}
export OBKC_BENCH_PASSWORD=${OBKC_BENCH_PASSWORD:-obkc}
PW=$OBKC_BENCH_PASSWORD
OUT="$HERE/out/compare"
rm -rf "$OUT" && mkdir -p "$OUT"

"$HERE/setup-tools.sh" $(echo "$TOOLS" | tr ' ' '\n' | grep -v '^obkc$' | tr '\n' ' ') ||
  echo "warning: some tools could not be installed; they are reported as not run"
JAR=$(ls "$ROOT"/verifier/target/obkc-verifier-*-cli.jar 2>/dev/null | head -1 || true)
if [ -z "$JAR" ]; then
  (cd "$ROOT" && ./mvnw -B -q -o -pl verifier -am package -DskipTests)
  JAR=$(ls "$ROOT"/verifier/target/obkc-verifier-*-cli.jar | head -1)
fi

[ "$LOAD" = 1 ] && "$HERE/load.sh" "$ROWS"
my_status() {
  MYSQL_PWD=$PW mysql -h127.0.0.1 -P"$MY_PORT" -u"$USER" --batch -N -e \
    "SHOW GLOBAL STATUS WHERE Variable_name IN ('Questions','Com_select','Bytes_sent')" |
    awk '{v[$1]=$2} END {print v["Questions"], v["Com_select"], v["Bytes_sent"]}'
}

COLUMNS_CSV="customer,qty,amount,created,note"
tool_cmd() { # tool report-dir -> command line on the relay ports
  local rd=$2
  case $1 in
  obkc) echo java -jar "$JAR" --source-type mariadb --source-port "$MY_RELAY" --source-user "$USER" \
      --source-password-env OBKC_BENCH_PASSWORD --target-type oceanbase --target-port "$OB_RELAY" --target-user "$USER" \
      --target-password-env OBKC_BENCH_PASSWORD --tables vb_bench.orders --threads "$THREADS" --progress none \
      --report-dir "$rd" ;;
  reladiff|datadiff)
    local bin=$HERE/.venv/bin/reladiff extra=""
    # reladiff 0.6 sorts its output rows and crashes when a NULL and a '' meet in one key (logged as ERROR, exit 0,
    # remaining differences not printed): --skip-sort-results avoids that sort. data-diff 0.11 has no such option.
    extra=--skip-sort-results
    [ "$1" = datadiff ] && bin=$HERE/.venv-datadiff/bin/data-diff extra=--no-tracking
    echo "$bin" "mysql://$USER:$PW@127.0.0.1:$MY_RELAY/vb_bench" orders "mysql://$USER:$PW@127.0.0.1:$OB_RELAY/vb_bench" \
      orders -k id $(for c in ${COLUMNS_CSV//,/ }; do echo -c "$c"; done) -a hashdiff -j "$THREADS" --json $extra ;;
  syncdiff)
    mkdir -p "$rd"
    cat > "$rd/config.toml" <<TOML
log-level = "info"
check-thread-count = $THREADS
use-checksum = true
use-checkpoint = false
fix-sql-file = "$rd/fix.sql"
[[check-tables]]
schema = "vb_bench"
tables = ["orders"]
[[source-db]]
host = "127.0.0.1"
port = $MY_RELAY
user = "$USER"
password = "$PW"
instance-id = "source-1"
[target-db]
host = "127.0.0.1"
port = $OB_RELAY
user = "$USER"
password = "$PW"
instance-id = "target-1"
TOML
    echo "$HERE/.tools/sync_diff_inspector" -config "$rd/config.toml" ;;
  esac
}
installed() {
  case $1 in
  obkc) true ;;
  reladiff) [ -x "$HERE/.venv/bin/reladiff" ] ;;
  datadiff) [ -x "$HERE/.venv-datadiff/bin/data-diff" ] ;;
  syncdiff) [ -x "$HERE/.tools/sync_diff_inspector" ] ;;
  esac
}

start_relay() { # listen-port server-port stats-file -> sets RELAY_PID; returns once the relay listens
  local fifo
  fifo=$(mktemp -u "$OUT/relay.XXXX") && mkfifo "$fifo"
  python3 "$HERE/mysqlcount.py" "$1" "$2" "$3" > "$fifo" &
  RELAY_PID=$!
  read -r _ < "$fifo"
  rm -f "$fifo"
}

printf 'phase\ttool\trun\tseconds\texit\tload1\tload5\tmy_questions\tmy_com_select\tmy_bytes_sent\n' > "$OUT/runs.tsv"
run_tool() { # phase tool run
  local id="$1-$2-$3" rd="$OUT/$1-$2-$3"
  if ! installed "$2"; then echo "== $id: not installed, skipped"; return; fi
  local cmd; cmd=$(tool_cmd "$2" "$rd")
  start_relay "$MY_RELAY" "$MY_PORT" "$OUT/$id.relay-mariadb.json"; local p1=$RELAY_PID
  start_relay "$OB_RELAY" "$OB_PORT" "$OUT/$id.relay-seekdb.json"; local p2=$RELAY_PID
  local load; load=$(uptime | sed 's/.*load average: //; s/,//g')
  local before; before=$(my_status)
  local t0; t0=$(date +%s.%N)
  local rc=0
  # COLUMNS: reladiff/data-diff print through rich, which wraps long JSON lines at the terminal width
  COLUMNS=100000 $cmd > "$OUT/$id.out" 2> "$OUT/$id.err" || rc=$?
  local t1; t1=$(date +%s.%N)
  local after; after=$(my_status)
  kill "$p1" "$p2"; wait "$p1" "$p2" || true
  local secs; secs=$(echo "$t1 - $t0" | bc)
  read -r q0 s0 b0 <<< "$before"; read -r q1 s1 b1 <<< "$after"
  read -r l1 l5 _ <<< "$load"
  printf '%s\t%s\t%s\t%.1f\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$secs" "$rc" "$l1" "$l5" \
    $((q1 - q0)) $((s1 - s0)) $((b1 - b0)) >> "$OUT/runs.tsv"
  echo "== $id: ${secs}s exit $rc (load $load)"
}

for phase in identical differences; do
  if [ "$phase" = differences ]; then
    "$HERE/inject.sh" "$ROWS" > "$OUT/expected.json"
    echo "== injected into seekdb: $(cat "$OUT/expected.json")"
  fi
  for run in $(seq 1 "$RUNS"); do
    for tool in $TOOLS; do run_tool "$phase" "$tool" "$run"; done
  done
done
python3 "$HERE/compare_report.py" "$OUT" "$ROWS" | tee "$OUT/results.md"
