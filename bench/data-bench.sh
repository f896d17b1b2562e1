#!/usr/bin/env bash
# Benchmark: `mlops data snapshot` against `dvc add` (dvc from PyPI) and parallel `md5sum`, on the
# same files, in one run:
#   (a) 100,000 small files of ~10 KB      (b) 20 files of 100 MB
# plus the re-snapshot of unchanged data. Every tool reads from a warm page cache (a warm-up read
# precedes the timed runs), and both snapshotters copy into a fresh cache of their own.
# --cache-type sets DVC's cache.type (e.g. hardlink, copy, "reflink,copy") in .dvc/config of both
# fresh repositories, so both tools link or copy the same way; without it, DVC's default applies.
#
#   bench/data-bench.sh [--small N] [--large N] [--large-mb MB] [--cache-type TYPE]
#
# Writes the figures as a bar chart too: $BENCH_CHART (default docs/benchmarks-data.svg).
# Needs: the jar (./mvnw -DskipTests package) and dvc (bin/setup-python). Work goes to
# $BENCH_WORK (default bench/work, git-ignored). Prints a Markdown table with the ratios.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
# the JDK bin/mlops runs on, named in the machine line
# shellcheck source=../bin/java-home.sh
. "$root/bin/java-home.sh"
small=100000 large=20 large_mb=100 cache_type=
while [ $# -gt 0 ]; do
    case "$1" in
        --small) small="$2"; shift 2 ;;
        --large) large="$2"; shift 2 ;;
        --large-mb) large_mb="$2"; shift 2 ;;
        --cache-type) cache_type="$2"; shift 2 ;;
        *) echo "usage: $0 [--small N] [--large N] [--large-mb MB] [--cache-type TYPE]" >&2; exit 2 ;;
    esac
done
work="${BENCH_WORK:-$root/bench/work}"
venv="${MLOPS_VENV:-$root/.venv}"
dvc="$venv/bin/dvc"
mlops="$root/bin/mlops"
[ -x "$dvc" ] || { echo "bench: $dvc missing; run bin/setup-python" >&2; exit 1; }
[ -f "$root/mlops-cli/target/mlops.jar" ] || { echo "bench: build first: ./mvnw -DskipTests package" >&2; exit 1; }
export DVC_NO_ANALYTICS=1
jobs="$(nproc)"

