// Text helpers. escapeHtml is for the one place text reaches HTML outside React: ECharts tooltips.

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for HTML, so user text (model names, metric keys, tags) shows as text. */
export function escapeHtml(text: unknown): string {
  return String(text).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** A time in ms since the epoch, as UTC to the second. */
export function formatTime(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) {
    return "";
  }
  return new Date(ms).toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC");
}

/** A metric value: at most 4 significant decimals, as people compare them. */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined) {
    return "";
  }
  if (!Number.isFinite(value)) {
    return String(value);
  }
  if (Number.isInteger(value)) {
    return String(value);
  }
  return Number(value.toPrecision(4)).toString();
}

/** A signed difference, "+0.012" or "-3". */
export function formatDelta(delta: number): string {
  const text = formatNumber(Math.abs(delta));
  return (delta > 0 ? "+" : delta < 0 ? "-" : "±") + text;
}

/** The first characters of a long id (hash, run id); the full id goes in a title. */
export function shortId(id: string, length = 8): string {
  return id.length > length ? id.slice(0, length) : id;
}

/** Bytes in the unit people read. */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) {
    return "";
  }
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return (unit === 0 ? String(value) : value.toFixed(1)) + " " + units[unit];
}

/** Every key of several records, sorted, for table columns. */
export function keysOf(records: Record<string, unknown>[]): string[] {
  const keys = new Set<string>();
  for (const record of records) {
    Object.keys(record).forEach((k) => keys.add(k));
  }
  return [...keys].sort();
}
