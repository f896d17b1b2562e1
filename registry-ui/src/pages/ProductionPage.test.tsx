import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { fakeServer } from "../test/fakeServer";
import { renderAt } from "../test/render";
import { healthCharts, unreachableNow } from "../production";
import { timeOption } from "../components/TimeChart";
import type { DeploymentHealth, Production } from "../types";

const T = 1_800_000_000_000;

function deployment(overrides: Partial<DeploymentHealth> = {}): DeploymentHealth {
  return {
    endpoint: "http://127.0.0.1:8080/v2/models/persons",
    version: 2,
    backend: "onnxruntime",
    node: "127.0.0.1",
    status: "RUNNING",
    lastReadAt: T + 15_000,
    samples: [
      { at: T, version: 2, gap: false, requestsPerSecond: 12.5, errorRate: 0.2, p50Ms: 1.25, p95Ms: 4, p99Ms: 9.5, inputPsi: { age: 0.05, income: 0.31 } },
      { at: T + 15_000, version: 2, gap: false, requestsPerSecond: 0, errorRate: null, p50Ms: null, p95Ms: null, p99Ms: null, inputPsi: { age: 0.07 } },
      { at: T + 30_000, version: 2, gap: true, requestsPerSecond: null, errorRate: null, p50Ms: null, p95Ms: null, p99Ms: null, inputPsi: {} },
    ],
    ...overrides,
  };
}

describe("production charts", () => {
  it("turns samples into one series per measure and per input, with nulls for gaps and idle intervals", () => {
    const charts = healthCharts(deployment());
    expect(charts.requests[0].points).toEqual([
      [T, 12.5],
      [T + 15_000, 0],
      [T + 30_000, null],
    ]);
    expect(charts.errors[0].points[0]).toEqual([T, 20]);
    expect(charts.latency.map((s) => s.name)).toEqual(["p50", "p95", "p99"]);
    expect(charts.latency[2].points[0]).toEqual([T, 9.5]);
    expect(charts.drift.map((s) => s.name)).toEqual(["age", "income"]);
    expect(charts.drift[1].points).toEqual([
      [T, 0.31],
      [T + 15_000, null],
      [T + 30_000, null],
    ]);
    expect(charts.gaps).toEqual([T + 30_000]);
    expect(charts.latest?.at).toBe(T + 15_000);
    expect(unreachableNow(deployment())).toBe(true);
  });

  it("marks gaps on the chart and escapes input names in the tooltip", () => {
    const option = timeOption("Input drift (PSI)", "", [{ name: "<img src=x>", points: [[T, 0.5]] }], [T + 30_000]) as {
      tooltip: { formatter: (p: unknown) => string };
      series: { markLine?: { data: { xAxis: number }[] }; connectNulls: boolean }[];
    };
    expect(option.tooltip.formatter([{ seriesName: "<img src=x>", value: [T, 0.5] }])).toContain("&lt;img src=x&gt;: 0.5");
    expect(option.series[0].markLine?.data).toEqual([{ xAxis: T + 30_000 }]);
    expect(option.series[0].connectNulls).toBe(false);
  });
});

describe("production page", () => {
  it("shows each deployment's last read, its newest numbers, a gap marker and its charts", async () => {
    const answer: Production = { model: "persons", from: T - 6 * 3_600_000, to: T + 30_000, hours: 6, deployments: [deployment()] };
    const server = fakeServer({ "GET api/registry/v1/models/persons/production?hours=6": { json: answer } });
    const { container } = renderAt("#/models/persons/production?hours=6");
    await screen.findByText("Last read 2027-01-15 08:00:15 UTC.");
    expect(screen.getByRole("status").textContent).toContain("cannot be reached (since 2027-01-15 08:00:30 UTC)");
    expect(container.querySelector('[data-measure="requestsPerSecond"]')!.textContent).toBe("0");
    expect(container.querySelector('[data-measure="latency"]')!.textContent).toBe("– / – / – ms");
    expect(screen.getByRole("img", { name: "Input drift (PSI) chart" })).toBeTruthy();
    const requests = JSON.parse(screen.getByRole("img", { name: "Requests per second chart" }).getAttribute("data-series")!);
    expect(requests[0].points[0]).toEqual([T, 12.5]);
    expect(server.sent[0].url).toBe("api/registry/v1/models/persons/production?hours=6");
  });

  it("links from the model page's range choices and says when nothing is deployed", async () => {
    fakeServer({
      "GET api/registry/v1/models/a%2Fb/production?hours=24": {
        json: { model: "a/b", from: 0, to: 1, hours: 24, deployments: [] },
      },
    });
    renderAt("#/models/a%2Fb/production?hours=24");
    expect((await screen.findByText(/Not deployed anywhere/)).textContent).toContain("24 h");
    expect(screen.getByText("6 h").getAttribute("href")).toBe("#/models/a%2Fb/production?hours=6");
  });
});
