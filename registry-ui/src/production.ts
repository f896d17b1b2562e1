// The Production view's charts from the API's samples: one series per measure, nulls where an
// interval gave nothing (no requests, or a gap), and the times of the gaps for their markers.
import type { TimeSeries } from "./components/TimeChart";
import type { DeploymentHealth, HealthSample } from "./types";

export interface HealthCharts {
  requests: TimeSeries[];
  errors: TimeSeries[];
  latency: TimeSeries[];
  drift: TimeSeries[];
  gaps: number[];
  latest: HealthSample | null;
}

function series(name: string, samples: HealthSample[], value: (s: HealthSample) => number | null | undefined): TimeSeries {
  return { name, points: samples.map((s) => [s.at, s.gap ? null : (value(s) ?? null)]) };
}

/** The chart series of one deployment, and its gaps and newest good sample. */
export function healthCharts(deployment: DeploymentHealth): HealthCharts {
  const samples = deployment.samples;
  const inputs = [...new Set(samples.flatMap((s) => Object.keys(s.inputPsi)))].sort();
  const good = samples.filter((s) => !s.gap);
  return {
    requests: [series("requests/s", samples, (s) => s.requestsPerSecond)],
    errors: [series("error rate", samples, (s) => (s.errorRate === null ? null : s.errorRate * 100))],
    latency: [
      series("p50", samples, (s) => s.p50Ms),
      series("p95", samples, (s) => s.p95Ms),
      series("p99", samples, (s) => s.p99Ms),
    ],
    drift: inputs.map((input) => series(input, samples, (s) => s.inputPsi[input])),
    gaps: samples.filter((s) => s.gap).map((s) => s.at),
    latest: good.length === 0 ? null : good[good.length - 1],
  };
}

/** Whether the newest sample of a deployment is a failed read: its agent cannot be seen now. */
export function unreachableNow(deployment: DeploymentHealth): boolean {
  const last = deployment.samples[deployment.samples.length - 1];
  return last !== undefined && last.gap;
}
