import { useEffect } from "react";
import type { EChartsCoreOption } from "echarts/core";
import { escapeHtml, formatNumber } from "../format";
import { useEChart } from "./useEChart";

const DEFAULT_SIZE = { width: 720, height: 260 };

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
  const { element, chart, ready } = useEChart(DEFAULT_SIZE);

  useEffect(() => {
    if (ready) {
      chart.current?.setOption(lineOption(title, xName, points), true);
    }
  }, [ready, title, xName, points]);

  return <div className="chart" ref={element} role="img" aria-label={title + " chart"} />;
}
