"""Logs to an existing run as hard as it can: batches, single points, a shared param and a tag."""
import sys
import time

from mlflow import MlflowClient
from mlflow.entities import Metric, Param, RunTag

run_id, key, batches, singles = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
client = MlflowClient()
now = int(time.time() * 1000)
for b in range(batches):
    client.log_batch(
        run_id,
        metrics=[Metric(key, float(b * 200 + i), now, b * 200 + i) for i in range(200)],
        params=[Param("shared", "same")],
        tags=[RunTag(key, "writer")],
    )
for i in range(singles):
    client.log_metric(run_id, key, float(i), timestamp=now, step=batches * 200 + i)
print("done", key)
