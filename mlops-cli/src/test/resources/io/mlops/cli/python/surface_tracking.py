"""The experiment, run-search and artifact calls of the stock MLflow client, against the server."""
import os
import sys
import tempfile

import mlflow
import pandas as pd
import requests
from mlflow import MlflowClient

from surface import check, expect_error, finish

tag = sys.argv[2]
client = MlflowClient()
experiment_id = client.create_experiment(f"surface-{tag}")


def experiment_tags():
    client.set_experiment_tag(experiment_id, "team", "vision")
    assert client.get_experiment(experiment_id).tags["team"] == "vision"
    client.delete_experiment_tag(experiment_id, "team")
    assert "team" not in client.get_experiment(experiment_id).tags
    expect_error("RESOURCE_DOES_NOT_EXIST", lambda: client.delete_experiment_tag(experiment_id, "team"))


def rename():
    client.rename_experiment(experiment_id, f"renamed-{tag}")
    assert client.get_experiment(experiment_id).name == f"renamed-{tag}"
    other = client.create_experiment(f"other-{tag}")
    expect_error("RESOURCE_ALREADY_EXISTS", lambda: client.rename_experiment(other, f"renamed-{tag}"))


def delete_and_restore():
    with mlflow.start_run(experiment_id=experiment_id) as run:
        pass
    client.delete_experiment(experiment_id)
    assert client.get_experiment(experiment_id).lifecycle_stage == "deleted"
    assert client.get_run(run.info.run_id).info.lifecycle_stage == "deleted"
    expect_error("RESOURCE_DOES_NOT_EXIST", lambda: client.delete_experiment(experiment_id))
    expect_error("INVALID_PARAMETER_VALUE", lambda: client.set_experiment_tag(experiment_id, "k", "v"))
    client.restore_experiment(experiment_id)
    assert client.get_experiment(experiment_id).lifecycle_stage == "active"
    assert client.get_run(run.info.run_id).info.lifecycle_stage == "active"


check("MlflowClient.set_experiment_tag / delete_experiment_tag", experiment_tags)
check("MlflowClient.rename_experiment", rename)
check("MlflowClient.delete_experiment / restore_experiment", delete_and_restore)

mlflow.set_experiment(experiment_id=experiment_id)
with mlflow.start_run() as run:
    run_id = run.info.run_id
    frame = pd.DataFrame({"x": [1, 2], "y": [0.5, 0.25]})
    mlflow.log_input(mlflow.data.from_pandas(frame, name="persons-v1"), context="training")
    mlflow.log_text("a", "sub/a.txt")
    mlflow.log_text("b", "sub/deeper/b.txt")
    mlflow.log_text("full", "100%.txt")
    mlflow.log_text("encoded", "a%20b.txt")


def list_subdirectory():
    listed = client.list_artifacts(run_id, "sub")
    assert [(f.path, f.is_dir) for f in listed] == [("sub/a.txt", False), ("sub/deeper", True)], listed


def list_subdirectory_by_uri():
    root = client.get_run(run_id).info.artifact_uri
    listed = mlflow.artifacts.list_artifacts(artifact_uri=f"{root}/sub")
    assert [(f.path, f.is_dir) for f in listed] == [("sub/a.txt", False), ("sub/deeper", True)], listed
    deeper = mlflow.artifacts.list_artifacts(artifact_uri=f"{root}/sub/deeper")
    # The client names each file below the last segment of the URI it lists.
    assert [f.path for f in deeper] == ["deeper/b.txt"], deeper


def log_table():
    mlflow.log_table({"q": ["a", "b"], "score": [1, 2]}, artifact_file="t/x.json", run_id=run_id)
    assert list(mlflow.load_table("t/x.json", run_ids=[run_id])["q"]) == ["a", "b"]


def percent_names():
    root = client.get_run(run_id).info.artifact_uri
    with tempfile.TemporaryDirectory() as target:
        path = mlflow.artifacts.download_artifacts(artifact_uri=f"{root}/100%.txt", dst_path=target)
        assert open(path).read() == "full"
    names = [f.path.split("/", 1)[1] for f in mlflow.artifacts.list_artifacts(artifact_uri=root)]
    # As MLflow's server does, a valid escape in a name is decoded: a%20b.txt is stored as "a b.txt".
    assert "100%.txt" in names and "a b.txt" in names, names


def rest_list():
    uri = os.environ["MLFLOW_TRACKING_URI"]
    answer = requests.get(f"{uri}/api/2.0/mlflow/artifacts/list", params={"run_id": run_id, "path": "sub"}).json()
    assert answer["root_uri"] == client.get_run(run_id).info.artifact_uri, answer
    assert [f["path"] for f in answer["files"]] == ["sub/a.txt", "sub/deeper"], answer
    bad = requests.get(f"{uri}/api/2.0/mlflow/artifacts/list", params={"run_id": run_id, "path": "../x"})
    assert bad.status_code == 400 and bad.json()["error_code"] == "INVALID_PARAMETER_VALUE", bad.text


def dataset_search():
    found = client.search_runs([experiment_id], "datasets.name = 'persons-v1'")
    assert [r.info.run_id for r in found] == [run_id], found
    found = client.search_runs([experiment_id], "datasets.context = 'training'")
    assert [r.info.run_id for r in found] == [run_id], found
    assert client.search_runs([experiment_id], "datasets.context = 'evaluation'") == []


check("MlflowClient.list_artifacts(run_id, 'sub')", list_subdirectory)
check("mlflow.artifacts.list_artifacts(artifact_uri='mlflow-artifacts:/.../sub')", list_subdirectory_by_uri)
check("mlflow.log_table(artifact_file='t/x.json') / load_table", log_table)
check("artifact names containing %", percent_names)
check("GET /api/2.0/mlflow/artifacts/list", rest_list)
check("MlflowClient.search_runs on datasets.name / datasets.context", dataset_search)
finish()
