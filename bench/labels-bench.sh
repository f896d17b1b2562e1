#!/usr/bin/env bash
# Labels benchmark (issue 3): parse and validate a generated COCO file with 100,000 images and
# 1,000,000 boxes with `bin/mlops data labels validate`, next to pycocotools' COCO(annotation_file)
# on the same file, in one run; prints wall time, peak memory and the ratios.
#
#   bench/labels-bench.sh [--runs N] [--seed S] [--images N] [--boxes N]
#
# Needs the built jar (./mvnw -q -DskipTests package) and the Python venv with pycocotools
# ($MLOPS_VENV, else .venv at the repository root). The generated file is kept under
# bench/work/labels/ (git-ignored) and reused by later runs with the same parameters.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
root="$(dirname "$here")"
venv="${MLOPS_VENV:-$root/.venv}"
python="$venv/bin/python"
if [ ! -x "$python" ]; then
    echo "labels-bench: no Python at $python; set MLOPS_VENV to a venv with pycocotools" >&2
    exit 1
fi
if ! "$python" -c 'import pycocotools.coco' 2>/dev/null; then
    echo "labels-bench: pycocotools is not installed in $venv (pip install pycocotools)" >&2
    exit 1
fi
if [ ! -f "${MLOPS_JAR:-$root/mlops-cli/target/mlops.jar}" ]; then
    echo "labels-bench: build the jar first: (cd $root && ./mvnw -q -DskipTests package)" >&2
    exit 1
fi
echo "machine: $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1e6}' /proc/meminfo) RAM;" \
    "$("$python" --version); pycocotools $("$python" -c 'import importlib.metadata as m; print(m.version("pycocotools"))');" \
    "java $(. "$root/bin/java-home.sh" && "$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
exec "$python" "$here/labels_bench.py" --work "$root/bench/work/labels" --mlops "$root/bin/mlops" "$@"
