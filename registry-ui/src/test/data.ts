import type { ModelDetail, Version } from "../types";

export function version(n: number, overrides: Partial<Version> = {}): Version {
  return {
    version: n,
    source: { uri: `runs:/run${n}/model.onnx`, sha256: "ab".repeat(32), sizeBytes: 1000 + n },
    runId: "run" + n,
    snapshotIds: ["0123456789abcdef0123456789abcd" + String(n).padStart(2, "0")],
    metrics: { mAP50: 0.5 + n / 100, loss: 1 / n },
    card: {},
    description: "",
    status: "READY",
    createdBy: "alice",
    createdAt: 1_700_000_000_000 + n * 60_000,
    aliases: [],
    ...overrides,
  };
}

export function persons(): ModelDetail {
  return {
    model: {
      name: "persons",
      description: "person detector",
      tags: { team: "vision" },
      aliases: { production: 2, staging: 3 },
      latestVersion: 3,
      versionCount: 3,
      lastUpdatedAt: 1_700_000_500_000,
    },
    versions: [version(3, { aliases: ["staging"] }), version(2, { aliases: ["production"] }), version(1)],
    deployments: [
      { version: 2, backend: "onnxruntime", node: "gpu-1", endpoint: "http://gpu-1:8000", status: "SERVING", updatedAt: 1_700_000_400_000 },
    ],
    audit: [
      { id: 5, action: "ALIAS_MOVED", actor: "bob", at: 1_700_000_300_000, from: "1", to: "2", reason: "better mAP" },
      { id: 1, action: "VERSION_CREATED", actor: "alice", at: 1_700_000_060_000, from: null, to: "1", reason: null },
    ],
  };
}
