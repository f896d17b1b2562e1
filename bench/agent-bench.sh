#!/usr/bin/env bash
# Benchmark of issue 7: the inference agent against the limit (ONNX Runtime called in-process) and
# against two Python model servers, on the same models with the same closed-loop client:
#   models   a tiny MLP ([N,16] -> 32 -> 8, bench/make_mlp.py: server overhead is nearly all of it)
#            and a small CNN ([N,3,64,64], bench/make_cnn.py)
#   servers  inproc         ONNX Runtime Java in the client's process, one intra-op thread per run
#                           (what the agent gives each of its 2 sessions on 2 cores)
#            agent          bin/inference-agent --sessions 2, batching off (--max-batch-size 1)
#            agent-batch    the same with --max-batch-size 64 --max-queue-delay-us 500
#            kserve         the KServe Python model server (kserve.Model over onnxruntime,
#                           bench/kserve_onnx_server.py), one process (its default: with
#                           --workers 2 every request took a constant 44 ms here, see the docs)
#            triton         NVIDIA Triton Inference Server 2.51 (the real tritonserver binary from the
#                           nvidia-pytriton 0.7 wheel) with the model in onnxruntime behind Triton's
#                           Python backend (bench/triton_onnx_server.py), 2 model instances as the
#                           agent's 2 sessions, batching off (max_batch_size 0)
#            triton-batch   the same with Triton's dynamic batcher: max_batch_size 64, max queue delay
#                           500 us (issue 19)
#            mlflow         `mlflow models serve --env-manager local` (one worker, its default: with
#                           -w 2 every request took a constant 44 ms here) of the model logged with
#                           mlflow.onnx (bench/mlflow_log_onnx.py)
#            floor          two servers that answer a fixed reply without running a model
#                           (bench/HttpFloor.java), JSON and binary HTTP only: floor-socket, a
#                           thread per connection on a blocking socket (the least a Java HTTP server
#                           can cost), and floor-jetty, Jetty 12 as the agent runs it with one empty
#                           handler: what is left of an overhead above them is the server's own
#   load     bench/AgentLoad.java: 1, 8 and 64 clients, each sending one request of one row over
#            its own keep-alive connection (a plain socket, as wrk does: the JDK's HttpClient cost
#            more CPU per request than the agent) and waiting for the answer before the next;
#            gRPC through grpc-java's blocking stub; --warmup seconds (default 2) of load first,
#            then --seconds measured. The agent, a JVM, was still compiling its request path 3 to
#            7 s after start: a warm-up of 5 s measures it warm.
#   protocol json     V2 JSON for agent and kserve, MLflow's {"inputs": {...}} for mlflow
#            binary   the V2 binary tensor data extension (JSON header + raw little-endian bytes,
#                     Inference-Header-Content-Length, outputs in binary too) for agent and kserve;
#                     MLflow has no binary form, so it runs JSON only. Each result line says its
#                     protocol and the table keeps them apart.
#            grpc     V2 gRPC ModelInfer, the input in raw_input_contents (as tritonclient.grpc sends
#                     it), one channel for all clients: agent and triton (KServe's and MLflow's
#                     servers run without gRPC here)
#   report   per-request overhead over in-process at 1 client (1e6 / throughput, minus the same for
#            inproc, in microseconds) and throughput at 64 clients, the median of --repeat runs
#            (each repetition starts every server again, so the runs of all servers interleave);
#            and, less disturbed by other work on shared cores, CPU time per request: the server's
#            (its process and every process it started) and the load generator's, against the
#            in-process run's
#
#   bench/agent-bench.sh [--seconds S] [--warmup S] [--clients "1 8 64"] [--models "mlp cnn"]
#       [--servers "inproc floor agent kserve mlflow triton"] [--protocols "json binary grpc"] [--repeat N] [--append]
#   (agent runs both agent and agent-batch, triton both triton and triton-batch; --append keeps
#   earlier lines of results.jsonl)
#
# Needs: the jar (./mvnw -DskipTests package) and the venv (bin/setup-python). KServe is installed on
# first use into its own venv under $BENCH_WORK (kserve pins versions that clash with mlflow's).
# Triton, only when --servers names it, from $MLOPS_VENV-triton, which `bin/setup-python --triton`
# makes (the script runs it on first use) from Python 3.12 found as that script says: $MLOPS_PYTHON312,
# else python3.12 on the PATH, else pyenv's versions/3.12.*; the server runs with LD_LIBRARY_PATH set
# to that Python's LIBDIR (where libpython3.12.so.1.0 is, which Triton's Python backend stub loads).
# Prints a Markdown table with the ratios; raw lines go to $BENCH_WORK/agent/results.jsonl.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
seconds=5 warmup=2 clients="1 8 64" models="mlp cnn" servers="inproc agent kserve mlflow" protocols="json binary" repeat=1 append=no
while [ $# -gt 0 ]; do
    case "$1" in
        --seconds) seconds="$2"; shift 2 ;;
        --warmup) warmup="$2"; shift 2 ;;
        --clients) clients="$2"; shift 2 ;;
        --models) models="$2"; shift 2 ;;
        --servers) servers="$2"; shift 2 ;;
        --protocols) protocols="$2"; shift 2 ;;
        --repeat) repeat="$2"; shift 2 ;;
        --append) append=yes; shift ;;
        *) echo "usage: $0 [--seconds S] [--warmup S] [--clients \"1 8 64\"] [--models \"mlp cnn\"] [--servers \"inproc floor agent kserve mlflow triton\"] [--protocols \"json binary grpc\"] [--repeat N] [--append]" >&2; exit 2 ;;
    esac
