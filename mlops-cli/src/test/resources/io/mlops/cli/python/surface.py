"""Records each MLflow client call a test script exercises and how it ended.

A script calls check(call, action) for every client call it tries and finish() at the end; the
Java test reads the SURFACE line, fails on any outcome other than "ok", and writes the
compatibility table of docs/tracking.md from the records, so the table cannot drift from the tests.
"""
import json
import traceback

from mlflow.exceptions import MlflowException

_records = []


def check(call, action, status="supported", note=""):
    """Runs action(), which makes the client call and asserts what it did."""
    try:
        action()
        outcome = "ok"
    except AssertionError as e:
        outcome = "wrong result: " + (str(e) or traceback.format_exc(limit=3))
    except MlflowException as e:
        outcome = f"{e.error_code}: {e.message[:300]}"
    except Exception as e:  # noqa: BLE001 - every failure is an outcome to report
        outcome = f"{type(e).__name__}: {str(e)[:300]}"
    _records.append({"call": call, "status": status, "note": note, "outcome": outcome})


def expect_error(code, action):
    """Asserts that action() fails with MLflow's error code."""
    try:
        action()
    except MlflowException as e:
        assert e.error_code == code, f"{e.error_code} instead of {code}: {e.message}"
        return
    raise AssertionError(f"expected {code}, the call succeeded")


def finish():
    print("SURFACE " + json.dumps(_records), flush=True)
