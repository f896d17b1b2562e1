"""Logs an ONNX model with mlflow.onnx for `mlflow models serve`: mlflow_log_onnx.py MODEL INPUT SHAPE TRACKING_DIR.

Prints the model URI. The signature (float32 tensor of SHAPE with a free first dimension) lets
MLflow's scoring server turn the JSON `inputs` into the float32 array the model takes."""
import sys

import mlflow
import numpy as np
import onnx
from mlflow.models import infer_signature

model_file, input_name, shape, tracking = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
dims = [int(d) for d in shape.split(",")]
mlflow.set_tracking_uri("file:" + tracking)
example = {input_name: np.zeros(dims, dtype=np.float32)}
model = onnx.load(model_file)
import onnxruntime

session = onnxruntime.InferenceSession(model_file)
output = session.run(None, example)[0]
signature = infer_signature(example, output)
with mlflow.start_run() as run:
    info = mlflow.onnx.log_model(model, name="model", signature=signature)
print(info.model_uri)
