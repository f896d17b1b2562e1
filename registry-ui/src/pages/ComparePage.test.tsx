import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { fakeServer } from "../test/fakeServer";
import { renderAt } from "../test/render";
import { version } from "../test/data";
import type { Lineage } from "../types";

function lineage(n: number): Lineage {
  return {
    run: { id: "run" + n, name: "train-" + n, experiment: "persons", status: "FINISHED", gitCommit: "deadbeef0" + n, params: {}, metrics: {} },
    snapshots: [{ id: "snap" + n + "0000000000", path: "data/", files: 10 * n, bytes: 1000, gitCommit: null }],
    deployments: [],
  };
}

describe("compare page", () => {
  it("puts versions side by side with metric deltas against the first, params and lineage", async () => {
    fakeServer({
      "GET api/registry/v1/models/persons/compare?versions=1,3": {
        json: {
          versions: [
            { version: version(1, { metrics: { mAP50: 0.5, loss: 0.4 } }), params: { lr: "0.01", epochs: "10" }, lineage: lineage(1) },
            { version: version(3, { metrics: { mAP50: 0.62, loss: 0.5 } }), params: { lr: "0.001", epochs: "10" }, lineage: lineage(3) },
          ],
        },
      },
    });
    const { container } = renderAt("#/models/persons/compare?versions=1,3");
    await screen.findByText("train-3");
    const map = container.querySelector('tr[data-metric="mAP50"]')!;
    expect(map.textContent).toBe("mAP500.50.62 (+0.12)");
    expect(map.querySelector(".delta.up")).not.toBeNull();
    expect(container.querySelector('tr[data-metric="loss"] .delta.down')).toBeNull();
    expect(container.querySelector('tr[data-metric="loss"]')!.textContent).toContain("(+0.1)");
    const lr = container.querySelector('tr[data-param="lr"]')!;
    expect(lr.textContent).toBe("lr0.010.001");
    expect(lr.querySelectorAll("td.changed")).toHaveLength(1);
    expect(container.querySelector('tr[data-param="epochs"] td.changed')).toBeNull();
    expect(screen.getByTitle("deadbeef03").textContent).toBe("deadbeef");
    expect(screen.getByText("train-1").getAttribute("href")).toBe("#/runs/run1");
    expect(screen.getByText("snap3000")).toBeTruthy();
  });

  it("refuses fewer than two versions without asking the server", async () => {
    const server = fakeServer({});
    renderAt("#/models/persons/compare?versions=2");
    expect((await screen.findByRole("alert")).textContent).toContain("Choose 2 to 4 versions");
    expect(server.sent).toHaveLength(0);
  });
});
