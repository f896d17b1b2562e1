#!/usr/bin/env bash
# Registry benchmark: the registry API of `mlops server` against `mlflow server`'s model registry,
# both on SQLite, both seeded with the same registry (bench/registry_seed.py): 200 models,
# 10,000 versions, 1,000,000 tracking metric points of the runs behind them. One client
# (bench/registry_client.py, one keep-alive connection, warm-up first) measures p50/p95 of:
#   model list   ours GET api/registry/v1/models?limit=100
#                mlflow GET registered-models/search?max_results=100
#   model page   ours GET api/registry/v1/models/NAME (everything the page shows)
#                mlflow GET model-versions/search?filter=name='NAME' + registered-models/get?name=NAME
#   compare      ours GET api/registry/v1/models/NAME/compare?versions=2 to 4 versions (MLflow has none)
# One server at a time. Prints a table with ratios (mlflow / ours: above 1 means ours is faster).
# The seeded stores are kept and their paths printed, for other measurements (a browser's page load).
#
# usage: bench/registry-bench.sh [--requests N] [--warmup N] [--dir DIR]
# needs: the jar (./mvnw -q -DskipTests package) and the test virtual environment with mlflow
#        ($MLOPS_VENV, else .venv at the repository root).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
venv="${MLOPS_VENV:-$root/.venv}"
python="$venv/bin/python"
mlflow="$venv/bin/mlflow"
requests=200
warmup=50
work=""
while [ $# -gt 0 ]; do
    case "$1" in
        --requests) requests="$2"; shift 2 ;;
        --warmup) warmup="$2"; shift 2 ;;
        --dir) work="$2"; shift 2 ;;
        *) echo "usage: bench/registry-bench.sh [--requests N] [--warmup N] [--dir DIR]" >&2; exit 2 ;;
    esac
done
[ -x "$mlflow" ] || { echo "registry-bench: $mlflow not found; install mlflow into the virtual environment" >&2; exit 1; }
[ -f "$root/mlops-cli/target/mlops.jar" ] || { echo "registry-bench: build first: ./mvnw -q -DskipTests package" >&2; exit 1; }
if [ -z "$work" ]; then work="$(mktemp -d -t registry-bench.XXXXXX)"; fi
mkdir -p "$work"
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT
export MLFLOW_DISABLE_TELEMETRY=true DO_NOT_TRACK=true

free_port() {
    "$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

await() { # URL NAME LOG
    for _ in $(seq 1 240); do
        if curl -sf -o /dev/null "$1"; then return 0; fi
        if ! kill -0 "$server_pid" 2>/dev/null; then echo "registry-bench: $2 did not start:" >&2; cat "$3" >&2; exit 1; fi
        sleep 0.5
    done
    echo "registry-bench: $2 did not answer within 120 s" >&2; cat "$3" >&2; exit 1
}

stop() {
    kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
}

echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(free -g | awk '/Mem:/ {print $2}') GB"
echo "mlflow $("$python" -c 'import mlflow; print(mlflow.__version__)'), $(. "$root/bin/java-home.sh" && "$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
echo "$requests timed requests per call after $warmup warm-up requests"
echo

ours_db="$work/mlops.db"
mlflow_db="$work/mlflow.db"
if [ ! -f "$work/seeded" ]; then
    rm -f "$ours_db" "$mlflow_db"
    # Each schema comes from its own code: mlops migrates its store on open, MLflow's store runs its migrations.
    "$root/bin/mlops" --home "$work/mlops-home" registry list --store "sqlite:$ours_db" >/dev/null
    "$python" - "$mlflow_db" "$work/mlflow-artifacts" <<'PY' 2>/dev/null
import sys
from mlflow.store.model_registry.sqlalchemy_store import SqlAlchemyStore as RegistryStore
from mlflow.store.tracking.sqlalchemy_store import SqlAlchemyStore
SqlAlchemyStore(f"sqlite:///{sys.argv[1]}", sys.argv[2])
RegistryStore(f"sqlite:///{sys.argv[1]}")
PY
    seed_start=$(date +%s.%N)
    "$python" "$here/registry_seed.py" "$ours_db" "$mlflow_db"
    echo "seeding took $(echo "$(date +%s.%N) - $seed_start" | bc | cut -c1-5) s"
    touch "$work/seeded"
fi

port="$(free_port)"
"$mlflow" server --backend-store-uri "sqlite:///$mlflow_db" --artifacts-destination "$work/mlflow-artifacts" \
    --host 127.0.0.1 --port "$port" >"$work/mlflow.log" 2>&1 &
server_pid=$!
await "http://127.0.0.1:$port/health" "mlflow server" "$work/mlflow.log"
"$python" "$here/registry_client.py" "http://127.0.0.1:$port" mlflow "$requests" "$warmup" >"$work/mlflow.json"
stop

port="$(free_port)"
"$root/bin/mlops" --home "$work/mlops-home" server --port "$port" --store "sqlite:$ours_db" \
    --artifacts "$work/mlops-artifacts" >"$work/mlops.log" 2>&1 &
server_pid=$!
await "http://127.0.0.1:$port/api/registry/v1/models?limit=1" "mlops server" "$work/mlops.log"
"$python" "$here/registry_client.py" "http://127.0.0.1:$port" ours "$requests" "$warmup" >"$work/mlops.json"
stop

"$python" - "$work/mlflow.json" "$work/mlops.json" <<'PY'
import json, sys
mlflow, ours = (json.load(open(path)) for path in sys.argv[1:3])
print(f"{'call':14}{'mlflow p50':>12}{'p95':>9}{'mlops p50':>12}{'p95':>9}{'p95 ratio':>11}  target p95 < 100 ms")
for call in ("list", "page", "compare"):
    o = ours[call]
    if call in mlflow:
        m = mlflow[call]
        ratio = f"{m['p95'] / o['p95']:9.1f}x"
        peer = f"{m['p50']:10.1f}ms{m['p95']:7.1f}ms"
    else:
        ratio, peer = f"{'-':>10}", f"{'(none)':>12}{'':9}"
    verdict = "met" if o["p95"] < 100 else "NOT met"
    print(f"{call:14}{peer}{o['p50']:10.1f}ms{o['p95']:7.1f}ms{ratio}  {verdict}")
PY
echo
echo "seeded stores kept in $work:"
echo "  ours:   sqlite:$ours_db   (bin/mlops server --store sqlite:$ours_db)"
echo "  mlflow: sqlite:///$mlflow_db"
