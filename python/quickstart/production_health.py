"""Shows what the registry's Production view shows for a model: each deployment's health as
`mlops server` reads it from the agent that serves it.

usage: production_health.py SERVER_URL MODEL
Waits (up to 60 s) until the server's poller has a sample with requests in it, then prints each
deployment's request rate, error rate, p95 latency and largest input drift, and the view's URL.
"""
import json
import sys
import time
import urllib.request

server, model = sys.argv[1], sys.argv[2]
url = f"{server}/api/registry/v1/models/{model}/production?hours=1"
deadline = time.monotonic() + 60
while True:
    with urllib.request.urlopen(url, timeout=10) as answer:
        view = json.load(answer)
    busy = [s for d in view["deployments"] for s in d["samples"] if (s["requestsPerSecond"] or 0) > 0]
    if busy or time.monotonic() > deadline:
        break
    time.sleep(0.5)
if not busy:
    sys.exit(f"no sample with requests from the agent within 60 s: {json.dumps(view)[:400]}")


def shown(value, unit=""):
    return "-" if value is None else f"{value:.3g}{unit}"


for deployment in view["deployments"]:
    samples = [s for s in deployment["samples"] if not s["gap"]]
    if not samples:
        continue
    last = max(samples, key=lambda s: s["requestsPerSecond"] or 0)
    drift = max(last["inputPsi"].values(), default=None)
    print(f"{deployment['endpoint']} v{deployment['version']} ({deployment['backend']}): "
          f"{shown(last['requestsPerSecond'])} req/s, errors {shown(last['errorRate'])}, "
          f"p95 {shown(last['p95Ms'], ' ms')}, largest input PSI {shown(drift)} "
          f"({len(samples)} samples)")
print(f"Production view: {server}/#/models/{model}/production")
