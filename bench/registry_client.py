"""The registry benchmark's client: the same loop against each server.

For each call it sends warm-up requests, then N timed requests over one keep-alive HTTP/1.1
connection, one at a time, each for a model (and versions) drawn from a seeded random sequence,
and reports p50 and p95 latency in milliseconds. A "page" of MLflow is the two requests its model
page needs, timed together. Every answer is checked (status 200, the expected number of items).

usage: registry_client.py BASE_URL ours|mlflow REQUESTS WARMUP
"""
import http.client
import json
import random
import statistics
import sys
import time
import urllib.parse

base, side, requests, warmup = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
url = urllib.parse.urlsplit(base)
connection = http.client.HTTPConnection(url.hostname, url.port)
MODELS, VERSIONS = 200, 50


def get(path):
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read()
    if response.status != 200:
        raise SystemExit(f"{side}: GET {path} answered {response.status}: {body[:300]!r}")
    return json.loads(body)


def ours_list(rng):
    body = get("/api/registry/v1/models?limit=100")
    assert len(body["models"]) == 100 and body["total"] == MODELS


def mlflow_list(rng):
    body = get("/api/2.0/mlflow/registered-models/search?max_results=100")
    assert len(body["registered_models"]) == 100


def ours_page(rng):
    name = f"model-{rng.randrange(MODELS):03d}"
    body = get(f"/api/registry/v1/models/{name}")
    assert len(body["versions"]) == VERSIONS


def mlflow_page(rng):
    name = f"model-{rng.randrange(MODELS):03d}"
    query = urllib.parse.urlencode({"filter": f"name='{name}'", "max_results": 1000})
    versions = get(f"/api/2.0/mlflow/model-versions/search?{query}")
    model = get(f"/api/2.0/mlflow/registered-models/get?name={name}")
    assert len(versions["model_versions"]) == VERSIONS and model["registered_model"]["name"] == name


def ours_compare(rng):
    name = f"model-{rng.randrange(MODELS):03d}"
    chosen = rng.sample(range(1, VERSIONS + 1), rng.randint(2, 4))
    body = get(f"/api/registry/v1/models/{name}/compare?versions={','.join(map(str, chosen))}")
    assert len(body["versions"]) == len(chosen) and body["versions"][0]["lineage"]["run"]["metrics"]


calls = {"ours": [("list", ours_list), ("page", ours_page), ("compare", ours_compare)],
         "mlflow": [("list", mlflow_list), ("page", mlflow_page)]}[side]
results = {}
for name, call in calls:
    rng = random.Random(7)
    for _ in range(warmup):
        call(rng)
    rng = random.Random(11)
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        call(rng)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    results[name] = {"p50": statistics.median(times), "p95": times[int(0.95 * len(times)) - 1],
                     "mean": statistics.fmean(times), "n": len(times)}
print(json.dumps(results))
