"""Writes rows of the quickstart's feature table as a KServe V2 JSON infer request.

usage: v2_request.py TABLE.csv OUT.json [ROWS]   (all rows when ROWS is left out)
"""
import json
import sys

import numpy as np

table, out = sys.argv[1], sys.argv[2]
rows = int(sys.argv[3]) if len(sys.argv) > 3 else None
x = np.loadtxt(table, delimiter=",", skiprows=1)[:rows, :3].astype(np.float32)
request = {"inputs": [{"name": "input", "shape": list(x.shape), "datatype": "FP32", "data": x.ravel().tolist()}]}
with open(out, "w", encoding="utf-8") as f:
    json.dump(request, f)
