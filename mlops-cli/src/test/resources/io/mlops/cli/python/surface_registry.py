"""The model-registry calls of the stock MLflow client beyond register and alias, against the server."""
import sys

import mlflow
from mlflow import MlflowClient

from surface import check, expect_error, finish

model_file, name = sys.argv[1], sys.argv[2]
client = MlflowClient()
with mlflow.start_run() as run:
    run_id = run.info.run_id
first = mlflow.register_model(model_file, name)
second = client.create_model_version(name, model_file, run_id=run_id, tags={"stage": "candidate"})
third = client.create_model_version(name, model_file)


def model_tags():
    client.set_registered_model_tag(name, "team", "vision")
    assert client.get_registered_model(name).tags["team"] == "vision"
    client.delete_registered_model_tag(name, "team")
    assert "team" not in client.get_registered_model(name).tags


def version_tags():
    assert client.get_model_version(name, second.version).tags["stage"] == "candidate"
    client.set_model_version_tag(name, first.version, "validated", "yes")
    assert client.get_model_version(name, first.version).tags["validated"] == "yes"
    client.delete_model_version_tag(name, first.version, "validated")
    assert "validated" not in client.get_model_version(name, first.version).tags
    expect_error("RESOURCE_DOES_NOT_EXIST", lambda: client.set_model_version_tag(name, "99", "k", "v"))


def stages():
    client.transition_model_version_stage(name, first.version, "Production")
    moved = client.transition_model_version_stage(name, second.version, "production", archive_existing_versions=True)
    assert moved.current_stage == "Production", moved
    assert client.get_model_version(name, first.version).current_stage == "Archived"
    expect_error("INVALID_PARAMETER_VALUE", lambda: client.transition_model_version_stage(name, first.version, "Gold"))


def latest_versions():
    latest = client.get_latest_versions(name, stages=["Production"])
    assert [(v.version, v.current_stage) for v in latest] == [(second.version, "Production")], latest
    every = {v.current_stage: v.version for v in client.get_latest_versions(name)}
    assert every == {"None": third.version, "Production": second.version, "Archived": first.version}, every


def search_versions():
    by_run = client.search_model_versions(f"run_id = '{run_id}'")
    assert [v.version for v in by_run] == [second.version], by_run
    by_tag = client.search_model_versions(f"name = '{name}' AND tags.stage = 'candidate'")
    assert [v.version for v in by_tag] == [second.version], by_tag
    page = client.search_model_versions(f"name = '{name}'", max_results=2, order_by=["version_number ASC"])
    assert [v.version for v in page] == [first.version, second.version] and page.token, page
    rest = client.search_model_versions(
        f"name = '{name}'", max_results=2, order_by=["version_number ASC"], page_token=page.token)
    assert [v.version for v in rest] == [third.version] and not rest.token, rest


def search_models_ordered():
    client.create_registered_model(f"{name}-b")
    client.create_registered_model(f"{name}-a")
    names = [m.name for m in client.search_registered_models(f"name LIKE '{name}%'", order_by=["name DESC"])]
    assert names == [f"{name}-b", f"{name}-a", name], names
    names = [m.name for m in client.search_registered_models(f"name LIKE '{name}%'", order_by=["name ASC"])]
    assert names == [name, f"{name}-a", f"{name}-b"], names
    expect_error("INVALID_PARAMETER_VALUE",
                 lambda: client.search_registered_models(order_by=["color ASC"]))


def copy_version():
    copied = client.copy_model_version(f"models:/{name}/{second.version}", f"{name}-copy")
    assert copied.name == f"{name}-copy" and copied.version == "1", copied
    assert copied.tags.get("stage") == "candidate", copied.tags
    assert copied.run_id == run_id, copied


def delete_version():
    client.delete_model_version(name, third.version)
    expect_error("RESOURCE_DOES_NOT_EXIST", lambda: client.get_model_version(name, third.version))
    fourth = client.create_model_version(name, model_file)
    assert int(fourth.version) == int(third.version) + 1, fourth.version


def rename():
    client.set_registered_model_alias(f"{name}-copy", "production", "1")
    client.rename_registered_model(f"{name}-copy", f"{name}-renamed")  # MLflow's client returns None
    assert client.get_registered_model(f"{name}-renamed").name == f"{name}-renamed"
    assert client.get_model_version(f"{name}-renamed", "1").tags.get("stage") == "candidate"
    assert client.get_model_version_by_alias(f"{name}-renamed", "production").version == "1"
    expect_error("RESOURCE_DOES_NOT_EXIST", lambda: client.get_registered_model(f"{name}-copy"))
    expect_error("RESOURCE_ALREADY_EXISTS", lambda: client.rename_registered_model(f"{name}-a", f"{name}-b"))


check("MlflowClient.set_registered_model_tag / delete_registered_model_tag", model_tags)
check("MlflowClient.set_model_version_tag / delete_model_version_tag", version_tags)
check("MlflowClient.transition_model_version_stage(archive_existing_versions=True)", stages)
check("MlflowClient.get_latest_versions", latest_versions)
check("MlflowClient.search_model_versions (run_id, tags., max_results, page_token, order_by)", search_versions)
check("MlflowClient.search_registered_models(order_by=...)", search_models_ordered)
check("MlflowClient.copy_model_version", copy_version)
check("MlflowClient.delete_model_version", delete_version)
check("MlflowClient.rename_registered_model", rename)
finish()
