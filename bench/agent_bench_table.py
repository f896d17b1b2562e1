"""Prints bench/agent-bench.sh's results as Markdown tables, one per protocol, with the ratios the targets name.

JSON and binary (the V2 binary tensor data extension) results never share a table or a ratio, except
the one line that says so: MLflow has no binary form, so the agent's binary figure against MLflow's
JSON one is printed on its own, labelled as a comparison across protocols.

With several rounds (--repeat) each cell is the median round (by throughput) and the spread of the
rounds follows in brackets. Where Triton ran, a last table gives what issue 19 asks: each server's
per-request overhead over in-process ONNX Runtime at 1 client, in microseconds (1e6 / throughput,
minus the same for in-process: a closed-loop client's mean time per request), and its throughput at
64 clients, with the agent's overhead against Triton's in the same protocol."""
import json
import statistics
import sys
from collections import defaultdict

rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
runs = defaultdict(list)
for r in rows:
    # Lines written before the protocol field existed were JSON (or in-process).
    r.setdefault("protocol", "none" if r["server"] == "inproc" else "json")
    runs[(r["server"], r["protocol"], r["model"], r["clients"])].append(r)


def median_run(key):
    """The run of median throughput (the lower middle one of an even count), or None."""
    found = sorted(runs.get(key, []), key=lambda r: r["throughput"])
    return found[(len(found) - 1) // 2] if found else None


by = {key: median_run(key) for key in runs}
models = sorted({r["model"] for r in rows}, reverse=True)
AGENTS = ("agent", "agent-batch")
# Servers that answer without running a model (bench/HttpFloor.java): what HTTP alone costs here.
FLOORS = ("floor-socket", "floor-jetty")
TRITONS = ("triton", "triton-batch")
PROTOCOLS = {
    "json": ("JSON bodies", ["floor-socket", "floor-jetty", "agent", "agent-batch", "triton", "triton-batch", "kserve",
                             "mlflow"]),
    "binary": ("binary tensor data extension (MLflow has none)",
               ["floor-socket", "floor-jetty", "agent", "agent-batch", "triton", "triton-batch", "kserve"]),
    "grpc": ("gRPC, raw_input_contents (agent and Triton only)", ["agent", "agent-batch", "triton", "triton-batch"]),
}


def spread(key):
    values = [r["throughput"] for r in runs.get(key, [])]
    return f" [{min(values):,.0f}-{max(values):,.0f}, n={len(values)}]" if len(values) > 1 else ""


def cell(key):
    r = by.get(key)
    if r is None:
        return "-"
    return f"{r['throughput']:,.0f} ({r['p50_ms']:.2f} / {r['p99_ms']:.2f})" + spread(key) + (
        f", {r['errors']} errors" if r["errors"] else "")


def clients_of(model):
    return sorted({r["clients"] for r in rows if r["model"] == model})


def throughput(server, protocol, model, clients):
    r = by.get((server, protocol, model, clients))
    return None if r is None else r["throughput"]


def best_of(servers, protocol, model, clients):
    values = [t for t in (throughput(s, protocol, model, clients) for s in servers) if t is not None]
    return max(values) if values else None


ratios = []
for protocol, (title, servers) in PROTOCOLS.items():
    if not any(r["protocol"] == protocol for r in rows):
        continue
    servers = [s for s in servers if any(k[0] == s and k[1] == protocol for k in runs)]
    print(f"**{title}**: requests per second (p50 / p99 latency in ms); inproc has no protocol (the ceiling)\n")
    print("| model | clients | inproc | " + " | ".join(servers) + " |")
    print("|---|---|---|" + "---|" * len(servers))
    for model in models:
        for clients in clients_of(model):
            cells = [cell(("inproc", "none", model, clients))]
            cells += [cell((s, protocol, model, clients)) for s in servers]
            print(f"| {model} | {clients} | " + " | ".join(cells) + " |")
    print()
    for model in models:
        for clients in clients_of(model):
            best = best_of(AGENTS, protocol, model, clients)
            pairs = [
                (f"best agent {protocol} / in-process", best, throughput("inproc", "none", model, clients)),
                (f"agent-batch / agent, {protocol} (batching gain)",
                 throughput("agent-batch", protocol, model, clients), throughput("agent", protocol, model, clients)),
                (f"best agent / best triton, both {protocol}", best, best_of(TRITONS, protocol, model, clients)),
                (f"best agent / kserve, both {protocol}", best, throughput("kserve", protocol, model, clients)),
            ]
            if protocol == "json":
                pairs.append(("best agent / mlflow, both json", best, throughput("mlflow", "json", model, clients)))
            elif protocol == "binary":
                pairs.append(("best agent binary / mlflow json (protocols differ: MLflow has no binary form)",
                              best, throughput("mlflow", "json", model, clients)))
            for label, a, b in pairs:
                if a is not None and b:
                    ratios.append((label, model, clients, a / b))

print("| ratio | model | clients | value |")
print("|---|---|---|---|")
for label, model, clients, value in ratios:
    print(f"| {label} | {model} | {clients} | {value:.2f}x |")


def overhead_us(server, protocol, model):
    """Median and range over rounds of 1e6/throughput minus in-process's median, at 1 client."""
    inproc = throughput("inproc", "none", model, 1)
    found = runs.get((server, protocol, model, 1), [])
    if not inproc or not found:
        return None
    values = sorted(1e6 / r["throughput"] - 1e6 / inproc for r in found)
    return statistics.median(values), values[0], values[-1]


def cpu_us(server, protocol, model, clients):
    """Median over rounds of CPU us per request, server's plus load generator's, JIT compiler threads
    left out (None without them)."""
    values = [r.get("server_cpu_us", 0) - r.get("server_jit_us", 0) + r["client_cpu_us"] - r.get("client_jit_us", 0)
              for r in runs.get((server, protocol, model, clients), []) if "client_cpu_us" in r]
    return statistics.median(values) if values else None


def cpu_overhead_us(server, protocol, model, clients=1):
    """CPU us per request over in-process's, both medians; and the server's own share."""
    total, base = cpu_us(server, protocol, model, clients), cpu_us("inproc", "none", model, clients)
    found = [r["server_cpu_us"] - r.get("server_jit_us", 0)
             for r in runs.get((server, protocol, model, clients), []) if "server_cpu_us" in r]
    if total is None or base is None:
        return None
    return total - base, statistics.median(found) if found else None


if any(k[0] in TRITONS for k in runs):
    print("\n**Per-request overhead over in-process at 1 client (us, median [range] of the rounds) and "
          "throughput at 64 clients (req/s, median)**\n")
    print("| model | protocol | server | overhead at 1 client, us | p50 at 1 client, ms | CPU over in-process at 1 client, us "
          "(server's own), JIT excluded | req/s at 64 clients | CPU over in-process at 64, us |")
    print("|---|---|---|---|---|---|---|---|")
    for model in models:
        inproc = by.get(("inproc", "none", model, 1))
        if inproc:
            base1, base64 = cpu_us("inproc", "none", model, 1), cpu_us("inproc", "none", model, 64)
            print(f"| {model} | none | inproc | 0 (1e6/throughput: {1e6 / inproc['throughput']:.1f}) | "
                  f"{inproc['p50_ms']:.3f} | 0 (CPU per request: {'-' if base1 is None else f'{base1:.1f}'}) | "
                  f"{throughput('inproc', 'none', model, 64) or 0:,.0f} | 0 ({'-' if base64 is None else f'{base64:.1f}'}) |")
        for protocol in PROTOCOLS:
            for server in AGENTS + TRITONS + ("kserve", "mlflow"):
                o = overhead_us(server, protocol, model)
                r1 = by.get((server, protocol, model, 1))
                t64 = throughput(server, protocol, model, 64)
                if o is None and t64 is None:
                    continue
                ov = "-" if o is None else f"{o[0]:,.0f} [{o[1]:,.0f}-{o[2]:,.0f}]"
                p50 = "-" if r1 is None else f"{r1['p50_ms']:.3f}"
                c1, c64 = cpu_overhead_us(server, protocol, model, 1), cpu_overhead_us(server, protocol, model, 64)
                cpu1 = "-" if c1 is None else f"{c1[0]:,.0f}" + ("" if c1[1] is None else f" ({c1[1]:,.0f})")
                cpu64 = "-" if c64 is None else f"{c64[0]:,.0f}"
                print(f"| {model} | {protocol} | {server} | {ov} | {p50} | {cpu1} | "
                      f"{'-' if t64 is None else f'{t64:,.0f}'} | {cpu64} |")
    if any(k[0] in FLOORS for k in runs):
        print("\n**HTTP floors at 1 client**: servers that read the request and answer the same reply "
              "without running a model; their time per request is the least any server of that kind can "
              "add to in-process, so it bounds the overhead from below\n")
        print("| model | protocol | server | time per request at 1 client, us (1e6 / throughput) | p50, ms | "
              "server CPU per request, us | agent's overhead above this floor, us |")
        print("|---|---|---|---|---|---|---|")
        for model in models:
            for protocol in ("json", "binary"):
                agent = overhead_us("agent", protocol, model)
                for server in FLOORS:
                    found = runs.get((server, protocol, model, 1), [])
                    r1 = by.get((server, protocol, model, 1))
                    if not found:
                        continue
                    floor = statistics.median(1e6 / r["throughput"] for r in found)
                    cpu = [r["server_cpu_us"] - r.get("server_jit_us", 0) for r in found if "server_cpu_us" in r]
                    print(f"| {model} | {protocol} | {server} | {floor:,.1f} | {r1['p50_ms']:.3f} | "
                          f"{'-' if not cpu else f'{statistics.median(cpu):,.1f}'} | "
                          f"{'-' if agent is None else f'{agent[0] - floor:,.0f}'} |")
    print("\n| goal (issue 19) | model | protocol | agent | triton | verdict |")
    print("|---|---|---|---|---|---|")
    for model in models:
        for protocol in PROTOCOLS:
            agent = [o for o in (overhead_us(s, protocol, model) for s in AGENTS) if o]
            triton = [o for o in (overhead_us(s, protocol, model) for s in TRITONS) if o]
            if not agent or not triton:
                continue
            a, t = min(o[0] for o in agent), min(o[0] for o in triton)
            print(f"| agent's overhead at most half of Triton's, wall clock (best of batching on/off each) | {model} "
                  f"| {protocol} | {a:,.0f} us | {t:,.0f} us | {a / t:.2f} of Triton's: {'met' if a <= t / 2 else '**not met**'} |")
            agent_cpu = [c[0] for c in (cpu_overhead_us(s, protocol, model) for s in AGENTS) if c]
            triton_cpu = [c[0] for c in (cpu_overhead_us(s, protocol, model) for s in TRITONS) if c]
            if agent_cpu and triton_cpu:
                a, t = min(agent_cpu), min(triton_cpu)
                print(f"| agent's overhead at most half of Triton's, CPU per request | {model} | {protocol} "
                      f"| {a:,.0f} us | {t:,.0f} us | {a / t:.2f} of Triton's: {'met' if a <= t / 2 else '**not met**'} |")
        for protocol in ("binary", "grpc"):
            o = overhead_us("agent", protocol, model)
            if o:
                print(f"| agent within 50 us of in-process at 1 client, wall clock | {model} | {protocol} | {o[0]:,.0f} us | | "
                      f"{'met' if o[0] <= 50 else '**not met**'} |")
            jetty = [1e6 / r["throughput"] for r in runs.get(("floor-jetty", protocol, model, 1), [])]
            if jetty:
                floor = statistics.median(jetty)
                # The least overhead a Jetty server can have is its empty handler's time per request
                # (a loopback round trip and Jetty's HTTP work, no model); what the 50 us leave above
                # it is all the agent's own request path may cost.
                verdict = (f"{50 - floor:,.0f} us left for the agent's own request path (it takes {o[0] - floor:,.0f} us)"
                           if floor < 50 and o else "**out of reach over Jetty**" if floor >= 50 else "")
                print(f"| the same, least possible over Jetty: its empty handler's time per request | {model} | {protocol} "
                      f"| {floor:,.0f} us | | {verdict} |")
            c = cpu_overhead_us("agent", protocol, model)
            if c:
                print(f"| agent within 50 us of in-process at 1 client, CPU per request | {model} | {protocol} "
                      f"| {c[0]:,.0f} us | | {'met' if c[0] <= 50 else '**not met**'} |")
