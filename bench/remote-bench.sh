#!/usr/bin/env bash
# Benchmark: `mlops data push|pull --remote s3://...` against `dvc push` / `dvc fetch` (dvc with dvc-s3
# from PyPI) to the same S3-compatible server (moto's server on loopback, the one the tests use), on
# the same cache, in one run:
#   (a) 100,000 small files of 10 KiB      (b) 20 files of 100 MiB
# Both tools start from the same DVC repository (the suite's snapshot wrote data.dvc and .dvc/cache),
# push to their own prefix of a fresh bucket, then fetch into an emptied cache (dvc fetch: cache only,
# no checkout, which is what mlops data pull does). Both use their default parallelism (4 per CPU).
# The server is restarted between cases (moto keeps objects in memory).
#
#   bench/remote-bench.sh [--small N] [--large N] [--large-mb MB]
#
# Needs: the jar (./mvnw -DskipTests package) and dvc, dvc-s3, moto[server] (python/requirements-test.txt).
# Work goes to $BENCH_WORK (default bench/work, git-ignored). Prints a Markdown table with the ratios.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
small=100000 large=20 large_mb=100
while [ $# -gt 0 ]; do
    case "$1" in
        --small) small="$2"; shift 2 ;;
        --large) large="$2"; shift 2 ;;
        --large-mb) large_mb="$2"; shift 2 ;;
        *) echo "usage: $0 [--small N] [--large N] [--large-mb MB]" >&2; exit 2 ;;
    esac
done
work="${BENCH_WORK:-$root/bench/work}"
venv="${MLOPS_VENV:-$root/.venv}"
dvc="$venv/bin/dvc"
moto="$venv/bin/moto_server"
mlops="$root/bin/mlops"
[ -x "$dvc" ] || { echo "bench: $dvc missing; run bin/setup-python" >&2; exit 1; }
[ -x "$moto" ] || { echo "bench: $moto missing; pip install -r python/requirements-test.txt" >&2; exit 1; }
[ -f "$root/mlops-cli/target/mlops.jar" ] || { echo "bench: build first: ./mvnw -DskipTests package" >&2; exit 1; }
export DVC_NO_ANALYTICS=1
export AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench-secret AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
endpoint="http://127.0.0.1:$port"
moto_pid=

now() { date +%s.%N; }
seconds() {  # seconds COMMAND...: runs the command, prints its wall time in seconds
    local start end
    sync
    start=$(now)
    "$@" >/dev/null 2>"$work/last.err" || { echo "bench: failed: $*" >&2; cat "$work/last.err" >&2; exit 1; }
    end=$(now)
    echo "$end - $start" | bc -l
}
stop_moto() { if [ -n "$moto_pid" ]; then kill "$moto_pid" 2>/dev/null || true; wait "$moto_pid" 2>/dev/null || true; moto_pid=; fi; }
trap stop_moto EXIT
start_moto() {
    stop_moto
    "$moto" -H 127.0.0.1 -p "$port" >"$work/moto.log" 2>&1 &
    moto_pid=$!
    for _ in $(seq 1 300); do
        curl -s -o /dev/null "$endpoint" && break
        sleep 0.2
    done
    python3 - "$endpoint" <<'PY'
import sys, urllib.request
# CreateBucket: an unsigned PUT is enough for moto without credential checks
urllib.request.urlopen(urllib.request.Request(sys.argv[1] + "/bench", method="PUT")).read()
PY
}
generate() {  # generate DIR COUNT SIZE_BYTES: COUNT files of random bytes in 100 subdirectories
    python3 - "$1" "$2" "$3" <<'PY'
import os, sys
root, count, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
for i in range(count):
    d = os.path.join(root, f"d{i % 100:03d}")
    if i < 100:
        os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, f"f{i:07d}.bin"), "wb") as f:
        remaining = size
        while remaining:
            n = min(remaining, 1 << 24)
            f.write(os.urandom(n))
            remaining -= n
