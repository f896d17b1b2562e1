#!/usr/bin/env bash
# Tracking benchmark: MLflow's own Python client logs the same run to `mlflow server` (its SQLite
# backend) and to `mlops server` (SQLite), one server at a time, in one invocation:
#   1 run, 100 params, then 10,000 metric points in log_batch calls of 1,000,
#   then 1,000 single log_metric calls.
# Prints the throughput of each server and the ratios (mlops / mlflow).
#
# usage: bench/tracking-bench.sh
# needs: the jar (./mvnw -q -DskipTests package) and the test virtual environment with mlflow
#        ($MLOPS_VENV, else .venv at the repository root).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
venv="${MLOPS_VENV:-$root/.venv}"
python="$venv/bin/python"
mlflow="$venv/bin/mlflow"
[ -x "$mlflow" ] || { echo "tracking-bench: $mlflow not found; install mlflow into the virtual environment" >&2; exit 1; }
[ -f "$root/mlops-cli/target/mlops.jar" ] || { echo "tracking-bench: build first: ./mvnw -q -DskipTests package" >&2; exit 1; }

work="$(mktemp -d)"
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
export MLFLOW_DISABLE_TELEMETRY=true DO_NOT_TRACK=true

free_port() {
    "$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

await() { # URL NAME LOG
    for _ in $(seq 1 240); do
        if curl -sf -o /dev/null "$1"; then return 0; fi
        if ! kill -0 "$server_pid" 2>/dev/null; then echo "tracking-bench: $2 did not start:" >&2; cat "$3" >&2; exit 1; fi
        sleep 0.5
    done
    echo "tracking-bench: $2 did not answer within 120 s" >&2; cat "$3" >&2; exit 1
}

stop() {
    kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
}

echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(free -g | awk '/Mem:/ {print $2}') GB"
echo "mlflow $("$python" -c 'import mlflow; print(mlflow.__version__)'), $(. "$root/bin/java-home.sh" && "$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
echo

port="$(free_port)"
"$mlflow" server --backend-store-uri "sqlite:///$work/mlflow.db" --artifacts-destination "$work/mlflow-artifacts" \
    --host 127.0.0.1 --port "$port" >"$work/mlflow.log" 2>&1 &
server_pid=$!
await "http://127.0.0.1:$port/health" "mlflow server" "$work/mlflow.log"
"$python" "$here/tracking_workload.py" "http://127.0.0.1:$port" mlflow >"$work/mlflow.json"
stop

port="$(free_port)"
"$root/bin/mlops" --home "$work/mlops-home" server --port "$port" --store "sqlite:$work/mlops.db" \
    --artifacts "$work/mlops-artifacts" >"$work/mlops.log" 2>&1 &
server_pid=$!
await "http://127.0.0.1:$port/api/2.0/mlflow/experiments/get?experiment_id=0" "mlops server" "$work/mlops.log"
"$python" "$here/tracking_workload.py" "http://127.0.0.1:$port" mlops >"$work/mlops.json"
stop

"$python" - "$work/mlflow.json" "$work/mlops.json" <<'PY'
import json, sys
mlflow, mlops = (json.load(open(path)) for path in sys.argv[1:3])
print(f"{'':34}{'mlflow server':>16}{'mlops server':>16}{'ratio':>10}")
rows = [
    ("log_batch, metric points/s", "batch_points_per_second"),
    ("single log_metric, calls/s", "single_calls_per_second"),
]
for title, key in rows:
    print(f"{title:34}{mlflow[key]:16,.0f}{mlops[key]:16,.0f}{mlops[key] / mlflow[key]:9.1f}x")
print(f"{'100 params in one log_batch, ms':34}{mlflow['params_seconds'] * 1000:16.1f}{mlops['params_seconds'] * 1000:16.1f}"
      f"{mlflow['params_seconds'] / mlops['params_seconds']:9.1f}x")
PY
