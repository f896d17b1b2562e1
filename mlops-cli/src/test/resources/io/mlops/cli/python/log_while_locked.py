"""Logs one metric; the test holds the store's lock meanwhile, so the first answers are 503."""
import sys

from mlflow import MlflowClient

MlflowClient().log_metric(sys.argv[1], "patience", 1.0, timestamp=1, step=0)
print("logged")
