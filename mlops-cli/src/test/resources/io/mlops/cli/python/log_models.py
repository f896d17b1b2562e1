"""MLflow 3 model logging with the stock client: log_model of the sklearn, onnx and pyfunc
flavors and sklearn autolog with its defaults, then load each model back by runs:/ and by the
models:/m-... URI log_model returned, and compare predictions with the original model.

Run against `mlops server` (MLFLOW_TRACKING_URI) or under `mlops track`. Argument: the experiment.
The last line printed is READBACK <json>.
"""
import json
import sys

import mlflow
import numpy as np
import onnx
from mlflow import MlflowClient
from onnx import TensorProto, helper
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression

X, y = load_iris(return_X_y=True)
X = X.astype(np.float32)
sample = X[:7]
result = {}


def same(expected, model_uri):
    predicted = mlflow.pyfunc.load_model(model_uri).predict(sample)
    if isinstance(predicted, dict):
        predicted = next(iter(predicted.values()))
    expected = np.asarray(expected, dtype=float)
    return bool(np.allclose(expected, np.asarray(predicted, dtype=float).reshape(expected.shape)))


class Doubler(mlflow.pyfunc.PythonModel):
    def predict(self, context, model_input, params=None):
        return np.asarray(model_input) * 2.0


def onnx_model():
    # y = x * 3, written with onnx's helper so that no converter is needed.
    three = helper.make_tensor("three", TensorProto.FLOAT, [1], [3.0])
    node = helper.make_node("Mul", ["x", "three"], ["y"])
    graph = helper.make_graph(
        [node], "times3",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [None, 4])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [None, 4])],
        initializer=[three])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


mlflow.set_experiment(sys.argv[1])
client = MlflowClient()
with mlflow.start_run() as run:
    classifier = LogisticRegression(max_iter=300).fit(X, y)
    mlflow.log_metric("train_accuracy", classifier.score(X, y))
    sk = mlflow.sklearn.log_model(classifier, name="model")
    on = mlflow.onnx.log_model(onnx_model(), name="onnx_model")
    py = mlflow.pyfunc.log_model(name="doubler", python_model=Doubler())
run_id = run.info.run_id

checks = {
    "sklearn_runs_uri": same(classifier.predict(sample), f"runs:/{run_id}/model"),
    "sklearn_model_uri": same(classifier.predict(sample), sk.model_uri),
    "onnx_runs_uri": same(sample * 3, f"runs:/{run_id}/onnx_model"),
    "onnx_model_uri": same(sample * 3, on.model_uri),
    "pyfunc_runs_uri": same(sample * 2, f"runs:/{run_id}/doubler"),
    "pyfunc_model_uri": same(sample * 2, py.model_uri),
}
logged = client.get_logged_model(sk.model_id)
result.update({
    "run_id": run_id,
    "model_ids": [sk.model_id, on.model_id, py.model_id],
    "model_uri": sk.model_uri,
    "status": str(logged.status),
    "source_run_id": logged.source_run_id,
    "artifact_location": logged.artifact_location,
    "files": sorted(f.path for f in client.list_logged_model_artifacts(sk.model_id)),
    "run_status": client.get_run(run_id).info.status,
})

# Autolog with its defaults: fit() logs params, metrics and the model.
mlflow.sklearn.autolog()
with mlflow.start_run() as auto_run:
    auto = LogisticRegression(max_iter=200).fit(X, y)
mlflow.sklearn.autolog(disable=True)
auto_models = client.search_logged_models(
    experiment_ids=[auto_run.info.experiment_id], filter_string=f"source_run_id = '{auto_run.info.run_id}'")
checks["autolog_runs_uri"] = same(auto.predict(sample), f"runs:/{auto_run.info.run_id}/model")
checks["autolog_model_uri"] = same(auto.predict(sample), f"models:/{auto_models[0].model_id}")
auto_fetched = client.get_run(auto_run.info.run_id)
result.update({
    "autolog_run_id": auto_run.info.run_id,
    "autolog_params": sorted(auto_fetched.data.params),
    "autolog_metrics": sorted(auto_fetched.data.metrics),
    "autolog_models": [m.name for m in auto_models],
    "checks": checks,
})
print("READBACK " + json.dumps(result), flush=True)