done
work="${BENCH_WORK:-$root/bench/work}/agent"
venv="${MLOPS_VENV:-$root/.venv}"
python="$venv/bin/python"
# the same JDK (21 or newer) the launchers find, also for compiling the load generator
# shellcheck source=../bin/java-home.sh
. "$root/bin/java-home.sh"
java="$JAVA_HOME/bin/java"
jar="$root/inference-agent/target/inference-agent.jar"
[ -x "$python" ] || { echo "bench: $python missing; run bin/setup-python" >&2; exit 1; }
[ -f "$jar" ] || { echo "bench: build first: ./mvnw -DskipTests package" >&2; exit 1; }
mkdir -p "$work"
want() { [[ " $servers " == *" $1 "* ]]; }
if want triton; then
    triton_venv="${venv%/}-triton"
    if [ ! -x "$triton_venv/bin/python" ] || ! "$triton_venv/bin/python" -c 'import pytriton, onnxruntime' 2>/dev/null; then
        echo "bench: installing NVIDIA Triton (nvidia-pytriton) into $triton_venv: bin/setup-python --triton" >&2
        MLOPS_VENV="$venv" "$root/bin/setup-python" --triton >&2 \
            || { echo "bench: Triton needs Python 3.12 (see bin/setup-python --triton); run without triton in --servers" >&2; exit 1; }
    fi
    triton_libdir="$("$triton_venv/bin/python" -c 'import sysconfig; print(sysconfig.get_config_var("LIBDIR"))')"
    [ -e "$triton_libdir/libpython3.12.so.1.0" ] \
        || { echo "bench: $triton_venv is not a Python 3.12 with libpython3.12.so.1.0 in $triton_libdir; remove it and run bin/setup-python --triton" >&2; exit 1; }
    echo "bench: Triton from $triton_venv ($("$triton_venv/bin/python" -c 'import sys; print(sys.base_prefix)')), LD_LIBRARY_PATH=$triton_libdir" >&2
fi
if want kserve; then
kserve_venv="${BENCH_WORK:-$root/bench/work}/kserve-venv"
if [ ! -x "$kserve_venv/bin/python" ] || ! "$kserve_venv/bin/python" -c 'import kserve' 2>/dev/null; then
    echo "bench: installing kserve into $kserve_venv" >&2
    python3 -m venv "$kserve_venv"
    "$kserve_venv/bin/pip" install -q kserve==0.16.0 onnxruntime==1.31.1 numpy==2.4.6 >&2
fi
fi
port=18700
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

