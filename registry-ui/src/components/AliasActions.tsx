import { useState } from "react";
import { segment } from "../api";
import { useApi } from "../context";
import type { Version } from "../types";
import { ConfirmedWrite } from "./ConfirmedWrite";

/** Promote: point an alias (new or existing) at a chosen version. */
export function PromoteForm({
  model,
  aliases,
  versions,
  onDone,
}: {
  model: string;
  aliases: Record<string, number>;
  versions: Version[];
  onDone: () => void;
}) {
  const api = useApi();
  const ready = versions.filter((v) => v.status !== "ARCHIVED");
  const [alias, setAlias] = useState("production");
  const [version, setVersion] = useState<number | "">(ready.length > 0 ? ready[0].version : "");
  const current = aliases[alias.trim()];
  const summary =
    current === undefined
      ? `Set ${alias.trim()} of ${model} to version ${version}?`
      : `Move ${alias.trim()} of ${model} from version ${current} to version ${version}?`;
  return (
    <ConfirmedWrite
      title="Promote"
      action="Promote"
      ready={alias.trim().length > 0 && version !== ""}
      summary={summary}
      write={(reason) =>
        api.post(`api/registry/v1/models/${segment(model)}/aliases/${segment(alias.trim())}`, { version, reason })
      }
      onDone={onDone}
      fields={
        <>
          <label>
            Alias <input value={alias} onChange={(e) => setAlias(e.target.value)} list="known-aliases" required />
            <datalist id="known-aliases">
              {Object.keys(aliases).map((a) => (
                <option key={a} value={a} />
              ))}
            </datalist>
          </label>
          <label>
            Version{" "}
            <select value={version} onChange={(e) => setVersion(Number(e.target.value))}>
              {ready.map((v) => (
                <option key={v.version} value={v.version}>
                  v{v.version}
                  {v.aliases.length > 0 ? " (" + v.aliases.join(", ") + ")" : ""}
                </option>
              ))}
            </select>
          </label>
        </>
      }
    />
  );
}

/** Rollback: move an alias back to the version it held before its last move. */
export function RollbackForm({ model, aliases, onDone }: { model: string; aliases: Record<string, number>; onDone: () => void }) {
  const api = useApi();
  const names = Object.keys(aliases).sort();
  const [alias, setAlias] = useState(names.includes("production") ? "production" : (names[0] ?? ""));
  return (
    <ConfirmedWrite
      title="Rollback"
      action="Roll back"
      ready={alias !== "" && names.includes(alias)}
      summary={`Roll ${alias} of ${model} back from version ${aliases[alias]} to the version it held before?`}
      write={(reason) => api.post(`api/registry/v1/models/${segment(model)}/aliases/${segment(alias)}/rollback`, { reason })}
      onDone={onDone}
      fields={
        <label>
          Alias{" "}
          <select value={alias} onChange={(e) => setAlias(e.target.value)}>
            {names.map((a) => (
              <option key={a} value={a}>
                {a} (v{aliases[a]})
              </option>
            ))}
          </select>
        </label>
      }
    />
  );
}
