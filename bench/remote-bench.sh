#!/usr/bin/env bash
# Benchmark: `mlops data push|pull --remote s3://...` against `dvc push` / `dvc fetch` (dvc with dvc-s3
# from PyPI) to the same S3-compatible server on loopback, on the same cache, in one run:
#   (a) 100,000 small files of 10 KiB      (b) 20 files of 100 MiB
# Both tools start from the same DVC repository (the suite's snapshot wrote data.dvc and .dvc/cache),
# push to their own prefix of a fresh bucket, then fetch into an emptied cache (dvc fetch: cache only,
# no checkout, which is what mlops data pull does). Both use their default parallelism (4 per CPU)
# unless --jobs is given. The server is started fresh for each case and warmed up with 3,000 PUTs and GETs
# of 10 KiB that no client is timed on (a JVM server's first thousands of requests cost it twice the CPU of
# later ones: without this the tool that runs first pays the server's JIT warm-up):
#   --server s3proxy (default): S3Proxy (org.gaul:s3proxy from Maven Central, fetched once with Maven
#       into $BENCH_WORK/s3proxy, never committed) with its `filesystem` backend on a directory under
#       $BENCH_WORK: a Java server that answers thousands of requests a second, so the clients are measured.
#   --server moto: moto's server (the one the tests use); one Python process that answers about 55
#       requests a second, which bounds both tools.
#
#   bench/remote-bench.sh [--small N] [--large N] [--large-mb MB] [--server s3proxy|moto] [--jobs N]
#
# Needs: the jar (./mvnw -DskipTests package), dvc and dvc-s3 (python/requirements-test.txt), moto[server]
# for --server moto. Work goes to $BENCH_WORK (default bench/work, git-ignored). Prints a Markdown table
# with the ratios, and the CPU the server spent on each client.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
small=100000 large=20 large_mb=100 server=s3proxy jobs=
s3proxy_version=4.1.0
while [ $# -gt 0 ]; do
    case "$1" in
        --small) small="$2"; shift 2 ;;
        --large) large="$2"; shift 2 ;;
        --large-mb) large_mb="$2"; shift 2 ;;
        --server) server="$2"; shift 2 ;;
        --jobs) jobs="$2"; shift 2 ;;
        *) echo "usage: $0 [--small N] [--large N] [--large-mb MB] [--server s3proxy|moto] [--jobs N]" >&2; exit 2 ;;
    esac
done
work="${BENCH_WORK:-$root/bench/work}"
venv="${MLOPS_VENV:-$root/.venv}"
dvc="$venv/bin/dvc"
moto="$venv/bin/moto_server"
mlops="$root/bin/mlops"
[ -x "$dvc" ] || { echo "bench: $dvc missing; run bin/setup-python" >&2; exit 1; }
case "$server" in
    moto) [ -x "$moto" ] || { echo "bench: $moto missing; pip install -r python/requirements-test.txt" >&2; exit 1; } ;;
    s3proxy) ;;
    *) echo "bench: --server must be s3proxy or moto, got $server" >&2; exit 2 ;;
esac
[ -f "$root/mlops-cli/target/mlops.jar" ] || { echo "bench: build first: ./mvnw -DskipTests package" >&2; exit 1; }
. "$root/bin/java-home.sh"
export DVC_NO_ANALYTICS=1
export AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench-secret AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
endpoint="http://127.0.0.1:$port"
server_pid=
s3proxy_jar="$work/s3proxy/s3proxy-$s3proxy_version-jar-with-dependencies.jar"

