"""Draws grouped horizontal bars as a self-contained SVG.

stdin: one line per group, '|'-separated: name, count, size, then one number per series in the
order the series names are given on the command line (the data-bench result rows).
usage: bar-chart.py OUT.svg TITLE SERIES...
"""
import sys
from xml.sax.saxutils import escape

out, title, series = sys.argv[1], sys.argv[2], sys.argv[3:]
colors = ["#9e9e9e", "#1565c0", "#64b5f6", "#ef6c00", "#ffb74d"]
rows = []
for line in sys.stdin:
    parts = line.strip().split("|")
    if len(parts) < 3 + len(series):
        continue
    name, count, size = parts[0], int(parts[1]), int(parts[2])
    values = [float(v) for v in parts[3:3 + len(series)]]
    unit = "MiB" if size >= 1 << 20 else "KiB"
    label = f"{name}: {count:,} files of {size / (1 << 20 if unit == 'MiB' else 1 << 10):g} {unit}"
    rows.append((label, values))

bar, gap, left, width = 16, 12, 20, 560
scale = width / max(max(v) for _, v in rows)
height = 60 + len(rows) * (len(series) * bar + gap + 20) + 20 * len(series)
svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 90}" height="{height}" '
       f'font-family="sans-serif" font-size="12">',
       f'<text x="10" y="22" font-size="15" font-weight="bold">{escape(title)}</text>']
y = 40
for label, values in rows:
    svg.append(f'<text x="10" y="{y + 12}" font-weight="bold">{escape(label)}</text>')
    y += 20
    for i, value in enumerate(values):
        w = max(1.0, value * scale)
        svg.append(f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar - 2}" fill="{colors[i % len(colors)]}"/>')
        svg.append(f'<text x="{left + w + 4:.1f}" y="{y + bar - 4}">{value:.2f} s</text>')
        y += bar
    y += gap
for i, name in enumerate(series):
    svg.append(f'<rect x="10" y="{y}" width="12" height="12" fill="{colors[i % len(colors)]}"/>')
    svg.append(f'<text x="28" y="{y + 11}">{escape(name)}</text>')
    y += 20
svg.append("</svg>")
with open(out, "w") as f:
    f.write("\n".join(svg) + "\n")