now() { date +%s.%N; }
# seconds COMMAND...: runs the command, prints its wall time in seconds. Dirty pages are flushed
# first, so that no run pays for writing back what an earlier one (or the generator) wrote.
seconds() {
    local start end
    sync
    start=$(now)
    "$@" >/dev/null 2>"$work/last.err" || { echo "bench: failed: $*" >&2; cat "$work/last.err" >&2; exit 1; }
    end=$(now)
    echo "$end - $start" | bc -l
}
warm() { find "$1" -type f -print0 | xargs -0 -r cat >/dev/null; }
fresh_repo() {  # fresh_repo DIR: an empty DVC repository (no Git), no cache, no state
    unlink_workspace "$1/data"
    rm -rf "$1/.dvc" "$1"/*.dvc
    (cd "$1" && "$dvc" init --no-scm -q)
    if [ -n "$cache_type" ]; then (cd "$1" && "$dvc" config cache.type "$cache_type"); fi
}
# unlink_workspace DIR: turns links into the cache (left by a snapshot with cache.type symlink or
# hardlink) back into plain writable files, so the next tool starts from the same data
unlink_workspace() {
    [ -d "$1" ] || return 0
    python3 - "$1" <<'PY'
import os, shutil, stat, sys
for base, _, names in os.walk(sys.argv[1]):
    for name in names:
        path = os.path.join(base, name)
        if os.path.islink(path):
            target = os.path.realpath(path)
            os.unlink(path)
            shutil.copyfile(target, path)
        os.chmod(path, 0o644)
PY
}
# md5sum_parallel DIR BATCH: one md5sum per BATCH files, $jobs at a time
md5sum_parallel() { find "$1" -type f -print0 | xargs -0 -r -P "$jobs" -n "$2" md5sum >/dev/null; }
mlops_snapshot() { (cd "$1" && MLOPS_HOME="$1/.mlops-home" "$mlops" data snapshot data); }
dvc_add() { (cd "$1" && "$dvc" add -q data); }

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

results=()
run_case() {  # run_case NAME COUNT SIZE
    local name="$1" count="$2" size="$3" dir="$work/$1"
    echo "bench: $name: generating $count files of $size bytes in $dir" >&2
    rm -rf "$dir"; mkdir -p "$dir/data"
    generate "$dir/data" "$count" "$size"
    warm "$dir/data"

    echo "bench: $name: md5sum -P $jobs" >&2
    local batch=$(( count / (jobs * 8) > 0 ? count / (jobs * 8) : 1 ))
    local t_md5; t_md5=$(seconds md5sum_parallel "$dir/data" "$batch")

    fresh_repo "$dir"; rm -rf "$dir/.mlops-home"
    echo "bench: $name: mlops data snapshot" >&2
    local t_mlops; t_mlops=$(seconds mlops_snapshot "$dir")
    echo "bench: $name: mlops data snapshot (unchanged)" >&2
    local t_mlops_again; t_mlops_again=$(seconds mlops_snapshot "$dir")
    local ours; ours=$(cat "$dir/data.dvc")

    fresh_repo "$dir"
    echo "bench: $name: dvc add" >&2
    local t_dvc; t_dvc=$(seconds dvc_add "$dir")
    echo "bench: $name: dvc add (unchanged)" >&2
    local t_dvc_again; t_dvc_again=$(seconds dvc_add "$dir")
    if [ "$ours" != "$(cat "$dir/data.dvc")" ]; then
        echo "bench: $name: mlops and dvc disagree on data.dvc" >&2; exit 1
    fi
    results+=("$name|$count|$size|$t_md5|$t_mlops|$t_mlops_again|$t_dvc|$t_dvc_again")
    rm -rf "$dir"
}

mkdir -p "$work"
[ "$small" -gt 0 ] && run_case small "$small" 10240
[ "$large" -gt 0 ] && run_case large "$large" $((large_mb * 1024 * 1024))

printf '\nMachine: %s cores, %s; %s; dvc %s; %s; cache.type: %s\n\n' "$jobs" "$(free -g | awk '/Mem:/ {print $2 " GiB"}')" \
    "$("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1)" "$("$dvc" --version)" "$(md5sum --version | head -n 1)" \
    "${cache_type:-dvc default (reflink,copy)}"
echo "| data | md5sum -P$jobs | mlops snapshot | dvc add | dvc / mlops | mlops / md5sum | mlops unchanged | dvc unchanged |"
echo "|---|---|---|---|---|---|---|---|"
for row in "${results[@]}"; do
    IFS='|' read -r name count size t_md5 t_mlops t_again t_dvc t_dvc_again <<<"$row"
    printf '| %s: %s files x %s B | %.2f s | %.2f s | %.2f s | **%.1fx** | %.2fx | %.2f s | %.2f s |\n' \
        "$name" "$count" "$size" "$t_md5" "$t_mlops" "$t_dvc" \
        "$(echo "$t_dvc / $t_mlops" | bc -l)" "$(echo "$t_mlops / $t_md5" | bc -l)" "$t_again" "$t_dvc_again"
done

chart="${BENCH_CHART:-$root/docs/benchmarks-data.svg}"
printf '%s\n' "${results[@]}" | python3 "$root/bench/bar-chart.py" "$chart" \
    "Seconds to snapshot (lower is better), $(nproc) cores" \
    "md5sum -P$jobs" "mlops snapshot" "mlops unchanged" "dvc add" "dvc unchanged"
echo "chart: $chart"
