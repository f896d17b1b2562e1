"""Registers MLflow model directories with the stock client and loads them back by models:/ URIs.

Registers a logged sklearn model by runs:/RUN/model, by the models:/m-... URI log_model returned
and by its mlflow-artifacts: location, and a model directory logged as plain run artifacts; aliases
one; loads models:/NAME@alias and models:/NAME/VERSION and compares predictions. Then loads the
ONNX file version the test registered (argument 2) by models:/NAME@production with mlflow.onnx.
Bad input is answered with MLflow's error codes. The last line printed is READBACK <json>.
"""
import json
import os
import sys
import tempfile

import mlflow
import numpy as np
import onnxruntime
from mlflow import MlflowClient
from mlflow.entities import LoggedModelStatus
from mlflow.exceptions import MlflowException
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression

name, onnx_name = sys.argv[1], sys.argv[2]
X, y = load_iris(return_X_y=True)
sample = X[:5]
client = MlflowClient()


def error_code(call):
    try:
        call()
        return None
    except MlflowException as e:
        return e.error_code


def same(model_uri, expected):
    predicted = mlflow.pyfunc.load_model(model_uri).predict(sample)
    return bool(np.array_equal(np.asarray(predicted), np.asarray(expected)))


mlflow.set_experiment("registry-directories")
with mlflow.start_run() as run:
    classifier = LogisticRegression(max_iter=300).fit(X, y)
    info = mlflow.sklearn.log_model(classifier, name="model")
    saved = os.path.join(tempfile.mkdtemp(), "packaged")
    mlflow.sklearn.save_model(classifier, saved)
    mlflow.log_artifacts(saved, artifact_path="packaged")
    notes = os.path.join(tempfile.mkdtemp(), "readme.txt")
    with open(notes, "w") as f:
        f.write("no model here\n")
    mlflow.log_artifact(notes, artifact_path="notes")
run_id = run.info.run_id
expected = classifier.predict(sample)
logged = client.get_logged_model(info.model_id)

by_run = mlflow.register_model(f"runs:/{run_id}/model", name)
by_model = mlflow.register_model(info.model_uri, name)
by_location = mlflow.register_model(logged.artifact_location, name)
by_run_artifacts = mlflow.register_model(f"runs:/{run_id}/packaged", name)
client.set_registered_model_alias(name, "production", by_run.version)
downloaded = mlflow.artifacts.download_artifacts(f"models:/{name}/{by_location.version}")

checks = {
    "alias": same(f"models:/{name}@production", expected),
    "by_model_uri": same(f"models:/{name}/{by_model.version}", expected),
    "by_location": same(f"models:/{name}/{by_location.version}", expected),
    "by_run_artifacts": same(f"models:/{name}/{by_run_artifacts.version}", expected),
}

onnx_model = mlflow.onnx.load_model(f"models:/{onnx_name}@production")
session = onnxruntime.InferenceSession(onnx_model.SerializeToString(), providers=["CPUExecutionProvider"])
onnx_input = session.get_inputs()[0].name
onnx_out = session.run(None, {onnx_input: sample.astype(np.float32)})[0]
onnx_pyfunc = mlflow.pyfunc.load_model(f"models:/{onnx_name}@production").predict(sample.astype(np.float32))

client.finalize_logged_model(info.model_id, LoggedModelStatus.READY)
print("READBACK " + json.dumps({
    "run_id": run_id,
    "model_id": info.model_id,
    "versions": [by_run.version, by_model.version, by_location.version, by_run_artifacts.version],
    "sources": [v.source for v in (by_run, by_model, by_location, by_run_artifacts)],
    "run_ids": [v.run_id for v in (by_run, by_model, by_location, by_run_artifacts)],
    "download_uri": client.get_model_version_download_uri(name, by_run.version),
    "downloaded": sorted(os.listdir(downloaded)),
    "checks": checks,
    "onnx_times3": bool(np.allclose(onnx_out, sample * 3)),
    "onnx_pyfunc": bool(np.allclose(np.asarray(next(iter(onnx_pyfunc.values()))), sample * 3)),
    "errors": {
        "escape": error_code(lambda: client.create_model_version(name, f"runs:/{run_id}/../../x", run_id)),
        "absolute": error_code(lambda: client.create_model_version(name, f"runs:/{run_id}//etc/passwd", run_id)),
        "nul": error_code(lambda: client.create_model_version(name, f"runs:/{run_id}/model\u0000x", run_id)),
        "no_mlmodel": error_code(lambda: client.create_model_version(name, f"runs:/{run_id}/notes", run_id)),
        "unknown_logged_model_source": error_code(
            lambda: client.create_model_version(name, "models:/m-" + "0" * 32)),
        "unknown_logged_model": error_code(lambda: client.get_logged_model("m-" + "0" * 32)),
        "finalized_twice": str(client.get_logged_model(info.model_id).status),
    },
}), flush=True)
