import { useEffect, useState } from "react";
import { AliasBadge } from "../components/AliasBadges";
import { ErrorBox } from "../components/ErrorBox";
import { useLoad } from "../context";
import { formatTime } from "../format";
import { href } from "../routes";
import type { ModelList } from "../types";

const PAGE = 50;

/** Every registered model, searchable by name, with its aliases and latest version. */
export function ModelListPage() {
  const [query, setQuery] = useState("");
  const [search, setSearch] = useState("");
  const [offset, setOffset] = useState(0);

  // Wait for a pause in typing before asking the server.
  useEffect(() => {
    const timer = setTimeout(() => {
      setSearch(query.trim());
      setOffset(0);
    }, 200);
    return () => clearTimeout(timer);
  }, [query]);

  const list = useLoad<ModelList>(
    (api) =>
      api.get(`api/registry/v1/models?q=${encodeURIComponent(search)}&limit=${PAGE}&offset=${offset}`),
    [search, offset],
  );

  return (
    <section>
      <h1>Models</h1>
      <input
        type="search"
        className="search"
        placeholder="Search models by name"
        aria-label="Search models"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      {list.error && <ErrorBox error={list.error} retry={list.reload} />}
      {list.data && (
        <>
          <p className="muted">
            {list.data.total} model{list.data.total === 1 ? "" : "s"}
            {search ? ` matching “${search}”` : ""}
          </p>
          <table className="models">
            <thead>
              <tr>
                <th>Name</th>
                <th>Aliases</th>
                <th>Latest version</th>
                <th>Versions</th>
                <th>Updated</th>
              </tr>
            </thead>
            <tbody>
              {list.data.models.map((m) => (
                <tr key={m.name} data-model={m.name}>
                  <td>
                    <a href={href.model(m.name)}>{m.name}</a>
                    {m.description && <div className="muted">{m.description}</div>}
                  </td>
                  <td>
                    {Object.entries(m.aliases)
                      .sort(([a], [b]) => a.localeCompare(b))
                      .map(([alias, version]) => (
                        <AliasBadge key={alias} alias={alias} version={version} />
                      ))}
                  </td>
                  <td className="latest">{m.latestVersion === null ? "" : "v" + m.latestVersion}</td>
                  <td>{m.versionCount}</td>
                  <td>{formatTime(m.lastUpdatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="pager">
            <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              Previous
            </button>
            <span className="muted">
              {list.data.total === 0 ? 0 : offset + 1}–{Math.min(offset + PAGE, list.data.total)} of {list.data.total}
            </span>
            <button type="button" disabled={offset + PAGE >= list.data.total} onClick={() => setOffset(offset + PAGE)}>
              Next
            </button>
          </div>
        </>
      )}
      {!list.data && list.loading && <p className="muted">Loading…</p>}
    </section>
  );
}
