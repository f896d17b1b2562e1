import { useEffect, useMemo, type ReactNode } from "react";
import { segment } from "../api";
import { ErrorBox } from "../components/ErrorBox";
import { TimeChart } from "../components/TimeChart";
import { useLoad } from "../context";
import { formatNumber, formatTime } from "../format";
import { healthCharts, unreachableNow } from "../production";
import { href } from "../routes";
import type { DeploymentHealth, Production } from "../types";

const RANGES = [1, 6, 24];
const REFRESH_MS = 15_000;

/** A model's deployments in production: request rate, error rate, latency and drift over the last hours. */
export function ProductionPage({ name, hours }: { name: string; hours: number }) {
  const production = useLoad<Production>(
    (api) => api.get(`api/registry/v1/models/${segment(name)}/production?hours=${hours}`),
    [name, hours],
  );
  const reload = production.reload;
  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);

  return (
    <section>
      <p>
        <a href={href.models()}>Models</a> / <a href={href.model(name)}>{name}</a> /
      </p>
      <h1 className="model-name">{name}: production</h1>
      <p className="ranges">
        Last{" "}
        {RANGES.map((h) =>
          h === hours ? (
            <strong key={h}>{h} h</strong>
          ) : (
            <a key={h} href={href.production(name, h)}>
              {h} h
            </a>
          ),
        ).reduce<ReactNode[]>((all, link, i) => (i === 0 ? [link] : [...all, " · ", link]), [])}
      </p>
      {production.error && <ErrorBox error={production.error} retry={reload} />}
      {!production.data && !production.error && <p className="muted">Loading…</p>}
      {production.data && production.data.deployments.length === 0 && (
        <p className="muted">Not deployed anywhere, and no health was read in the last {hours} h.</p>
      )}
      {production.data?.deployments.map((d) => <DeploymentPanel key={d.endpoint} deployment={d} />)}
    </section>
  );
}

function DeploymentPanel({ deployment }: { deployment: DeploymentHealth }) {
  const charts = useMemo(() => healthCharts(deployment), [deployment]);
  const latest = charts.latest;
  return (
    <div className="deployment-health" data-endpoint={deployment.endpoint}>
      <h2>
        {deployment.version !== null && <>v{deployment.version} </>}
        {deployment.backend && (
          <span>
            on {deployment.backend}@{deployment.node}{" "}
          </span>
        )}
        {deployment.status && <span className="muted">({deployment.status})</span>}
      </h2>
      <p>
        <code>{deployment.endpoint}</code>
      </p>
      <p className="last-read">
        {deployment.lastReadAt === null ? "Never read yet." : "Last read " + formatTime(deployment.lastReadAt) + "."}
        {unreachableNow(deployment) && (
          <span className="gap-marker" role="status">
            {" "}
            The agent cannot be reached (since {formatTime(charts.gaps[charts.gaps.length - 1])}).
          </span>
        )}
        {charts.gaps.length > 0 && !unreachableNow(deployment) && (
          <span className="gap-marker"> {charts.gaps.length} failed read(s) in this range, marked red on the charts.</span>
        )}
      </p>
      {latest && (
        <table className="health-now">
          <tbody>
            <tr>
              <th>Requests/s</th>
              <td data-measure="requestsPerSecond">{formatNumber(latest.requestsPerSecond)}</td>
              <th>Error rate</th>
              <td data-measure="errorRate">{latest.errorRate === null ? "–" : formatNumber(latest.errorRate * 100) + " %"}</td>
              <th>p50 / p95 / p99</th>
              <td data-measure="latency">
                {[latest.p50Ms, latest.p95Ms, latest.p99Ms].map((v) => (v === null ? "–" : formatNumber(v))).join(" / ")} ms
              </td>
            </tr>
          </tbody>
        </table>
      )}
      {deployment.samples.length > 0 && (
        <div className="charts">
          <TimeChart title="Requests per second" unit="" series={charts.requests} gaps={charts.gaps} />
          <TimeChart title="Error rate" unit=" %" series={charts.errors} gaps={charts.gaps} />
          <TimeChart title="Latency" unit=" ms" series={charts.latency} gaps={charts.gaps} />
          {charts.drift.length > 0 && <TimeChart title="Input drift (PSI)" unit="" series={charts.drift} gaps={charts.gaps} />}
        </div>
      )}
    </div>
  );
}
