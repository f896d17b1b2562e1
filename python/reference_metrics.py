#!/usr/bin/env python3
"""Reference metric values from the reference implementations, for the suite's equality tests and
benchmarks. Prints one JSON object (floats in repr form, so they round-trip exactly).

  reference_metrics.py classification DATA.npz   y_true (int), scores (float32 [n, classes])
  reference_metrics.py regression DATA.npz       y_true, y_pred (float [n, outputs])
  reference_metrics.py coco GT.json RESULTS.json COCO instances + results: COCOeval bbox
"""
import json
import sys

import numpy as np


def classification(path):
    from sklearn import metrics

    data = np.load(path)
    y, scores = data["y_true"], data["scores"]
    classes = scores.shape[1]
    labels = list(range(classes))
    y_pred = scores.argmax(axis=1)
    p, r, f, s = metrics.precision_recall_fscore_support(y, y_pred, labels=labels, zero_division=0)
    out = {
        "accuracy": metrics.accuracy_score(y, y_pred),
        "top_k": {str(k): metrics.top_k_accuracy_score(y, scores, k=k, labels=labels)
                  for k in range(2, min(5, classes - 1) + 1)},
        "precision": p.tolist(), "recall": r.tolist(), "f1": f.tolist(), "support": s.tolist(),
        "macro_f1": metrics.f1_score(y, y_pred, labels=labels, average="macro", zero_division=0),
        "weighted_f1": metrics.f1_score(y, y_pred, labels=labels, average="weighted", zero_division=0),
        "confusion": metrics.confusion_matrix(y, y_pred, labels=labels).tolist(),
    }
    if classes == 2:
        out["roc_auc"] = metrics.roc_auc_score(y, scores[:, 1])
    else:
        out["roc_auc"] = metrics.roc_auc_score(y, scores, multi_class="ovr", average="macro", labels=labels)
    return out


def regression(path):
    from sklearn import metrics

    data = np.load(path)
    y, pred = data["y_true"], data["y_pred"]
    return {
        "mae": metrics.mean_absolute_error(y, pred),
        "rmse": metrics.root_mean_squared_error(y, pred),
        "r2": metrics.r2_score(y, pred),
    }


def coco(gt_path, results_path):
    import contextlib
    import io

    from pycocotools.coco import COCO
    from pycocotools.cocoeval import COCOeval

    with contextlib.redirect_stdout(io.StringIO()):  # COCO prints progress; stdout is for JSON
        gt = COCO(gt_path)
        dt = gt.loadRes(results_path)
        ev = COCOeval(gt, dt, "bbox")
        ev.evaluate()
        ev.accumulate()
        ev.summarize()
    precision = ev.eval["precision"]
    per_class = {}
    for k, cat_id in enumerate(ev.params.catIds):
        p = precision[:, :, k, 0, -1]
        p = p[p > -1]
        per_class[gt.cats[cat_id]["name"]] = float(np.mean(p)) if p.size else -1.0
    return {"stats": [float(v) for v in ev.stats], "ap_per_class": per_class}


if __name__ == "__main__":
    kind, args = sys.argv[1], sys.argv[2:]
    result = {"classification": classification, "regression": regression, "coco": coco}[kind](*args)
    print(json.dumps(result))
