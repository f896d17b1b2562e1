"""The tracking benchmark's client workload, run unchanged against each server.

One run, 100 params, then 10,000 metric points in log_batch calls of 1,000, then 1,000
single log_metric calls, all through MLflow's own Python client (MlflowClient). A short
warm-up on another run comes first, the same for every server. Prints one JSON object.

usage: tracking_workload.py TRACKING_URI LABEL
"""
import json
import sys
import time
import uuid

from mlflow import MlflowClient
from mlflow.entities import Metric, Param

uri, label = sys.argv[1], sys.argv[2]
client = MlflowClient(tracking_uri=uri)
experiment = client.create_experiment(f"bench-{label}-{uuid.uuid4().hex[:8]}")

# Warm-up, the same for every server before anything is timed: it measures steady state,
# not the first requests of a JVM or a Python process.
warm = client.create_run(experiment).info.run_id
for batch in range(5):
    client.log_batch(warm, metrics=[Metric("w", float(i), 0, batch * 1000 + i) for i in range(1000)])
for i in range(100):
    client.log_metric(warm, "w1", float(i), timestamp=0, step=i)

run = client.create_run(experiment).info.run_id
now = int(time.time() * 1000)

start = time.perf_counter()
client.log_batch(run, params=[Param(f"param_{i}", str(i)) for i in range(100)])
params_seconds = time.perf_counter() - start

start = time.perf_counter()
for batch in range(10):
    client.log_batch(
        run,
        metrics=[Metric("loss", 1.0 / (batch * 1000 + i + 1), now, batch * 1000 + i) for i in range(1000)],
    )
batch_seconds = time.perf_counter() - start

start = time.perf_counter()
for i in range(1000):
    client.log_metric(run, "accuracy", i / 1000, timestamp=now, step=i)
single_seconds = time.perf_counter() - start

# Everything arrived: the server holds every point.
assert len(client.get_metric_history(run, "loss")) == 10_000
assert len(client.get_metric_history(run, "accuracy")) == 1_000
assert len(client.get_run(run).data.params) == 100

print(json.dumps({
    "label": label,
    "params_seconds": params_seconds,
    "batch_seconds": batch_seconds,
    "batch_points_per_second": 10_000 / batch_seconds,
    "single_seconds": single_seconds,
    "single_calls_per_second": 1_000 / single_seconds,
}))
