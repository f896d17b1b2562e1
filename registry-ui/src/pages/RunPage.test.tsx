import { act, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fakeServer } from "../test/fakeServer";
import { renderAt } from "../test/render";
import { REFRESH_MS } from "./RunPage";

function run(status: string, loss: number) {
  return {
    run: {
      info: {
        run_id: "r1",
        run_name: "train-night",
        experiment_id: "1",
        status,
        start_time: 1_700_000_000_000,
        artifact_uri: "mlflow-artifacts:/1/r1/artifacts",
      },
      data: {
        params: [{ key: "lr", value: "0.01" }],
        metrics: [{ key: "loss", value: loss, timestamp: 1, step: 2 }],
      },
    },
  };
}

const HISTORY = {
  metrics: [
    { key: "loss", value: 0.9, timestamp: 1, step: 0 },
    { key: "loss", value: 0.5, timestamp: 2, step: 1 },
  ],
};

describe("run page", () => {
  afterEach(() => vi.useRealTimers());

  it("shows params, metrics with a history chart and artifacts", async () => {
    fakeServer({
      "GET api/2.0/mlflow/runs/get?run_id=r1": { json: run("FINISHED", 0.3) },
      "GET api/2.0/mlflow/metrics/get-history?run_id=r1&metric_key=loss": { json: HISTORY },
      "GET api/2.0/mlflow-artifacts/artifacts?path=1%2Fr1%2Fartifacts": {
        json: { files: [{ path: "model.onnx", is_dir: false, file_size: 2048 }, { path: "plots", is_dir: true }] },
      },
    });
    const { container } = renderAt("#/runs/r1");
    expect(await screen.findByText("Run train-night")).toBeTruthy();
    expect(container.querySelector("table.params")!.textContent).toBe("lr0.01");
    expect(container.querySelector('tr[data-metric="loss"]')!.textContent).toBe("loss0.3step 2");
    expect(screen.getByRole("img", { name: "loss chart" })).toBeTruthy();
    expect(container.querySelector("ul.artifacts")!.textContent).toBe("model.onnx 2.0 KiBplots/");
    expect(screen.queryByText(/refreshing/)).toBeNull();
  });

  it("lists artifacts kept elsewhere through MLflow's artifacts/list and shows a listing that failed", async () => {
    const finished = run("FINISHED", 0.3);
    finished.run.info.artifact_uri = "s3://bucket/1/r1/artifacts";
    fakeServer({
      "GET api/2.0/mlflow/runs/get?run_id=r1": { json: finished },
      "GET api/2.0/mlflow/metrics/get-history?run_id=r1&metric_key=loss": { json: HISTORY },
      "GET api/2.0/mlflow/artifacts/list?run_id=r1": {
        status: 500,
        json: { error_code: "INTERNAL_ERROR", message: "bucket unreachable" },
      },
    });
    const { container } = renderAt("#/runs/r1");
    expect((await screen.findByRole("alert")).textContent).toBe("Cannot list the artifacts: bucket unreachable");
    expect(container.querySelector("table.params")!.textContent).toBe("lr0.01");
  });

  it("reads a RUNNING run again every few seconds until it ends", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let reads = 0;
    fakeServer({
      "GET api/2.0/mlflow/runs/get?run_id=r1": () => {
        reads++;
        return { json: reads < 2 ? run("RUNNING", 0.8) : run("FINISHED", 0.2) };
      },
      "GET api/2.0/mlflow/metrics/get-history?run_id=r1&metric_key=loss": { json: HISTORY },
      "GET api/2.0/mlflow-artifacts/artifacts?path=1%2Fr1%2Fartifacts": { json: {} },
    });
    const { container } = renderAt("#/runs/r1");
    expect(await screen.findByText(/refreshing every 3 s/)).toBeTruthy();
    expect(container.querySelector('tr[data-metric="loss"]')!.textContent).toContain("0.8");
    await act(async () => {
      await vi.advanceTimersByTimeAsync(REFRESH_MS);
    });
    expect(await screen.findByText("FINISHED")).toBeTruthy();
    expect(container.querySelector('tr[data-metric="loss"]')!.textContent).toContain("0.2");
    await act(async () => {
      await vi.advanceTimersByTimeAsync(REFRESH_MS * 3);
    });
    expect(reads).toBe(2);
  });
});
