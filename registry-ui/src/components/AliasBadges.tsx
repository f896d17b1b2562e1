/** An alias as a badge; "production" stands out because it is what serves. */
export function AliasBadge({ alias, version }: { alias: string; version?: number }) {
  return (
    <span className={"badge" + (alias === "production" ? " badge-production" : "")} data-alias={alias}>
      {alias}
      {version !== undefined ? ": v" + version : ""}
    </span>
  );
}

export function AliasBadges({ aliases }: { aliases: string[] }) {
  return (
    <>
      {aliases.map((a) => (
        <AliasBadge key={a} alias={a} />
      ))}
    </>
  );
}
