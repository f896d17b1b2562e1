import { useEffect, useState } from "react";
import { ErrorBox } from "../components/ErrorBox";
import { LineChart } from "../components/LineChart";
import type { Api } from "../api";
import { useApi, useLoad } from "../context";
import { formatBytes, formatNumber, formatTime } from "../format";
import { href } from "../routes";
import type { MlflowArtifacts, MlflowMetric, MlflowMetricHistory, MlflowRun } from "../types";

/** How often a RUNNING run is read again. */
export const REFRESH_MS = 3000;

interface RunView {
  run: MlflowRun["run"];
  history: Record<string, MlflowMetric[]>;
  artifacts: MlflowArtifacts | { error: string };
}

const PROXIED = "mlflow-artifacts:/";

/**
 * Lists a run's artifacts. A server that keeps artifacts itself (mlops server, MLflow with
 * --serve-artifacts) names them mlflow-artifacts:/..., listed through the artifact proxy; any other
 * artifact root is listed through MLflow's artifacts/list.
 */
function artifactsOf(api: Api, run: MlflowRun["run"]): Promise<MlflowArtifacts> {
  const uri = run.info.artifact_uri ?? "";
  if (uri.startsWith(PROXIED)) {
    const path = uri.slice(PROXIED.length).replace(/^\/+/, "");
    return api.get<MlflowArtifacts>(`api/2.0/mlflow-artifacts/artifacts?path=${encodeURIComponent(path)}`);
  }
  return api.get<MlflowArtifacts>(`api/2.0/mlflow/artifacts/list?run_id=${encodeURIComponent(run.info.run_id)}`);
}

/** A tracking run: params, metrics with their history, artifacts; kept fresh while it runs. */
export function RunPage({ runId }: { runId: string }) {
  const api = useApi();
  const view = useLoad<RunView>(async () => {
    const id = encodeURIComponent(runId);
    const { run } = await api.get<MlflowRun>(`api/2.0/mlflow/runs/get?run_id=${id}`);
    const keys = [...new Set((run.data.metrics ?? []).map((m) => m.key))].sort();
    const [histories, artifacts] = await Promise.all([
      Promise.all(
        keys.map((key) =>
          api.get<MlflowMetricHistory>(
            `api/2.0/mlflow/metrics/get-history?run_id=${id}&metric_key=${encodeURIComponent(key)}`,
          ),
        ),
      ),
      artifactsOf(api, run).catch((e: unknown) => ({ error: String(e instanceof Error ? e.message : e) })),
    ]);
    const history: Record<string, MlflowMetric[]> = {};
    keys.forEach((key, i) => (history[key] = histories[i].metrics ?? []));
    return { run, history, artifacts };
  }, [runId]);

  const running = view.data?.run.info.status === "RUNNING";
  const [refreshed, setRefreshed] = useState<number | null>(null);
  const { reload } = view;
  useEffect(() => {
    if (!running) {
      return;
    }
    const timer = setInterval(() => {
      reload();
      setRefreshed(Date.now());
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [running, reload]);

  if (view.error && !view.data) {
    return (
      <section>
        <h1>Run {runId}</h1>
        <ErrorBox error={view.error} retry={view.reload} />
      </section>
    );
  }
  if (!view.data) {
    return <p className="muted">Loading…</p>;
  }
  const { run, history, artifacts } = view.data;
  const params = [...(run.data.params ?? [])].sort((a, b) => a.key.localeCompare(b.key));
  const metrics = [...(run.data.metrics ?? [])].sort((a, b) => a.key.localeCompare(b.key));
  return (
    <section>
      <p>
        <a href={href.models()}>Models</a> /
      </p>
      <h1>Run {run.info.run_name || run.info.run_id}</h1>
      <p>
        <span className={"status status-" + run.info.status.toLowerCase()}>{run.info.status}</span>{" "}
        <span className="muted">
          id {run.info.run_id}, experiment {run.info.experiment_id}, started {formatTime(run.info.start_time)}
          {run.info.end_time ? ", ended " + formatTime(run.info.end_time) : ""}
          {running ? `, refreshing every ${REFRESH_MS / 1000} s` : ""}
          {running && refreshed ? " (last " + formatTime(refreshed) + ")" : ""}
        </span>
      </p>
      <div className="columns">
        <div>
          <h2>Params</h2>
          <table className="params">
            <tbody>
              {params.map((p) => (
                <tr key={p.key}>
                  <th>{p.key}</th>
                  <td>{p.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div>
          <h2>Metrics</h2>
          <table className="run-metrics">
            <tbody>
              {metrics.map((m) => (
                <tr key={m.key} data-metric={m.key}>
                  <th>{m.key}</th>
                  <td className="number">{formatNumber(m.value)}</td>
                  <td className="muted">step {m.step}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <div className="charts">
        {Object.entries(history).map(([key, points]) => (
          <LineChart
            key={key}
            title={key}
            xName="step"
            points={[...points].sort((a, b) => a.step - b.step || a.timestamp - b.timestamp).map((p) => ({ x: p.step, y: p.value }))}
          />
        ))}
      </div>
      <h2>Artifacts</h2>
      {"error" in artifacts ? (
        <div className="error" role="alert">
          Cannot list the artifacts: {artifacts.error}
        </div>
      ) : (artifacts.files ?? []).length === 0 ? (
        <p className="muted">No artifacts.</p>
      ) : (
        <ul className="artifacts">
          {(artifacts.files ?? []).map((f) => (
            <li key={f.path}>
              <code>{f.path}</code>
              {f.is_dir ? "/" : " " + formatBytes(f.file_size)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
