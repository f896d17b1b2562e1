import { useEffect, useRef, useState, type RefObject } from "react";
import type { ECharts } from "echarts/core";

/**
 * Mounts an SVG ECharts instance on an element once ECharts' line chart code has loaded (a chunk of
 * its own), resizes it with the element, and disposes of it on unmount. A container without layout
 * (hidden, or a test's DOM) still gets a chart of the given default size.
 */
export function useEChart(defaultSize: { width: number; height: number }): {
  element: RefObject<HTMLDivElement | null>;
  chart: RefObject<ECharts | null>;
  ready: boolean;
} {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const [ready, setReady] = useState(false);
  const { width, height } = defaultSize;

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | null = null;
    import("./echartsLine").then(({ echarts }) => {
      if (disposed || !element.current) {
        return;
      }
      const size = element.current.clientWidth === 0 ? { width, height } : {};
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
  }, [width, height]);

  return { element, chart, ready };
}
