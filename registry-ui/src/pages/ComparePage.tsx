import { segment } from "../api";
import { AliasBadges } from "../components/AliasBadges";
import { ErrorBox } from "../components/ErrorBox";
import { useLoad } from "../context";
import { formatDelta, formatNumber, keysOf, shortId } from "../format";
import { href } from "../routes";
import type { ComparedVersion, Comparison } from "../types";

/** 2 to 4 versions side by side; metric deltas are against the first version listed. */
export function ComparePage({ name, versions }: { name: string; versions: number[] }) {
  const valid = versions.length >= 2 && versions.length <= 4;
  const comparison = useLoad<Comparison | null>(
    (api) =>
      valid
        ? api.get(`api/registry/v1/models/${segment(name)}/compare?versions=${versions.join(",")}`)
        : Promise.resolve(null),
    [name, versions.join(",")],
  );
  return (
    <section>
      <p>
        <a href={href.models()}>Models</a> / <a href={href.model(name)}>{name}</a> /
      </p>
      <h1>Compare {versions.map((v) => "v" + v).join(", ")}</h1>
      {!valid && (
        <div className="error" role="alert">
          Choose 2 to 4 versions to compare (got {versions.length}).
        </div>
      )}
      {comparison.error && <ErrorBox error={comparison.error} retry={comparison.reload} />}
      {comparison.data && <CompareTable compared={comparison.data.versions} />}
      {valid && !comparison.data && !comparison.error && <p className="muted">Loading…</p>}
    </section>
  );
}

function CompareTable({ compared }: { compared: ComparedVersion[] }) {
  const first = compared[0];
  const metricKeys = keysOf(compared.map((c) => c.version.metrics));
  const paramKeys = keysOf(compared.map((c) => c.params));
  return (
    <table className="compare">
      <thead>
        <tr>
          <th />
          {compared.map((c) => (
            <th key={c.version.version}>
              v{c.version.version} <AliasBadges aliases={c.version.aliases} />
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        <Section title="Metrics" span={compared.length} />
        {metricKeys.map((k) => (
          <tr key={"m" + k} data-metric={k}>
            <th>{k}</th>
            {compared.map((c, i) => {
              const value = c.version.metrics[k];
              const base = first.version.metrics[k];
              const delta = i > 0 && typeof value === "number" && typeof base === "number" ? value - base : null;
              return (
                <td key={c.version.version} className="number">
                  {formatNumber(value)}
                  {delta !== null && (
                    <span className={"delta " + (delta > 0 ? "up" : delta < 0 ? "down" : "same")}> ({formatDelta(delta)})</span>
                  )}
                </td>
              );
            })}
          </tr>
        ))}
        <Section title="Params" span={compared.length} />
        {paramKeys.map((k) => (
          <tr key={"p" + k} data-param={k}>
            <th>{k}</th>
            {compared.map((c) => (
              <td key={c.version.version} className={c.params[k] !== first.params[k] ? "changed" : ""}>
                {c.params[k] ?? ""}
              </td>
            ))}
          </tr>
        ))}
        <Section title="Lineage" span={compared.length} />
        <tr>
          <th>Run</th>
          {compared.map((c) => (
            <td key={c.version.version}>
              {c.lineage.run ? (
                <a href={href.run(c.lineage.run.id)} title={c.lineage.run.id}>
                  {c.lineage.run.name || shortId(c.lineage.run.id)}
                </a>
              ) : (
                <span className="muted">none</span>
              )}
            </td>
          ))}
        </tr>
        <tr>
          <th>Git commit</th>
          {compared.map((c) => (
            <td key={c.version.version}>
              {c.lineage.run?.gitCommit ? <code title={c.lineage.run.gitCommit}>{shortId(c.lineage.run.gitCommit)}</code> : ""}
            </td>
          ))}
        </tr>
        <tr>
          <th>Data snapshots</th>
          {compared.map((c) => (
            <td key={c.version.version}>
              {c.lineage.snapshots.map((s) => (
                <div key={s.id}>
                  <code title={s.id}>{shortId(s.id)}</code> {s.path} <span className="muted">({s.files} files)</span>
                </div>
              ))}
            </td>
          ))}
        </tr>
        <tr>
          <th>Source</th>
          {compared.map((c) => (
            <td key={c.version.version}>
              <code>{c.version.source.uri}</code>
            </td>
          ))}
        </tr>
      </tbody>
    </table>
  );
}

function Section({ title, span }: { title: string; span: number }) {
  return (
    <tr className="section">
      <th colSpan={span + 1}>{title}</th>
    </tr>
  );
}
