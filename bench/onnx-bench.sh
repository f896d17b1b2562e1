#!/usr/bin/env bash
# Benchmarks of issue 6, each against a named peer on the same input, in one run:
#   (a) COCO evaluation: `mlops evaluate coco-results` against pycocotools' COCOeval on the same
#       synthetic set and detections (default 5,000 images, 50,000 detections); the twelve summary
#       numbers must be identical (to 1e-12).
#   (b) Evaluation throughput: `mlops evaluate` of a small CNN (random weights) on generated 64x64
#       PNG images (default 10,000) against the same model in Python onnxruntime with a plain loop
#       (bench/peer_cnn.py); best of three alternating runs each.
#
#   bench/onnx-bench.sh [--images N] [--detections N] [--cnn-images N]
#
# Needs: the jar (./mvnw -DskipTests package) and the venv (bin/setup-python). Work goes to
# $BENCH_WORK (default bench/work, git-ignored). Prints a Markdown table with the ratios.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
images=5000 detections=50000 cnn_images=10000
while [ $# -gt 0 ]; do
    case "$1" in
        --images) images="$2"; shift 2 ;;
        --detections) detections="$2"; shift 2 ;;
        --cnn-images) cnn_images="$2"; shift 2 ;;
        *) echo "usage: $0 [--images N] [--detections N] [--cnn-images N]" >&2; exit 2 ;;
    esac
done
work="${BENCH_WORK:-$root/bench/work}/onnx"
venv="${MLOPS_VENV:-$root/.venv}"
python="$venv/bin/python"
mlops="$root/bin/mlops"
[ -x "$python" ] || { echo "bench: $python missing; run bin/setup-python" >&2; exit 1; }
[ -f "$root/mlops-cli/target/mlops.jar" ] || { echo "bench: build first: ./mvnw -DskipTests package" >&2; exit 1; }
mkdir -p "$work"

now() { date +%s.%N; }
# timed OUTFILE COMMAND...: runs the command with stdout to OUTFILE, prints its wall time in seconds
timed() {
    local out="$1" start end
    shift
    start=$(now)
    "$@" >"$out" 2>"$work/last.err" || { echo "bench: failed: $*" >&2; cat "$work/last.err" >&2; exit 1; }
    end=$(now)
    echo "$end - $start" | bc -l
}

echo "bench: (a) generating $images images / $detections detections" >&2
"$python" "$root/bench/make_coco.py" "$work/coco" "$images" "$detections" >&2
echo "bench: (a) pycocotools COCOeval" >&2
t_peer=$(timed "$work/coco/peer.json" "$python" "$root/python/reference_metrics.py" coco "$work/coco/instances.json" "$work/coco/results.json")
echo "bench: (a) mlops evaluate coco-results" >&2
t_ours=$(timed "$work/coco/ours.json" "$mlops" --json evaluate coco-results --annotations "$work/coco/instances.json" --results "$work/coco/results.json")
max_diff=$("$python" - "$work/coco/peer.json" "$work/coco/ours.json" <<'PY'
import json, sys
peer = json.load(open(sys.argv[1]))["stats"]
ours = json.load(open(sys.argv[2]))
names = ["mAP", "mAP50", "mAP75", "mAPSmall", "mAPMedium", "mAPLarge", "ar1", "ar10", "ar100", "arSmall", "arMedium", "arLarge"]
diff = max(abs(p - ours[n]) for p, n in zip(peer, names))
if diff > 1e-12:
    raise SystemExit(f"numbers differ by {diff}: peer {peer}, ours {[ours[n] for n in names]}")
print(f"{diff:.1e} (mAP {peer[0]:.6f}, mAP50 {peer[1]:.6f})")
PY
)

echo "bench: (b) generating the CNN and $cnn_images images" >&2
"$python" "$root/bench/make_cnn.py" "$work/cnn" "$cnn_images" >&2
cat "$work/cnn/images"/*/* >/dev/null
# Three alternating runs of each; the best of each counts (the machine may be shared). "in-process"
# is the evaluation itself (the loop after Python's imports; mlops' own timing after JVM start),
# "end-to-end" the whole process.
best() { printf '%s\n' "$@" | sort -g | head -n 1; }
loop_runs=() loop_inner=() eval_runs=() eval_inner=()
for run in 1 2 3; do
    echo "bench: (b) run $run: Python onnxruntime loop" >&2
    loop_runs+=("$(timed "$work/cnn/peer.txt" "$python" "$root/bench/peer_cnn.py" "$work/cnn/images" "$work/cnn/cnn.onnx")")
    loop_inner+=("$(awk '{print $6}' "$work/cnn/peer.txt")")
    echo "bench: (b) run $run: mlops evaluate" >&2
    eval_runs+=("$(timed "$work/cnn/ours.json" "$mlops" --json evaluate --model "$work/cnn/cnn.onnx" --data "$work/cnn/images" --task classification --batch 32)")
    eval_inner+=("$(sed -n 's/^evaluated [0-9]* samples in \([0-9.]*\) s.*/\1/p' "$work/last.err")")
done
t_loop=$(best "${loop_runs[@]}") t_loop_inner=$(best "${loop_inner[@]}")
t_eval=$(best "${eval_runs[@]}") t_eval_inner=$(best "${eval_inner[@]}")
acc_peer=$(awk '{print $2}' "$work/cnn/peer.txt")
acc_ours=$("$python" -c "import json,sys; print(repr(json.load(open(sys.argv[1]))['metrics']['accuracy']))" "$work/cnn/ours.json")

printf '\nMachine: %s cores, %s; %s; onnxruntime (Python) %s; pycocotools %s\n\n' "$(nproc)" \
    "$(free -g | awk '/Mem:/ {print $2 " GiB"}')" "$("${JAVA_HOME:-/usr}/bin/java" -version 2>&1 | head -n 1)" \
    "$("$python" -c 'import onnxruntime; print(onnxruntime.__version__)')" \
    "$("$python" -c 'from importlib.metadata import version; print(version("pycocotools"))')"
echo "| benchmark | peer | mlops | peer / mlops | check |"
echo "|---|---|---|---|---|"
printf '| (a) COCO eval, %s images / %s detections | pycocotools COCOeval %.2f s | %.2f s | **%.1fx** | max stat difference %s |\n' \
    "$images" "$detections" "$t_peer" "$t_ours" "$(echo "$t_peer / $t_ours" | bc -l)" "$max_diff"
printf '| (b) CNN evaluation in-process, %s PNG images 64x64 | onnxruntime loop %.2f s (%.0f img/s) | %.2f s (%.0f img/s) | **%.2fx** | accuracy %s vs %s |\n' \
    "$cnn_images" "$t_loop_inner" "$(echo "$cnn_images / $t_loop_inner" | bc -l)" "$t_eval_inner" \
    "$(echo "$cnn_images / $t_eval_inner" | bc -l)" "$(echo "$t_loop_inner / $t_eval_inner" | bc -l)" "$acc_peer" "$acc_ours"
printf '| (b) the same, end-to-end (process start to exit) | %.2f s | %.2f s | %.2fx | runs: peer %s, mlops %s |\n' \
    "$t_loop" "$t_eval" "$(echo "$t_loop / $t_eval" | bc -l)" "${loop_runs[*]}" "${eval_runs[*]}"
