import { useEffect } from "react";
import type { EChartsCoreOption } from "echarts/core";
import { escapeHtml, formatNumber, formatTime } from "../format";
import { useEChart } from "./useEChart";

const DEFAULT_SIZE = { width: 420, height: 260 };

/** One line of a time chart: [time ms, value or null]; a null breaks the line (a gap, or no requests). */
export interface TimeSeries {
  name: string;
  points: [number, number | null][];
}

/**
 * The ECharts option of lines over time. Gaps (reads that failed) are shaded as marked areas on
 * the first series, so a reader sees when the deployment could not be seen. Tooltip HTML escapes
 * every piece of user text (input names).
 */
export function timeOption(title: string, unit: string, series: TimeSeries[], gaps: number[]): EChartsCoreOption {
  return {
    animation: false,
    title: { text: title, left: "center", textStyle: { fontSize: 13 } },
    // The legend (several lines: percentiles, inputs) goes under the axis, clear of the title.
    legend: series.length > 1 ? { bottom: 0, type: "scroll" } : undefined,
    grid: { left: 60, right: 20, top: 40, bottom: series.length > 1 ? 56 : 40 },
    tooltip: {
      trigger: "axis",
      formatter: (params: unknown) => {
        const list = (Array.isArray(params) ? params : [params]) as { seriesName: string; value: [number, number | null] }[];
        if (list.length === 0) {
          return "";
        }
        return (
          escapeHtml(formatTime(list[0].value[0])) +
          list
            .map((p) => `<br/>${escapeHtml(p.seriesName)}: ${p.value[1] === null ? "–" : escapeHtml(formatNumber(p.value[1]) + unit)}`)
            .join("")
        );
      },
    },
    xAxis: { type: "time" },
    yAxis: { type: "value", scale: true, name: unit.trim() },
    series: series.map((s, i) => ({
      type: "line",
      name: s.name,
      showSymbol: s.points.length < 60,
      connectNulls: false,
      data: s.points,
      markArea:
        i === 0 && gaps.length > 0
          ? { silent: true, itemStyle: { color: "rgba(220, 38, 38, 0.15)" }, data: gaps.map((at) => [{ xAxis: at - 1 }, { xAxis: at + 1 }]) }
          : undefined,
      markLine:
        i === 0 && gaps.length > 0
          ? { silent: true, symbol: "none", lineStyle: { color: "#dc2626", type: "dashed" }, label: { show: false }, data: gaps.map((at) => ({ xAxis: at })) }
          : undefined,
    })),
  };
}

/**
 * A line chart over time. The plotted values are also on the element (data-series), so a test in a
 * real browser can check that the chart shows what the API gave.
 */
export function TimeChart({ title, unit, series, gaps }: { title: string; unit: string; series: TimeSeries[]; gaps: number[] }) {
  const { element, chart, ready } = useEChart(DEFAULT_SIZE);

  useEffect(() => {
    if (ready) {
      chart.current?.setOption(timeOption(title, unit, series, gaps), true);
      element.current?.setAttribute("data-rendered", "true");
    }
  }, [ready, title, unit, series, gaps]);

  return (
    <div
      className="chart"
      ref={element}
      role="img"
      aria-label={title + " chart"}
      data-series={JSON.stringify(series.map((s) => ({ name: s.name, points: s.points })))}
    />
  );
}
