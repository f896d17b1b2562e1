"""A training script that uses only MLflow's stock API, then reads back what it logged.

Run against `mlops server` (MLFLOW_TRACKING_URI) or under `mlops track`, where start_run()
continues the run the tracker created. The last line printed is READBACK <json>.
"""
import json
import os
import sys
import tempfile

import mlflow
from mlflow import MlflowClient

experiment = sys.argv[1]
mlflow.set_experiment(experiment)
with mlflow.start_run() as run:
    mlflow.log_params({"learning_rate": 0.01, "epochs": 5, "optimizer": "adam"})
    for step in range(5):
        mlflow.log_metric("loss", round(1.0 / (step + 1), 6), step=step)
        mlflow.log_metric("accuracy", 0.5 + step / 10, step=step)
    mlflow.set_tags({"team": "vision", "purpose": "acceptance"})
    notes = os.path.join(tempfile.mkdtemp(), "notes.txt")
    with open(notes, "w") as f:
        f.write("trained on the acceptance data\n")
    mlflow.log_artifact(notes)
    mlflow.log_artifact(notes, artifact_path="reports")
    mlflow.log_dict({"layers": [64, 32], "dropout": 0.1}, "config/model.json")

run_id = run.info.run_id
client = MlflowClient()
fetched = client.get_run(run_id)
history = client.get_metric_history(run_id, "loss")
found = client.search_runs([fetched.info.experiment_id], filter_string="params.optimizer = 'adam'")
model = mlflow.artifacts.download_artifacts(run_id=run_id, artifact_path="config/model.json")
with open(model) as f:
    model_json = json.load(f)
print("READBACK " + json.dumps({
    "run_id": run_id,
    "experiment_id": fetched.info.experiment_id,
    "status": fetched.info.status,
    "params": fetched.data.params,
    "metrics": fetched.data.metrics,
    "tags": {k: v for k, v in fetched.data.tags.items() if not k.startswith("mlflow.")},
    "history": [[m.step, m.value] for m in history],
    "search": [r.info.run_id for r in found],
    "artifacts": sorted(f.path for f in client.list_artifacts(run_id)),
    "model_json": model_json,
}), flush=True)
