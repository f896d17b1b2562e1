// Hash routes: the page never asks the server for anything but index.html and assets, so it works under
// any root path.

export type Route =
  | { page: "models" }
  | { page: "model"; name: string }
  | { page: "compare"; name: string; versions: number[] }
  | { page: "production"; name: string; hours: number }
  | { page: "run"; runId: string }
  | { page: "unknown"; hash: string };

/** Parses a location hash such as "#/models/persons/compare?versions=1,2". */
export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, "");
  const [path, query = ""] = splitOnce(raw, "?");
  const parts = path.split("/").filter((p) => p.length > 0);
  try {
    if (parts.length === 0) {
      return { page: "models" };
    }
    if (parts[0] === "models" && parts.length === 2) {
      return { page: "model", name: decodeURIComponent(parts[1]) };
    }
    if (parts[0] === "models" && parts.length === 3 && parts[2] === "compare") {
      const versions = (new URLSearchParams(query).get("versions") ?? "")
        .split(",")
        .map((v) => Number(v.trim()))
        .filter((v) => Number.isInteger(v) && v > 0);
      return { page: "compare", name: decodeURIComponent(parts[1]), versions };
    }
    if (parts[0] === "models" && parts.length === 3 && parts[2] === "production") {
      const hours = Number(new URLSearchParams(query).get("hours") ?? "6");
      return { page: "production", name: decodeURIComponent(parts[1]), hours: Number.isInteger(hours) && hours > 0 ? hours : 6 };
    }
    if (parts[0] === "runs" && parts.length === 2) {
      return { page: "run", runId: decodeURIComponent(parts[1]) };
    }
  } catch {
    // A malformed escape in a hand-typed hash: fall through to "unknown".
  }
  return { page: "unknown", hash: raw };
}

function splitOnce(text: string, separator: string): [string, string?] {
  const at = text.indexOf(separator);
  return at < 0 ? [text] : [text.slice(0, at), text.slice(at + 1)];
}

export const href = {
  models: () => "#/",
  model: (name: string) => "#/models/" + encodeURIComponent(name),
  compare: (name: string, versions: number[]) =>
    "#/models/" + encodeURIComponent(name) + "/compare?versions=" + versions.join(","),
  production: (name: string, hours = 6) => "#/models/" + encodeURIComponent(name) + "/production?hours=" + hours,
  run: (runId: string) => "#/runs/" + encodeURIComponent(runId),
};
