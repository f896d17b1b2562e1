"""Logs artifacts and a model with the stock MLflow client through a server whose artifacts are in S3.

Logs a text file and a sklearn model (log_model), registers runs:/RUN/model, aliases it and loads
models:/NAME@production back, comparing predictions; downloads the text file again. The client is
given no S3 settings: every byte goes through the server's proxied artifacts API. The last line
printed is READBACK <json>.
"""
import json
import os
import sys
import tempfile

import mlflow
import numpy as np
from mlflow import MlflowClient
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression

name, notes_text = sys.argv[1], sys.argv[2]
X, y = load_iris(return_X_y=True)
sample = X[:5]
client = MlflowClient()

mlflow.set_experiment("s3-artifacts")
with mlflow.start_run() as run:
    classifier = LogisticRegression(max_iter=300).fit(X, y)
    notes = os.path.join(tempfile.mkdtemp(), "readme.txt")
    with open(notes, "w") as f:
        f.write(notes_text)
    mlflow.log_artifact(notes, artifact_path="notes")
    mlflow.sklearn.log_model(classifier, name="model")
run_id = run.info.run_id

version = mlflow.register_model(f"runs:/{run_id}/model", name)
client.set_registered_model_alias(name, "production", version.version)
loaded = mlflow.pyfunc.load_model(f"models:/{name}@production")
same = bool(np.array_equal(np.asarray(loaded.predict(sample)), np.asarray(classifier.predict(sample))))
downloaded = mlflow.artifacts.download_artifacts(f"runs:/{run_id}/notes/readme.txt")
with open(downloaded) as f:
    notes_back = f.read()

print("READBACK " + json.dumps({
    "run_id": run_id,
    "version": int(version.version),
    "same_predictions": same,
    "notes": notes_back,
    "artifact_uri": run.info.artifact_uri,
}))
