import { useEffect, useRef, useState } from "react";
import type { ECharts, EChartsCoreOption } from "echarts/core";
import { escapeHtml, formatNumber } from "../format";

export interface Point {
  x: number;
  y: number;
}

/**
 * The ECharts option of one line. Axis labels and the title are drawn as SVG text (never HTML);
 * the tooltip is HTML, so its formatter escapes every piece of user text itself.
 */
export function lineOption(title: string, xName: string, points: Point[]): EChartsCoreOption {
  return {
    animation: false,
    title: { text: title, left: "center", textStyle: { fontSize: 13 } },
    grid: { left: 60, right: 20, top: 40, bottom: 40 },
    tooltip: {
      trigger: "axis",
      formatter: (params: unknown) => {
        const list = (Array.isArray(params) ? params : [params]) as { value: [number, number] }[];
        return list
          .map((p) => `${escapeHtml(xName)} ${escapeHtml(p.value[0])}<br/>${escapeHtml(title)}: ${escapeHtml(formatNumber(p.value[1]))}`)
          .join("<br/>");
      },
    },
    xAxis: { type: "value", name: xName, minInterval: 1, scale: true },
    yAxis: { type: "value", scale: true },
    series: [{ type: "line", name: title, showSymbol: true, data: points.map((p) => [p.x, p.y]) }],
  };
}

/** A line chart of one series (a metric across versions, or a run's metric by step). */
export function LineChart({ title, xName, points }: { title: string; xName: string; points: Point[] }) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | null = null;
    import("./echartsLine").then(({ echarts }) => {
      if (disposed || !element.current) {
        return;
      }
      // A container without layout (hidden, or a test's DOM) still gets a chart of the CSS default size.
      const size = element.current.clientWidth === 0 ? { width: 720, height: 260 } : {};
      chart.current = echarts.init(element.current, undefined, { renderer: "svg", ...size });
      observer = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(() => chart.current?.resize());
      observer?.observe(element.current);
      setReady(true);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (ready) {
      chart.current?.setOption(lineOption(title, xName, points), true);
    }
  }, [ready, title, xName, points]);

  return <div className="chart" ref={element} role="img" aria-label={title + " chart"} />;
}