# wait_for URL: until it answers 200, at most 120 s
wait_for() {
    for _ in $(seq 1 240); do
        curl -sf -o /dev/null "$1" && return 0
        sleep 0.5
    done
    echo "bench: $1 never became ready" >&2
    return 1
}
# stop PID: ends one server this script started, and waits for it
stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }
# tree PID: PID and every process below it (a server and what it started: tritonserver, its Python
# backend stubs), whose CPU time AgentLoad counts as the server's; nothing for no PID
tree() {
    [ -n "$1" ] || return 0
    local all=" $1 " added=yes pid ppid
    while [ "$added" = yes ]; do
        added=no
        while read -r pid ppid; do
            if [[ "$all" == *" $ppid "* && "$all" != *" $pid "* ]]; then all+="$pid "; added=yes; fi
        done < <(ps -eo pid=,ppid=)
    done
    echo $all
}
# load LABEL MODEL PROTOCOL MODE TARGET INPUT SHAPE: one run per client count, appended to results.jsonl
# (CPU time counted for the server $server_pid and its descendants)
load() {
    local label="$1" model="$2" protocol="$3" mode="$4" target="$5" input="$6" shape="$7" n line
    for n in $clients; do
        line=$(AGENTLOAD_SERVER_PIDS="$(tree "${server_pid:-}")" AGENTLOAD_CLK_TCK="$(getconf CLK_TCK)" \
            "$java" -cp "$jar:$work/load-classes" AgentLoad "$mode" "$target" "$input" "$shape" "$n" "$seconds" 1 "$warmup")
        echo "{\"server\":\"$label\",\"model\":\"$model\",\"protocol\":\"$protocol\",\"round\":$round,${line#\{}" \
            | tee -a "$work/results.jsonl" >&2
    done
}
# load_v2 LABEL MODEL URL INPUT SHAPE [GRPC_ADDRESS]: the V2 load in each protocol asked for; gRPC
# only for a server given a gRPC address
load_v2() {
    local protocol
    for protocol in $protocols; do
        case "$protocol" in
            json) load "$1" "$2" json v2 "$3" "$4" "$5" ;;
            binary) load "$1" "$2" binary v2-binary "$3" "$4" "$5" ;;
            grpc) if [ -n "${6:-}" ]; then load "$1" "$2" grpc grpc "$6/$2" "$4" "$5"; fi ;;
            *) echo "bench: unknown protocol $protocol (json, binary or grpc)" >&2; exit 2 ;;
        esac
    done
}

