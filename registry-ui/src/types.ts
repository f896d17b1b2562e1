// The registry JSON API's shapes (docs: registry API contract), and the MLflow tracking shapes the run page reads.

export interface ModelSummary {
  name: string;
  description: string | null;
  tags: Record<string, string>;
  aliases: Record<string, number>;
  latestVersion: number | null;
  versionCount: number;
  lastUpdatedAt: number;
}

export interface ModelList {
  models: ModelSummary[];
  total: number;
}

export interface Source {
  uri: string;
  sha256: string;
  sizeBytes: number;
}

export interface Version {
  version: number;
  source: Source;
  runId: string | null;
  snapshotIds: string[];
  metrics: Record<string, number>;
  card: Record<string, unknown>;
  description: string;
  status: "READY" | "ARCHIVED" | string;
  createdBy: string;
  createdAt: number;
  aliases: string[];
}

export interface Deployment {
  version: number;
  backend: string;
  node: string;
  endpoint: string;
  status: string;
  updatedAt: number;
}

export interface AuditEntry {
  id: number;
  action: string;
  actor: string;
  at: number;
  from: string | null;
  to: string | null;
  reason: string | null;
}

export interface ModelDetail {
  model: ModelSummary;
  versions: Version[];
  deployments: Deployment[];
  audit: AuditEntry[];
}

export interface RunLineage {
  id: string;
  name: string;
  experiment: string;
  status: string;
  gitCommit: string | null;
  params: Record<string, string>;
  metrics: Record<string, number>;
}

export interface SnapshotLineage {
  id: string;
  path: string;
  files: number;
  bytes: number;
  gitCommit: string | null;
}

export interface Lineage {
  run: RunLineage | null;
  snapshots: SnapshotLineage[];
  deployments: Deployment[];
}

export interface ComparedVersion {
  version: Version;
  params: Record<string, string>;
  lineage: Lineage;
}

export interface Comparison {
  versions: ComparedVersion[];
}

export interface MlflowKeyValue {
  key: string;
  value: string;
}

export interface MlflowMetric {
  key: string;
  value: number;
  timestamp: number;
  step: number;
}

export interface MlflowRun {
  run: {
    info: {
      run_id: string;
      run_name?: string;
      experiment_id: string;
      status: string;
      start_time?: number;
      end_time?: number;
      artifact_uri?: string;
    };
    data: {
      metrics?: MlflowMetric[];
      params?: MlflowKeyValue[];
      tags?: MlflowKeyValue[];
    };
  };
}

export interface MlflowMetricHistory {
  metrics?: MlflowMetric[];
  next_page_token?: string;
}

export interface MlflowArtifacts {
  root_uri?: string;
  files?: { path: string; is_dir: boolean; file_size?: number }[];
}

/** One health reading of a deployment (GET models/{name}/production); null where the interval gave none. */
export interface HealthSample {
  at: number;
  version: number;
  gap: boolean;
  requestsPerSecond: number | null;
  errorRate: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  inputPsi: Record<string, number>;
}

export interface DeploymentHealth {
  endpoint: string;
  version: number | null;
  backend: string | null;
  node: string | null;
  status: string | null;
  lastReadAt: number | null;
  samples: HealthSample[];
}

export interface Production {
  model: string;
  from: number;
  to: number;
  hours: number;
  deployments: DeploymentHealth[];
}
