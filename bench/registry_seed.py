"""Seeds the registry benchmark's two stores with the same registry, in bulk SQL.

200 models x 50 versions = 10,000 versions, each registered from its own tracking run; each run has
5 params and 100 metric points (loss and mAP50, 50 steps each): 1,000,000 points in all, with the
latest value of each key. Every model has a tag, aliases production (version 48) and staging
(version 50), and one deployment (ours); each version has 3 evaluation metrics (ours: MLflow keeps
none on versions). Our store also gets the audit log the registry would have written (model created,
each version created, each alias set).

Both schemas are created by their own code first (ours by running `mlops`, MLflow's by its
SqlAlchemyStore, which applies MLflow's migrations); this script only inserts rows, in one
transaction per store, the same rows the servers would have written through their APIs.

usage: registry_seed.py OUR_SQLITE_FILE MLFLOW_SQLITE_FILE
"""
import hashlib
import random
import sqlite3
import sys
import uuid

MODELS = 200
VERSIONS = 50
STEPS = 50  # per metric key; 2 keys -> 100 points per run
T0 = 1_760_000_000_000

ours_path, mlflow_path = sys.argv[1], sys.argv[2]
rng = random.Random(42)


def model_name(m):
    return f"model-{m:03d}"


runs = []  # (model, version, run_id, params, points, latest, version_metrics)
for m in range(MODELS):
    for v in range(1, VERSIONS + 1):
        run_id = uuid.UUID(int=rng.getrandbits(128)).hex
        params = {"lr": str(10 ** -rng.randint(2, 5)), "epochs": str(rng.randint(10, 300)),
                  "batch": str(2 ** rng.randint(3, 7)), "optimizer": rng.choice(["sgd", "adam"]),
                  "imgsz": "640"}
        points = []
        for step in range(STEPS):
            points.append(("loss", 1.0 / (step + 1) + rng.random() * 0.01, T0 + step, step))
            points.append(("mAP50", 0.3 + 0.4 * step / STEPS + rng.random() * 0.01, T0 + step, step))
        latest = {key: (value, ts, step) for key, value, ts, step in points}
        version_metrics = {"mAP50": latest["mAP50"][0], "precision": rng.random(), "recall": rng.random()}
        runs.append((model_name(m), v, run_id, params, points, latest, version_metrics))


def created_at(m, v):
    return T0 + m * 100_000 + v * 1000


def seed_ours(path):
    db = sqlite3.connect(path)
    db.execute("PRAGMA synchronous=OFF")
    c = db.cursor()
    c.executemany(
        "INSERT INTO run(id, experiment_id, name, user_id, status, start_time, end_time, lifecycle_stage,"
        " deleted_time, artifact_uri) VALUES (?, 0, ?, 'bench', 'FINISHED', ?, ?, 'active', NULL, ?)",
        [(r[2], f"train-{r[0]}-{r[1]}", created_at(0, 0), created_at(0, 0), f"mlflow-artifacts:/0/{r[2]}/artifacts")
         for r in runs])
    c.executemany("INSERT INTO run_param(run_id, key, value) VALUES (?, ?, ?)",
                  [(r[2], k, val) for r in runs for k, val in r[3].items()])
    c.executemany("INSERT INTO metric(run_id, key, timestamp, step, value, is_nan) VALUES (?, ?, ?, ?, ?, 0)",
                  [(r[2], key, ts, step, value) for r in runs for key, value, ts, step in r[4]])
    c.executemany("INSERT INTO latest_metric(run_id, key, timestamp, step, value, is_nan) VALUES (?, ?, ?, ?, ?, 0)",
                  [(r[2], key, ts, step, value) for r in runs for key, (value, ts, step) in r[5].items()])
    audit = []
    for m in range(MODELS):
        name = model_name(m)
        c.execute("INSERT INTO registered_model(name, description, created_at, last_updated_at) VALUES (?, ?, ?, ?)",
                  (name, f"benchmark model {m}", created_at(m, 0), created_at(m, VERSIONS + 2)))
        c.execute("INSERT INTO registered_model_tag(model, key, value) VALUES (?, 'team', ?)", (name, f"team-{m % 7}"))
        audit.append((name, "MODEL_CREATED", "bench", created_at(m, 0), None, name, None))
    versions, version_metrics = [], []
    for name, v, run_id, _params, _points, _latest, vm in runs:
        m = int(name.split("-")[1])
        sha = hashlib.sha256(f"{name}/{v}".encode()).hexdigest()
        uri = f"runs:/{run_id}/model.onnx"
        versions.append((name, v, uri, sha, 12_345_678, run_id, "", "READY", "bench", created_at(m, v),
                         "images: float32 [batch, 3, 640, 640]", "boxes: float32 [batch, 84, 8400]", 17))
        version_metrics += [(name, v, k, val) for k, val in vm.items()]
        audit.append((name, "VERSION_CREATED", "bench", created_at(m, v), None,
                      f"v{v} from {uri} (sha256 {sha})", None))
    c.executemany("INSERT INTO model_version(model, version, source, content_hash, size_bytes, run_id, description,"
                  " status, created_by, created_at, card_inputs, card_outputs, card_opset)"
                  " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", versions)
    c.executemany("INSERT INTO model_version_metric(model, version, key, value) VALUES (?, ?, ?, ?)", version_metrics)
    for m in range(MODELS):
        name = model_name(m)
        for alias, v in (("production", VERSIONS - 2), ("staging", VERSIONS)):
            c.execute("INSERT INTO model_alias(model, alias, version) VALUES (?, ?, ?)", (name, alias, v))
            c.execute("INSERT INTO alias_move(model, alias, from_version, to_version, rollback, rolled_back, moved_at)"
                      " VALUES (?, ?, NULL, ?, 0, 0, ?)", (name, alias, v, created_at(m, VERSIONS + 1)))
            audit.append((name, "ALIAS_SET", "bench", created_at(m, VERSIONS + 1), None, f"{alias} -> v{v}",
                          "benchmark"))
        c.execute("INSERT INTO deployment(model, backend, node, endpoint, version, status, updated_at)"
                  " VALUES (?, 'onnxruntime', 'gpu-1', ?, ?, 'RUNNING', ?)",
                  (name, f"http://gpu-1:8000/v2/models/{name}", VERSIONS - 2, created_at(m, VERSIONS + 2)))
    audit.sort(key=lambda row: row[3])
    c.executemany("INSERT INTO registry_audit(model, action, actor, at, from_value, to_value, reason)"
                  " VALUES (?, ?, ?, ?, ?, ?, ?)", audit)
    db.commit()
    db.execute("ANALYZE")
    db.close()