now() { date +%s.%N; }
# seconds COMMAND...: runs the command, prints its wall time in seconds; its CPU time (user + system,
# its child processes included) goes to $work/last.cpu, read with cpu(). On shared cores the CPU time
# says more about a client's cost than the wall time.
seconds() {
    local start end TIMEFORMAT='%U %S'
    sync
    start=$(now)
    { time "$@" >/dev/null 2>"$work/last.err"; } 2>"$work/last.cpu" \
        || { echo "bench: failed: $*" >&2; cat "$work/last.err" >&2; exit 1; }
    end=$(now)
    echo "$end - $start" | bc -l
}
cpu() { awk '{ print $1 + $2 }' "$work/last.cpu"; }
# server_cpu: the server's CPU seconds so far (user + system, from /proc): read before and after a step,
# it shows what the server spent answering one client, which shares the cores with it.
server_cpu() { awk -v tck="$(getconf CLK_TCK)" '{ print ($14 + $15) / tck }' "/proc/$server_pid/stat"; }
server_since() { echo "$(server_cpu) - $1" | bc -l; }
stop_server() { if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; server_pid=; fi; }
trap stop_server EXIT
fetch_s3proxy() {  # the self-contained S3Proxy jar from Maven Central, once
    [ -f "$s3proxy_jar" ] && return
    echo "bench: fetching org.gaul:s3proxy:$s3proxy_version (jar-with-dependencies) with Maven" >&2
    (cd "$root" && ./mvnw -B -q dependency:copy \
        -Dartifact="org.gaul:s3proxy:$s3proxy_version:jar:jar-with-dependencies" -DoutputDirectory="$work/s3proxy")
}
start_server() {  # a fresh, empty server on $endpoint with the bucket "bench"
    stop_server
    case "$server" in
        moto)
            "$moto" -H 127.0.0.1 -p "$port" >"$work/server.log" 2>&1 &
            server_pid=$! ;;
        s3proxy)
            rm -rf "$work/s3proxy-data"
            mkdir -p "$work/s3proxy-data"
            printf '%s\n' "s3proxy.endpoint=$endpoint" "s3proxy.authorization=none" \
                "jclouds.provider=filesystem" "jclouds.filesystem.basedir=$work/s3proxy-data" >"$work/s3proxy.conf"
            "$JAVA_HOME/bin/java" -Xmx2g -jar "$s3proxy_jar" --properties "$work/s3proxy.conf" >"$work/server.log" 2>&1 &
            server_pid=$! ;;
    esac
    for _ in $(seq 1 300); do
        curl -s -o /dev/null "$endpoint" && break
        sleep 0.2
    done
    python3 - "$endpoint" <<'PY'
import sys, urllib.request
# CreateBucket: an unsigned PUT is enough for a server without credential checks
urllib.request.urlopen(urllib.request.Request(sys.argv[1] + "/bench", method="PUT")).read()
PY
}
warm_server() {  # requests no client is timed on, so that the server's JIT warm-up is not charged to the first tool
    python3 - "$endpoint" <<'PY'
import http.client, os, sys, urllib.parse
url = urllib.parse.urlsplit(sys.argv[1])
connection = http.client.HTTPConnection(url.hostname, url.port)
body = os.urandom(10240)
for i in range(3000):
    connection.request("PUT", f"/bench/warm-up/{i}", body=body)
    connection.getresponse().read()
for i in range(3000):
    connection.request("GET", f"/bench/warm-up/{i}")
    connection.getresponse().read()
for _ in range(20):
    connection.request("GET", "/bench?list-type=2&prefix=warm-up/")
    connection.getresponse().read()
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
jobs_args=()
[ -n "$jobs" ] && jobs_args=(--jobs "$jobs")
mlops_push() { (cd "$1" && MLOPS_HOME="$1/.mlops-home" "$mlops" data push data.dvc --remote "s3://bench/mlops-$2" --endpoint-url "$endpoint" "${jobs_args[@]}"); }
mlops_pull() { (cd "$1" && MLOPS_HOME="$1/.mlops-home" "$mlops" data pull data.dvc --remote "s3://bench/mlops-$2" --endpoint-url "$endpoint" "${jobs_args[@]}"); }
dvc_remote() {
    (cd "$1" && "$dvc" remote add -f -d store "s3://bench/dvc-$2" && "$dvc" remote modify store endpointurl "$endpoint")
}
dvc_push() { (cd "$1" && "$dvc" push -q "${jobs_args[@]}"); }
dvc_fetch() { (cd "$1" && "$dvc" fetch -q "${jobs_args[@]}"); }
objects() { find "$1/.dvc/cache/files" -type f | wc -l; }

results=()
servers=()
run_case() {  # run_case NAME COUNT SIZE
    local name="$1" count="$2" size="$3" dir="$work/remote-$1"
    echo "bench: $name: generating $count files of $size bytes in $dir" >&2
    rm -rf "$dir"; mkdir -p "$dir/data"
    generate "$dir/data" "$count" "$size"
    (cd "$dir" && "$dvc" init --no-scm -q && MLOPS_HOME="$dir/.mlops-home" "$mlops" data snapshot data >/dev/null)
    dvc_remote "$dir" "$name"
    local expected; expected=$(objects "$dir")
    start_server
    echo "bench: $name: warming the server up" >&2
    warm_server

    local s0
    echo "bench: $name: mlops data push" >&2
    s0=$(server_cpu)
    local t_mlops_push; t_mlops_push=$(seconds mlops_push "$dir" "$name")
    local c_mlops_push; c_mlops_push=$(cpu)
    local v_mlops_push; v_mlops_push=$(server_since "$s0")
    echo "bench: $name: dvc push" >&2
    s0=$(server_cpu)
    local t_dvc_push; t_dvc_push=$(seconds dvc_push "$dir")
    local c_dvc_push; c_dvc_push=$(cpu)
    local v_dvc_push; v_dvc_push=$(server_since "$s0")

    rm -rf "$dir/.dvc/cache"
    echo "bench: $name: mlops data pull" >&2
    s0=$(server_cpu)
    local t_mlops_pull; t_mlops_pull=$(seconds mlops_pull "$dir" "$name")
    local c_mlops_pull; c_mlops_pull=$(cpu)
    local v_mlops_pull; v_mlops_pull=$(server_since "$s0")
    [ "$(objects "$dir")" = "$expected" ] || { echo "bench: mlops pull fetched $(objects "$dir") of $expected" >&2; exit 1; }
    rm -rf "$dir/.dvc/cache"
    echo "bench: $name: dvc fetch" >&2
    s0=$(server_cpu)
    local t_dvc_pull; t_dvc_pull=$(seconds dvc_fetch "$dir")
    local c_dvc_pull; c_dvc_pull=$(cpu)
    local v_dvc_pull; v_dvc_pull=$(server_since "$s0")
    [ "$(objects "$dir")" = "$expected" ] || { echo "bench: dvc fetch fetched $(objects "$dir") of $expected" >&2; exit 1; }
    stop_server
    results+=("$name|$count|$size|$t_mlops_push|$t_dvc_push|$t_mlops_pull|$t_dvc_pull|$c_mlops_push|$c_dvc_push|$c_mlops_pull|$c_dvc_pull")
    servers+=("$name|$count|$v_mlops_push|$v_dvc_push|$v_mlops_pull|$v_dvc_pull")
    rm -rf "$dir" "$work/s3proxy-data"
}

mkdir -p "$work"
[ "$server" = s3proxy ] && fetch_s3proxy
[ "$small" -gt 0 ] && run_case small "$small" 10240
[ "$large" -gt 0 ] && run_case large "$large" $((large_mb * 1024 * 1024))

case "$server" in
    moto) server_name="moto $("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("moto"))')" ;;
    s3proxy) server_name="S3Proxy $s3proxy_version (filesystem backend)" ;;
