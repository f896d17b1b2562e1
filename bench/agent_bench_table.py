"""Prints bench/agent-bench.sh's results as Markdown tables, one per protocol, with the ratios the targets name.

JSON and binary (the V2 binary tensor data extension) results never share a table or a ratio, except
the one line that says so: MLflow has no binary form, so the agent's binary figure against MLflow's
JSON one is printed on its own, labelled as a comparison across protocols."""
import json
import sys

rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
for r in rows:
    # Lines written before the protocol field existed were JSON (or in-process).
    r.setdefault("protocol", "none" if r["server"] == "inproc" else "json")
by = {(r["server"], r["protocol"], r["model"], r["clients"]): r for r in rows}
models = sorted({r["model"] for r in rows}, reverse=True)
AGENTS = ("agent", "agent-batch")
PROTOCOLS = {
    "json": ("JSON bodies", ["agent", "agent-batch", "kserve", "mlflow"]),
    "binary": ("binary tensor data extension (MLflow has none)", ["agent", "agent-batch", "kserve"]),
}


def cell(r):
    if r is None:
        return "-"
    return f"{r['throughput']:,.0f} ({r['p50_ms']:.2f} / {r['p99_ms']:.2f})" + (
        f", {r['errors']} errors" if r["errors"] else "")


def clients_of(model):
    return sorted({r["clients"] for r in rows if r["model"] == model})


def throughput(server, protocol, model, clients):
    r = by.get((server, protocol, model, clients))
    return None if r is None else r["throughput"]


def best_agent(protocol, model, clients):
    values = [t for t in (throughput(s, protocol, model, clients) for s in AGENTS) if t is not None]
    return max(values) if values else None


ratios = []
for protocol, (title, servers) in PROTOCOLS.items():
    if not any(r["protocol"] == protocol for r in rows):
        continue
    print(f"**{title}**: requests per second (p50 / p99 latency in ms); inproc has no protocol (the ceiling)\n")
    print("| model | clients | inproc | " + " | ".join(servers) + " |")
    print("|---|---|---|" + "---|" * len(servers))
    for model in models:
        for clients in clients_of(model):
            cells = [cell(by.get(("inproc", "none", model, clients)))]
            cells += [cell(by.get((s, protocol, model, clients))) for s in servers]
            print(f"| {model} | {clients} | " + " | ".join(cells) + " |")
    print()
    for model in models:
        for clients in clients_of(model):
            best = best_agent(protocol, model, clients)
            pairs = [
                (f"best agent {protocol} / in-process", best, throughput("inproc", "none", model, clients)),
                (f"agent-batch / agent, {protocol} (batching gain)",
                 throughput("agent-batch", protocol, model, clients), throughput("agent", protocol, model, clients)),
                (f"best agent / kserve, both {protocol}", best, throughput("kserve", protocol, model, clients)),
            ]
            if protocol == "json":
                pairs.append(("best agent / mlflow, both json", best, throughput("mlflow", "json", model, clients)))
            else:
                pairs.append(("best agent binary / mlflow json (protocols differ: MLflow has no binary form)",
                              best, throughput("mlflow", "json", model, clients)))
            for label, a, b in pairs:
                if a is not None and b:
                    ratios.append((label, model, clients, a / b))

print("| ratio | model | clients | value |")
print("|---|---|---|---|")
for label, model, clients, value in ratios:
    print(f"| {label} | {model} | {clients} | {value:.2f}x |")