def seed_mlflow(path):
    db = sqlite3.connect(path)
    db.execute("PRAGMA synchronous=OFF")
    c = db.cursor()
    c.executemany(
        "INSERT INTO runs(run_uuid, name, source_type, source_name, entry_point_name, user_id, status, start_time,"
        " end_time, source_version, lifecycle_stage, artifact_uri, experiment_id, deleted_time)"
        " VALUES (?, ?, 'LOCAL', '', '', 'bench', 'FINISHED', ?, ?, '', 'active', ?, 0, NULL)",
        [(r[2], f"train-{r[0]}-{r[1]}", created_at(0, 0), created_at(0, 0), f"mlflow-artifacts:/0/{r[2]}/artifacts")
         for r in runs])
    c.executemany("INSERT INTO params(key, value, run_uuid) VALUES (?, ?, ?)",
                  [(k, val, r[2]) for r in runs for k, val in r[3].items()])
    c.executemany("INSERT INTO metrics(key, value, timestamp, run_uuid, step, is_nan) VALUES (?, ?, ?, ?, ?, 0)",
                  [(key, value, ts, r[2], step) for r in runs for key, value, ts, step in r[4]])
    c.executemany("INSERT INTO latest_metrics(key, value, timestamp, step, is_nan, run_uuid)"
                  " VALUES (?, ?, ?, ?, 0, ?)",
                  [(key, value, ts, step, r[2]) for r in runs for key, (value, ts, step) in r[5].items()])
    for m in range(MODELS):
        name = model_name(m)
        c.execute("INSERT INTO registered_models(name, creation_time, last_updated_time, description, workspace)"
                  " VALUES (?, ?, ?, ?, 'default')", (name, created_at(m, 0), created_at(m, VERSIONS + 2),
                                                     f"benchmark model {m}"))
        c.execute("INSERT INTO registered_model_tags(key, value, name, workspace) VALUES ('team', ?, ?, 'default')",
                  (f"team-{m % 7}", name))
        for alias, v in (("production", VERSIONS - 2), ("staging", VERSIONS)):
            c.execute("INSERT INTO registered_model_aliases(alias, version, name, workspace)"
                      " VALUES (?, ?, ?, 'default')", (alias, v, name))
    c.executemany(
        "INSERT INTO model_versions(name, version, creation_time, last_updated_time, description, user_id,"
        " current_stage, source, run_id, status, status_message, run_link, storage_location, workspace)"
        " VALUES (?, ?, ?, ?, '', 'bench', 'None', ?, ?, 'READY', NULL, NULL, ?, 'default')",
        [(r[0], r[1], created_at(int(r[0].split("-")[1]), r[1]), created_at(int(r[0].split("-")[1]), r[1]),
          f"runs:/{r[2]}/model.onnx", r[2], f"mlflow-artifacts:/0/{r[2]}/artifacts/model.onnx") for r in runs])
    db.commit()
    db.execute("ANALYZE")
    db.close()


seed_ours(ours_path)
seed_mlflow(mlflow_path)
print(f"seeded {MODELS} models, {len(runs)} versions, {len(runs) * STEPS * 2:,} metric points into each store")
