"""Draws bench/agent-bench.sh's per-request overhead over in-process at 1 client as a self-contained SVG.

usage: overhead-chart.py RESULTS.jsonl OUT.svg MODEL
One group of bars per protocol, one bar per server: the median over the rounds of 1e6 / throughput
minus in-process's median, in microseconds (the table's figure), with the rounds' range as a whisker;
for floor-jetty (Jetty answering without a model, bench/HttpFloor.java) its whole time per request,
the least overhead any server over Jetty can have.
"""
import json
import statistics
import sys
from xml.sax.saxutils import escape

results, out, model = sys.argv[1], sys.argv[2], sys.argv[3]
rows = [json.loads(line) for line in open(results) if line.strip()]
rows = [r for r in rows if r["model"] == model and r["clients"] == 1]
inproc = [r["throughput"] for r in rows if r["server"] == "inproc"]
if not inproc:
    sys.exit(f"overhead-chart: no in-process run of {model} at 1 client in {results}")
base = 1e6 / statistics.median_low(inproc)
servers = ["floor-jetty", "agent", "agent-batch", "triton", "triton-batch", "kserve"]
colors = ["#9e9e9e", "#1565c0", "#64b5f6", "#76b900", "#b5e06a", "#ef6c00"]
groups = []
for protocol in ("json", "binary", "grpc"):
    bars = []
    for server in servers:
        # A floor runs no model: its whole time per request is the least overhead a server of its
        # kind can add to in-process, so nothing is subtracted from it.
        minus = 0 if server.startswith("floor") else base
        values = sorted(1e6 / r["throughput"] - minus for r in rows
                        if r["server"] == server and r.get("protocol") == protocol)
        if values:
            bars.append((server, statistics.median(values), values[0], values[-1]))
    if bars:
        groups.append((protocol, bars))

bar, gap, left, width = 16, 12, 110, 520
scale = width / max(high for _, bars in groups for _, _, _, high in bars)
height = 60 + sum(len(bars) * bar + gap + 20 for _, bars in groups) + 20
title = f"Per-request overhead over in-process ONNX Runtime, {model}, 1 client (us, median and range)"
svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 110}" height="{height}" '
       f'font-family="sans-serif" font-size="12">',
       f'<text x="10" y="22" font-size="15" font-weight="bold">{escape(title)}</text>']
y = 40
for protocol, bars in groups:
    svg.append(f'<text x="10" y="{y + 12}" font-weight="bold">{escape(protocol)}</text>')
    y += 20
    for server, median, low, high in bars:
        color = colors[servers.index(server)]
        w = max(1.0, median * scale)
        svg.append(f'<text x="10" y="{y + bar - 4}">{escape(server)}</text>')
        svg.append(f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar - 2}" fill="{color}"/>')
        mid = y + (bar - 2) / 2
        svg.append(f'<line x1="{left + low * scale:.1f}" y1="{mid}" x2="{left + high * scale:.1f}" y2="{mid}" '
                   f'stroke="#333" stroke-width="1"/>')
        svg.append(f'<text x="{left + max(w, high * scale) + 4:.1f}" y="{y + bar - 4}">{median:,.0f} us</text>')
        y += bar
    y += gap
svg.append("</svg>")
with open(out, "w") as f:
    f.write("\n".join(svg) + "\n")
