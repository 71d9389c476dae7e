#!/usr/bin/env bash
# Installs the third-party verifiers that compare.sh runs next to obkc-verify, all inside bench/verifier
# (git-ignored): .venv (reladiff), .venv-datadiff (data-diff 0.11), .tools/sync_diff_inspector.
# Each step is skipped when its result exists; a failed step is reported and the others still run.
# Usage: bench/verifier/setup-tools.sh [reladiff] [datadiff] [syncdiff]    (default: all three)
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
WANT=${*:-reladiff datadiff syncdiff}
PY=${PYTHON:-python3}
status=0

for tool in $WANT; do
  case $tool in
  reladiff)
    if [ ! -x "$HERE/.venv/bin/reladiff" ]; then
      echo "== reladiff -> $HERE/.venv"
      "$PY" -m venv "$HERE/.venv" && "$HERE/.venv/bin/pip" install -q 'reladiff[mysql]==0.6.*' || status=1
    fi ;;
  datadiff)
    if [ ! -x "$HERE/.venv-datadiff/bin/data-diff" ]; then
      echo "== data-diff 0.11 -> $HERE/.venv-datadiff"
      # data-diff 0.11 declares dbt-core>=1.0 and pydantic>=1.10 without upper bounds, but imports pydantic 1 APIs,
      # and dbt-core 1.8+ pulls a parser wheel from outside the package registry: pin both to versions it ran with.
      "$PY" -m venv "$HERE/.venv-datadiff" &&
        "$HERE/.venv-datadiff/bin/pip" install -q 'data-diff[mysql]==0.11.*' 'dbt-core<1.8' 'pydantic<2' || status=1
    fi ;;
  syncdiff)
    if [ ! -x "$HERE/.tools/sync_diff_inspector" ]; then
      echo "== sync_diff_inspector (tidb-tools v5.0.3 from the Go module proxy) -> $HERE/.tools"
      (
        set -e
        export GOPATH="$HERE/.tools/gopath" GOFLAGS=-modcacherw
        mkdir -p "$HERE/.tools"
        # The only version of github.com/pingcap/tidb-tools the proxy lists is v5.0.3+incompatible; its go.mod is
        # stored as go.mod1, so `go install ...@v5.0.3+incompatible` resolves every dependency to today's
        # versions, which no longer have the packages it imports. Build from the module copy with its own go.mod.
        dir=$(cd "$HERE/.tools" && go mod download -json github.com/pingcap/tidb-tools@v5.0.3+incompatible |
          sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
        rm -rf "$HERE/.tools/src" && cp -r "$dir" "$HERE/.tools/src" && chmod -R u+w "$HERE/.tools/src"
        cd "$HERE/.tools/src" && mv go.mod1 go.mod && mv go.sum1 go.sum
        # It always writes its checkpoint into a database named sync_diff_inspector on the target; the shared
        # test-bed servers only allow vb_* databases for this benchmark, so rename it in the local copy.
        sed -i 's/checkpointSchemaName = "sync_diff_inspector"/checkpointSchemaName = "vb_sync_diff_checkpoint"/' \
          pkg/diff/checkpoint.go
        # Go >= 1.23 refuses its linkname into the runtime unless the check is switched off.
        go build -ldflags=-checklinkname=0 -o "$HERE/.tools/sync_diff_inspector" ./sync_diff_inspector
      ) || status=1
    fi ;;
  *) echo "unknown tool $tool" >&2; status=2 ;;
  esac
done
exit $status
