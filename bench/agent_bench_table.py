"""Prints bench/agent-bench.sh's results as a Markdown table with the ratios the targets name."""
import json
import sys

rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
by = {(r["server"], r["model"], r["clients"]): r for r in rows}
servers = ["inproc", "agent", "agent-batch", "kserve", "mlflow"]
print("| model | clients | " + " | ".join(f"{s} req/s (p50 / p99 ms)" for s in servers) + " |")
print("|---|---|" + "---|" * len(servers))
for model in sorted({r["model"] for r in rows}, reverse=True):
    for clients in sorted({r["clients"] for r in rows if r["model"] == model}):
        cells = []
        for server in servers:
            r = by.get((server, model, clients))
            cells.append("-" if r is None else
                         f"{r['throughput']:,.0f} ({r['p50_ms']:.2f} / {r['p99_ms']:.2f})"
                         + (f", {r['errors']} errors" if r["errors"] else ""))
        print(f"| {model} | {clients} | " + " | ".join(cells) + " |")
print()


def ratio(a, b, model, clients):
    x, y = by.get((a, model, clients)), by.get((b, model, clients))
    return None if x is None or y is None or y["throughput"] == 0 else x["throughput"] / y["throughput"]


print("| ratio | model | clients | value |")
print("|---|---|---|---|")
for model in sorted({r["model"] for r in rows}, reverse=True):
    for clients in sorted({r["clients"] for r in rows if r["model"] == model}):
        for label, a, b in [
            ("best agent / in-process", "best", "inproc"),
            ("agent-batch / agent (batching gain)", "agent-batch", "agent"),
            ("best agent / kserve", "best", "kserve"),
            ("best agent / mlflow", "best", "mlflow"),
        ]:
            if a == "best":
                candidates = [by.get((s, model, clients)) for s in ("agent", "agent-batch")]
                candidates = [c for c in candidates if c]
                if not candidates or by.get((b, model, clients)) is None:
                    continue
                value = max(c["throughput"] for c in candidates) / by[(b, model, clients)]["throughput"]
            else:
                value = ratio(a, b, model, clients)
                if value is None:
                    continue
            print(f"| {label} | {model} | {clients} | {value:.2f}x |")
