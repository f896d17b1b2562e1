import { useMemo, useState } from "react";
import { segment } from "../api";
import { AliasBadge, AliasBadges } from "../components/AliasBadges";
import { PromoteForm, RollbackForm } from "../components/AliasActions";
import { ErrorBox } from "../components/ErrorBox";
import { LineChart } from "../components/LineChart";
import { useLoad } from "../context";
import { formatNumber, formatTime, keysOf, shortId } from "../format";
import { href } from "../routes";
import type { AuditEntry, Deployment, ModelDetail, Version } from "../types";

/** One model: its versions with metrics, a metric across versions, deployments, audit, and the alias writes. */
export function ModelPage({ name }: { name: string }) {
  const detail = useLoad<ModelDetail>((api) => api.get(`api/registry/v1/models/${segment(name)}`), [name]);

  if (detail.error && !detail.data) {
    return (
      <section>
        <h1>{name}</h1>
        <ErrorBox error={detail.error} retry={detail.reload} />
      </section>
    );
  }
  if (!detail.data) {
    return <p className="muted">Loading…</p>;
  }
  const { model, versions, deployments, audit } = detail.data;
  return (
    <section>
      <p>
        <a href={href.models()}>Models</a> /
      </p>
      <h1 className="model-name">{model.name}</h1>
      {model.description && <p>{model.description}</p>}
      <p>
        {Object.entries(model.aliases).map(([alias, version]) => (
          <AliasBadge key={alias} alias={alias} version={version} />
        ))}
        {Object.keys(model.tags).length > 0 && (
          <span className="muted">
            {" "}
            {Object.entries(model.tags)
              .map(([k, v]) => k + "=" + v)
              .join(" ")}
          </span>
        )}
      </p>
      <VersionsTable name={model.name} versions={versions} />
      <MetricChart versions={versions} />
      <div className="writes">
        <PromoteForm model={model.name} aliases={model.aliases} versions={versions} onDone={detail.reload} />
        <RollbackForm model={model.name} aliases={model.aliases} onDone={detail.reload} />
      </div>
      <Deployments deployments={deployments} />
      <p>
        <a href={href.production(model.name)}>Production view</a>{" "}
        <span className="muted">(request rate, latency, errors and drift of each deployment)</span>
      </p>
      <AuditTimeline audit={audit} />
    </section>
  );
}

function VersionsTable({ name, versions }: { name: string; versions: Version[] }) {
  const [selected, setSelected] = useState<number[]>([]);
  const metricKeys = useMemo(() => keysOf(versions.map((v) => v.metrics)), [versions]);
  const toggle = (version: number) =>
    setSelected((s) => (s.includes(version) ? s.filter((v) => v !== version) : [...s, version]));
  const comparable = selected.length >= 2 && selected.length <= 4;
  // Compare lists versions oldest first, so deltas read as "what changed since".
  const ordered = [...selected].sort((a, b) => a - b);
  return (
    <>
      <h2>Versions</h2>
      <p>
        <a
          className={"button" + (comparable ? "" : " disabled")}
          aria-disabled={!comparable}
          href={comparable ? href.compare(name, ordered) : undefined}
        >
          Compare {selected.length > 0 ? selected.length : ""} selected
        </a>{" "}
        <span className="muted">select 2 to 4 versions</span>
      </p>
      <table className="versions" data-testid="versions">
        <thead>
          <tr>
            <th aria-label="select" />
            <th>Version</th>
            <th>Aliases</th>
            <th>Status</th>
            {metricKeys.map((k) => (
              <th key={k} className="metric">
                {k}
              </th>
            ))}
            <th>Run</th>
            <th>Data snapshots</th>
            <th>Created</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.version} data-version={v.version} className={v.status === "ARCHIVED" ? "archived" : ""}>
              <td>
                <input
                  type="checkbox"
                  aria-label={"select v" + v.version}
                  checked={selected.includes(v.version)}
                  onChange={() => toggle(v.version)}
                />
              </td>
              <td>v{v.version}</td>
              <td>
                <AliasBadges aliases={v.aliases} />
              </td>
              <td>{v.status}</td>
              {metricKeys.map((k) => (
                <td key={k} className="number">
                  {formatNumber(v.metrics[k])}
                </td>
              ))}
              <td>{v.runId && <a href={href.run(v.runId)} title={v.runId}>{shortId(v.runId)}</a>}</td>
              <td>
                {v.snapshotIds.map((id) => (
                  <code key={id} title={id} className="snapshot">
                    {shortId(id)}
                  </code>
                ))}
              </td>
              <td>
                {formatTime(v.createdAt)} {v.createdBy && <span className="muted">by {v.createdBy}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function MetricChart({ versions }: { versions: Version[] }) {
  const keys = useMemo(() => keysOf(versions.map((v) => v.metrics)), [versions]);
  const [chosen, setChosen] = useState<string | null>(null);
  const key = chosen !== null && keys.includes(chosen) ? chosen : keys[0];
  const points = useMemo(
    () =>
      versions
        .filter((v) => key !== undefined && typeof v.metrics[key] === "number")
        .map((v) => ({ x: v.version, y: v.metrics[key] }))
        .sort((a, b) => a.x - b.x),
    [versions, key],
  );
  if (key === undefined) {
    return null;
  }
  return (
    <>
      <h2>Metric across versions</h2>
      <label>
        Metric{" "}
        <select value={key} onChange={(e) => setChosen(e.target.value)} aria-label="Metric">
          {keys.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </label>
      <LineChart title={key} xName="version" points={points} />
    </>
  );
}

function Deployments({ deployments }: { deployments: Deployment[] }) {
  return (
    <>
      <h2>Deployments</h2>
      {deployments.length === 0 ? (
        <p className="muted">Not deployed anywhere.</p>
      ) : (
        <table className="deployments">
          <thead>
            <tr>
              <th>Backend</th>
              <th>Node</th>
              <th>Version</th>
              <th>Status</th>
              <th>Endpoint</th>
              <th>Updated</th>
            </tr>
          </thead>
          <tbody>
            {deployments.map((d) => (
              <tr key={d.backend + "\u0000" + d.node}>
                <td>{d.backend}</td>
                <td>{d.node}</td>
                <td>v{d.version}</td>
                <td>{d.status}</td>
                <td>
                  <code>{d.endpoint}</code>
                </td>
                <td>{formatTime(d.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function AuditTimeline({ audit }: { audit: AuditEntry[] }) {
  return (
    <>
      <h2>Audit</h2>
      <ol className="audit">
        {audit.map((a) => (
          <li key={a.id} data-action={a.action}>
            <span className="muted">{formatTime(a.at)}</span> <strong>{a.action}</strong> by{" "}
            <span className="actor">{a.actor}</span>
            {(a.from !== null || a.to !== null) && (
              <span>
                {" "}
                {a.from ?? "–"} → {a.to ?? "–"}
              </span>
            )}
            {a.reason && <span className="reason">: {a.reason}</span>}
          </li>
        ))}
      </ol>
    </>
  );
}