esac
printf '\nMachine: %s cores, %s, load %s at the end; %s; %s; dvc-s3 %s; jobs: %s; server: %s on loopback\n\n' \
    "$(nproc)" "$(free -g | awk '/Mem:/ {print $2 " GiB"}')" "$(cut -d' ' -f1-3 /proc/loadavg)" \
    "$("${JAVA_HOME:-/usr}/bin/java" -version 2>&1 | head -n 1)" "dvc $("$dvc" --version)" \
    "$("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("dvc-s3"))')" \
    "${jobs:-default (4 per CPU)}" "$server_name"
echo "Wall time, then the client's CPU time (user + system) in parentheses; ratios of both."
echo
echo "| data | mlops push | dvc push | push: dvc / mlops | mlops pull | dvc fetch | pull: dvc / mlops |"
echo "|---|---|---|---|---|---|---|"
for row in "${results[@]}"; do
    IFS='|' read -r name count size tmp tdp tmf tdf cmp cdp cmf cdf <<<"$row"
    printf '| %s: %s files x %s B | %.2f s (%.1f s CPU) | %.2f s (%.1f s CPU) | **%.1fx** (CPU %.1fx) | %.2f s (%.1f s CPU) | %.2f s (%.1f s CPU) | **%.1fx** (CPU %.1fx) |\n' \
        "$name" "$count" "$size" "$tmp" "$cmp" "$tdp" "$cdp" "$(echo "$tdp / $tmp" | bc -l)" "$(echo "$cdp / $cmp" | bc -l)" \
        "$tmf" "$cmf" "$tdf" "$cdf" "$(echo "$tdf / $tmf" | bc -l)" "$(echo "$cdf / $cmf" | bc -l)"
done
echo
echo "The server's CPU time (user + system) while it answered each client: on shared cores, a floor under wall time."
echo
echo "| data | server, mlops push | server, dvc push | server, mlops pull | server, dvc fetch |"
echo "|---|---|---|---|---|"
for row in "${servers[@]}"; do
    IFS='|' read -r name count vmp vdp vmf vdf <<<"$row"
    printf '| %s: %s files | %.1f s (%.2f ms/object) | %.1f s (%.2f ms/object) | %.1f s (%.2f ms/object) | %.1f s (%.2f ms/object) |\n' \
        "$name" "$count" "$vmp" "$(echo "$vmp * 1000 / $count" | bc -l)" "$vdp" "$(echo "$vdp * 1000 / $count" | bc -l)" \
        "$vmf" "$(echo "$vmf * 1000 / $count" | bc -l)" "$vdf" "$(echo "$vdf * 1000 / $count" | bc -l)"
done
