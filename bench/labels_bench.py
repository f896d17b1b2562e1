"""Labels benchmark: mlops parse + validate vs pycocotools' COCO() load, on one generated file.

Generates (once, then reuses) a COCO instances file with 100,000 images, 1,000,000 boxes and 80
categories, deterministic for a seed, laid out as COCO's own files are (images, annotations,
categories). Then, in one run, times each contender as a separate process, several times, and
reports the median wall time and the peak resident memory (ru_maxrss from wait4):

  mlops    bin/mlops data labels validate --labels-only coco:FILE   (JVM start, parse, validate)
  peer     python -c "COCO(FILE)" with pycocotools                  (interpreter, import, load, index)

pycocotools is also timed inside its process around the COCO() call alone, without interpreter
start and imports, which is the figure most favourable to the peer; the ratio is given for both.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time

PEER_SCRIPT = """
import sys, time
from pycocotools.coco import COCO
started = time.perf_counter()
coco = COCO(sys.argv[1])
elapsed = time.perf_counter() - started
print("COCO_CALL_SECONDS", elapsed, len(coco.getImgIds()), len(coco.getAnnIds()), file=sys.stderr)
"""


def generate(path, images, boxes, categories, seed):
    rng = random.Random(seed)
    sizes = [(640, 480), (1280, 720), (1920, 1080), (800, 600), (1024, 768)]
    with open(path + ".tmp", "w") as out:
        out.write('{"info": {"description": "mlops labels benchmark", "seed": %d},\n"images": [\n' % seed)
        dims = []
        for i in range(1, images + 1):
            w, h = sizes[rng.randrange(len(sizes))]
            dims.append((w, h))
            out.write('%s{"id": %d, "file_name": "train/%06d.jpg", "width": %d, "height": %d}'
                      % ("" if i == 1 else ",\n", i, i, w, h))
        out.write('],\n"annotations": [\n')
        for a in range(1, boxes + 1):
            image = rng.randrange(images) + 1
            w, h = dims[image - 1]
            bw = round(rng.uniform(4, w / 3), 2)
            bh = round(rng.uniform(4, h / 3), 2)
            x = round(rng.uniform(0, w - bw), 2)
            y = round(rng.uniform(0, h - bh), 2)
            out.write('%s{"id": %d, "image_id": %d, "category_id": %d, "bbox": [%s, %s, %s, %s], '
                      '"area": %s, "iscrowd": 0, "segmentation": []}'
                      % ("" if a == 1 else ",\n", a, image, rng.randrange(categories) + 1,
                         x, y, bw, bh, round(bw * bh, 2)))
        out.write('],\n"categories": [')
        out.write(", ".join('{"id": %d, "name": "class%d", "supercategory": "thing"}' % (c, c)
                            for c in range(1, categories + 1)))
        out.write("]}\n")
    os.replace(path + ".tmp", path)


def measure(command, stdout_file, env=None):
    """Runs a command to completion; returns wall seconds, peak RSS in bytes, and stderr.

    wait4 reports the peak resident memory of exactly this process; stdout goes to a file."""
    with open(stdout_file, "wb") as stdout:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=stdout, stderr=subprocess.PIPE, env=env)
        stderr = process.stderr.read()
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit("failed (%d): %s\n%s" % (process.returncode, " ".join(command), stderr.decode()))
    return elapsed, usage.ru_maxrss * 1024, stderr.decode()


def check_report(path, images, boxes):
    """The validation must have read every image and box and found no error, or the time means nothing."""
    with open(path) as report_file:
        report = json.load(report_file)
    if report["images"] != images or report["annotations"] != boxes or report["errors"] != 0:
        sys.exit("mlops read %s images and %s boxes with %s errors, expected %d, %d and 0"
                 % (report["images"], report["annotations"], report["errors"], images, boxes))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", required=True, help="directory for the generated file")
    parser.add_argument("--mlops", required=True, help="the bin/mlops launcher")
    parser.add_argument("--images", type=int, default=100_000)
    parser.add_argument("--boxes", type=int, default=1_000_000)
    parser.add_argument("--categories", type=int, default=80)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    os.makedirs(args.work, exist_ok=True)
    path = os.path.join(args.work, "coco-%d-images-%d-boxes-seed%d.json" % (args.images, args.boxes, args.seed))
    if not os.path.exists(path):
        print("generating %s ..." % path, flush=True)
        generate(path, args.images, args.boxes, args.categories, args.seed)
    size_mb = os.path.getsize(path) / 1e6
    print("file: %s (%.1f MB): %s images, %s boxes, %d categories"
          % (path, size_mb, format(args.images, ","), format(args.boxes, ","), args.categories))

    mlops = [args.mlops, "--json", "data", "labels", "validate", "--labels-only", "coco:" + path]
    report = os.path.join(args.work, "report.json")
    peer = [sys.executable, "-c", PEER_SCRIPT, path]
    bounded = dict(os.environ, MLOPS_JAVA_OPTS="-Xmx256m")
    rows = {"mlops": [], "mlops256": [], "peer": [], "peercall": []}
    rss = {"mlops": [], "mlops256": [], "peer": []}
    for run in range(args.runs):
        # alternate the contenders so that neither always runs on a warmer page cache
        wall, peak, _ = measure(mlops, report)
        check_report(report, args.images, args.boxes)
        rows["mlops"].append(wall)
        rss["mlops"].append(peak)
        wall, peak, stderr = measure(peer, os.devnull)
        rows["peer"].append(wall)
        rss["peer"].append(peak)
        call = [line for line in stderr.splitlines() if line.startswith("COCO_CALL_SECONDS")][0].split()
        rows["peercall"].append(float(call[1]))
        if int(call[2]) != args.images or int(call[3]) != args.boxes:
            sys.exit("pycocotools read %s images and %s boxes, expected %d and %d"
                     % (call[2], call[3], args.images, args.boxes))
        wall, peak, _ = measure(mlops, report, bounded)
        check_report(report, args.images, args.boxes)
        rows["mlops256"].append(wall)
        rss["mlops256"].append(peak)
        print("run %d: mlops %.2f s, mlops -Xmx256m %.2f s, pycocotools process %.2f s (COCO() %.2f s)"
              % (run + 1, rows["mlops"][-1], rows["mlops256"][-1], rows["peer"][-1], rows["peercall"][-1]),
              flush=True)

    med = {key: statistics.median(values) for key, values in rows.items()}
    peak = {key: max(values) for key, values in rss.items()}
    print()
    print("median of %d runs                                          wall      peak RSS" % args.runs)
    print("mlops data labels validate --labels-only (whole process)  %6.2f s  %7.0f MB" % (med["mlops"], peak["mlops"] / 1e6))
    print("  same, MLOPS_JAVA_OPTS=-Xmx256m                          %6.2f s  %7.0f MB" % (med["mlops256"], peak["mlops256"] / 1e6))
    print("pycocotools COCO(file) (whole process)                     %6.2f s  %7.0f MB" % (med["peer"], peak["peer"] / 1e6))
    print("pycocotools COCO(file) (the call alone)                    %6.2f s" % med["peercall"])
    print()
    print("ratio, pycocotools process / mlops process:   %.2fx" % (med["peer"] / med["mlops"]))
    print("ratio, pycocotools COCO() call / mlops process: %.2fx" % (med["peercall"] / med["mlops"]))
    print("ratio, peak RSS pycocotools / mlops:          %.2fx" % (peak["peer"] / peak["mlops"]))


if __name__ == "__main__":
    main()
