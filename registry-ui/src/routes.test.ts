import { describe, expect, it } from "vitest";
import { href, parseRoute } from "./routes";

describe("routes", () => {
  it("parses every page's hash", () => {
    expect(parseRoute("")).toEqual({ page: "models" });
    expect(parseRoute("#/")).toEqual({ page: "models" });
    expect(parseRoute("#/models/persons")).toEqual({ page: "model", name: "persons" });
    expect(parseRoute("#/models/persons/compare?versions=1,4,7")).toEqual({
      page: "compare",
      name: "persons",
      versions: [1, 4, 7],
    });
    expect(parseRoute("#/runs/abc123")).toEqual({ page: "run", runId: "abc123" });
  });

  it("round-trips model names with slashes, hashes and markup", () => {
    const name = "team/<img src=x onerror=alert(1)>#1?";
    expect(parseRoute(href.model(name))).toEqual({ page: "model", name });
    expect(parseRoute(href.compare(name, [2, 3]))).toEqual({ page: "compare", name, versions: [2, 3] });
  });

  it("drops versions that are not positive integers and reports unknown hashes", () => {
    expect(parseRoute("#/models/m/compare?versions=1,x,-2,3")).toEqual({ page: "compare", name: "m", versions: [1, 3] });
    expect(parseRoute("#/nowhere")).toEqual({ page: "unknown", hash: "/nowhere" });
    expect(parseRoute("#/models/%E0%A4%A")).toEqual({ page: "unknown", hash: "/models/%E0%A4%A" });
  });
});
