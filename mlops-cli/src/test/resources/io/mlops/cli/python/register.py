"""Registers a model file twice with mlflow.register_model, aliases it, and reads it back."""
import json
import sys

import mlflow
from mlflow import MlflowClient
from mlflow.exceptions import MlflowException

model_file, name = sys.argv[1], sys.argv[2]

first = mlflow.register_model(model_file, name)
# The model exists now: register_model must take RESOURCE_ALREADY_EXISTS and go on.
second = mlflow.register_model(model_file, name)
client = MlflowClient()
client.set_registered_model_alias(name, "staging", first.version)
client.set_registered_model_alias(name, "production", first.version)
client.set_registered_model_alias(name, "production", second.version)
client.delete_registered_model_alias(name, "staging")
by_alias = client.get_model_version_by_alias(name, "production")
client.update_registered_model(name, description="detects persons")
client.update_model_version(name, first.version, description="baseline")
model = client.get_registered_model(name)
found = client.search_registered_models(filter_string=f"name LIKE '{name[:3]}%'")
versions = client.search_model_versions(f"name='{name}'")
download_uri = client.get_model_version_download_uri(name, second.version)
try:
    client.get_registered_model("nobody")
    missing = None
except MlflowException as e:
    missing = e.error_code

print("READBACK " + json.dumps({
    "versions": [first.version, second.version],
    "by_alias": by_alias.version,
    "aliases": model.aliases,
    "description": model.description,
    "first_description": client.get_model_version(name, first.version).description,
    "found": [m.name for m in found],
    "searched_versions": sorted(int(v.version) for v in versions),
    "download_uri": download_uri,
    "missing": missing,
}), flush=True)