[ "$append" = yes ] || : >"$work/results.jsonl"
# The load generator compiled once, not by the source launcher before every run (seconds each on
# loaded cores, and CPU taken from the server measured meanwhile).
rm -rf "$work/load-classes"
"$JAVA_HOME/bin/javac" -nowarn -cp "$jar" -d "$work/load-classes" "$root/bench/AgentLoad.java" "$root/bench/HttpFloor.java"
"$python" "$root/bench/make_mlp.py" "$work" >&2
"$python" "$root/bench/make_cnn.py" "$work" 0 >&2
echo "bench-admin-token" >"$work/admin-token"
echo "bench: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start" >&2
for round in $(seq 1 "$repeat"); do
[ "$repeat" -eq 1 ] || echo "bench: round $round of $repeat, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for model in $models; do
    case "$model" in
        mlp) input=x shape=1,16 ;;
        cnn) input=image shape=1,3,64,64 ;;
        *) echo "bench: unknown model $model" >&2; exit 2 ;;
    esac
    rm -rf "$work/repo-$model" && mkdir -p "$work/repo-$model/$model/1"
    cp "$work/$model.onnx" "$work/repo-$model/$model/1/model.onnx"

    server_pid=
    want inproc && load inproc "$model" none inproc "$work/$model.onnx" "$input" "$shape"

    # The floors: what HTTP alone costs on this machine, no model run (bench/HttpFloor.java).
    want floor && for kind in socket jetty; do
        port=$((port + 1))
        "$java" -cp "$jar:$work/load-classes" HttpFloor "$kind" "$port" >"$work/floor-$kind.log" 2>&1 &
        pid=$!; pids+=("$pid"); server_pid=$pid
        for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
        for protocol in $protocols; do
            case "$protocol" in
                json) load "floor-$kind" "$model" json v2 "http://127.0.0.1:$port/v2/models/$model/infer" "$input" "$shape" ;;
                binary) load "floor-$kind" "$model" binary v2-binary "http://127.0.0.1:$port/v2/models/$model/infer" "$input" "$shape" ;;
            esac
        done
        stop "$pid"
    done

    want agent && for batching in off on; do
        port=$((port + 1))
        flags=(--max-batch-size 1)
        label=agent
        if [ "$batching" = on ]; then flags=(--max-batch-size 64 --max-queue-delay-us 500); label=agent-batch; fi
        grpc_port=$((port + 500))
        "$java" -jar "$jar" --repository "$work/repo-$model" --port "$port" --grpc-port "$grpc_port" --admin-token-file "$work/admin-token" \
            --sessions 2 --queue-capacity 1024 "${flags[@]}" >"$work/agent-$model-$batching.log" 2>&1 &
        pid=$!; pids+=("$pid"); server_pid=$pid
        wait_for "http://127.0.0.1:$port/v2/health/ready"
        load_v2 "$label" "$model" "http://127.0.0.1:$port/v2/models/$model/infer" "$input" "$shape" "127.0.0.1:$grpc_port"
        curl -s "http://127.0.0.1:$port/metrics" >"$work/metrics-$model-$batching.txt"
        stop "$pid"
    done

    if want kserve; then
    port=$((port + 1))
    "$kserve_venv/bin/python" "$root/bench/kserve_onnx_server.py" "$work/$model.onnx" "$model" "$port" 1 \
        >"$work/kserve-$model.log" 2>&1 &
    pid=$!; pids+=("$pid"); server_pid=$pid
    wait_for "http://127.0.0.1:$port/v2/models/$model/ready"
    load_v2 kserve "$model" "http://127.0.0.1:$port/v2/models/$model/infer" "$input" "$shape"
    stop "$pid"
    fi

    want triton && for batching in off on; do
        port=$((port + 1))
        label=triton
        [ "$batching" = on ] && label=triton-batch
        # Run from $work: PyTriton keeps its workspace (model store, sockets) under ~/.cache/pytriton.
        (cd "$work" && LD_LIBRARY_PATH="$triton_libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" exec "$triton_venv/bin/python" \
            "$root/bench/triton_onnx_server.py" "$work/$model.onnx" "$model" "$port" $((port + 500)) $((port + 1000)) "$batching" 2) \
            >"$work/triton-$model-$batching.log" 2>&1 &
        pid=$!; pids+=("$pid"); server_pid=$pid
        wait_for "http://127.0.0.1:$port/v2/models/$model/ready"
        load_v2 "$label" "$model" "http://127.0.0.1:$port/v2/models/$model/infer" "$input" "$shape" "127.0.0.1:$((port + 500))"
        curl -s "http://127.0.0.1:$((port + 1000))/metrics" >"$work/triton-metrics-$model-$batching.txt" || true
        stop "$pid"
    done

    # MLflow's scoring server has no binary tensor form: it runs JSON only, and only when asked for.
    if want mlflow && [[ " $protocols " == *" json "* ]]; then
    port=$((port + 1))
    # MLflow 3 refuses its file store unless told; a file store is all a benchmark needs.
    export MLFLOW_ALLOW_FILE_STORE=true
    uri=$("$python" "$root/bench/mlflow_log_onnx.py" "$work/$model.onnx" "$input" "$shape" "$work/mlruns" 2>"$work/mlflow-log-$model.log" | tail -1)
    # mlflow starts `uvicorn` from the PATH: the venv's.
    PATH="$venv/bin:$PATH" MLFLOW_TRACKING_URI="file:$work/mlruns" "$venv/bin/mlflow" models serve -m "$uri" --env-manager local \
        -h 127.0.0.1 -p "$port" -w 1 >"$work/mlflow-$model.log" 2>&1 &
    pid=$!; pids+=("$pid"); server_pid=$pid
    wait_for "http://127.0.0.1:$port/ping"
    load mlflow "$model" json mlflow "http://127.0.0.1:$port/invocations" "$input" "$shape"
    stop "$pid"
    fi
done
done
echo "bench: load average $(cut -d' ' -f1-3 /proc/loadavg) at the end" >&2
"$python" "$root/bench/agent_bench_table.py" "$work/results.jsonl"
