"""Loads the production model the way a team's own code does, with the stock MLflow client only.

usage: load_production.py TRACKING_URI REQUEST.json
The registry answers `models:/persons@production` with the registered ONNX file and the MLmodel
that mlflow.onnx.save_model would have written beside it, so pyfunc loads and predicts.
"""
import json
import sys

import mlflow
import numpy as np

mlflow.set_tracking_uri(sys.argv[1])
with open(sys.argv[2], encoding="utf-8") as f:
    tensor = json.load(f)["inputs"][0]
x = np.asarray(tensor["data"], dtype=np.float32).reshape(tensor["shape"])
model = mlflow.pyfunc.load_model("models:/persons@production")
print(f"models:/persons@production (flavor {sorted(model.metadata.flavors)}) predicts {model.predict(x)}")