PY
}
mlops_push() { (cd "$1" && MLOPS_HOME="$1/.mlops-home" "$mlops" data push data.dvc --remote "s3://bench/mlops-$2" --endpoint-url "$endpoint"); }
mlops_pull() { (cd "$1" && MLOPS_HOME="$1/.mlops-home" "$mlops" data pull data.dvc --remote "s3://bench/mlops-$2" --endpoint-url "$endpoint"); }
dvc_remote() {
    (cd "$1" && "$dvc" remote add -f -d store "s3://bench/dvc-$2" && "$dvc" remote modify store endpointurl "$endpoint")
}
dvc_push() { (cd "$1" && "$dvc" push -q); }
dvc_fetch() { (cd "$1" && "$dvc" fetch -q); }
objects() { find "$1/.dvc/cache/files" -type f | wc -l; }

results=()
run_case() {  # run_case NAME COUNT SIZE
    local name="$1" count="$2" size="$3" dir="$work/remote-$1"
    echo "bench: $name: generating $count files of $size bytes in $dir" >&2
    rm -rf "$dir"; mkdir -p "$dir/data"
    generate "$dir/data" "$count" "$size"
    (cd "$dir" && "$dvc" init --no-scm -q && MLOPS_HOME="$dir/.mlops-home" "$mlops" data snapshot data >/dev/null)
    dvc_remote "$dir" "$name"
    local expected; expected=$(objects "$dir")
    start_moto

    echo "bench: $name: mlops data push" >&2
    local t_mlops_push; t_mlops_push=$(seconds mlops_push "$dir" "$name")
    echo "bench: $name: dvc push" >&2
    local t_dvc_push; t_dvc_push=$(seconds dvc_push "$dir")

    rm -rf "$dir/.dvc/cache"
    echo "bench: $name: mlops data pull" >&2
    local t_mlops_pull; t_mlops_pull=$(seconds mlops_pull "$dir" "$name")
    [ "$(objects "$dir")" = "$expected" ] || { echo "bench: mlops pull fetched $(objects "$dir") of $expected" >&2; exit 1; }
    rm -rf "$dir/.dvc/cache"
    echo "bench: $name: dvc fetch" >&2
    local t_dvc_pull; t_dvc_pull=$(seconds dvc_fetch "$dir")
    [ "$(objects "$dir")" = "$expected" ] || { echo "bench: dvc fetch fetched $(objects "$dir") of $expected" >&2; exit 1; }
    stop_moto
    results+=("$name|$count|$size|$t_mlops_push|$t_dvc_push|$t_mlops_pull|$t_dvc_pull")
    rm -rf "$dir"
}

mkdir -p "$work"
[ "$small" -gt 0 ] && run_case small "$small" 10240
[ "$large" -gt 0 ] && run_case large "$large" $((large_mb * 1024 * 1024))

. "$root/bin/java-home.sh"
printf '\nMachine: %s cores, %s; %s; %s; dvc-s3 %s; moto %s on loopback\n\n' "$(nproc)" \
    "$(free -g | awk '/Mem:/ {print $2 " GiB"}')" "$("${JAVA_HOME:-/usr}/bin/java" -version 2>&1 | head -n 1)" \
    "dvc $("$dvc" --version)" "$("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("dvc-s3"))')" \
    "$("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("moto"))')"
echo "| data | mlops push | dvc push | push: dvc / mlops | mlops pull | dvc fetch | pull: dvc / mlops |"
echo "|---|---|---|---|---|---|---|"
for row in "${results[@]}"; do
    IFS='|' read -r name count size tmp tdp tmf tdf <<<"$row"
    printf '| %s: %s files x %s B | %.2f s | %.2f s | **%.1fx** | %.2f s | %.2f s | **%.1fx** |\n' \
        "$name" "$count" "$size" "$tmp" "$tdp" "$(echo "$tdp / $tmp" | bc -l)" \
        "$tmf" "$tdf" "$(echo "$tdf / $tmf" | bc -l)"
done
