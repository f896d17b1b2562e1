"""Trains small models with random data for the conversion tests: make_models.py FRAMEWORK DIR."""
import os
import sys

import numpy as np

framework, out = sys.argv[1], sys.argv[2]
rng = np.random.default_rng(7)
X = rng.normal(size=(120, 5)).astype(np.float32)
y = (X[:, 0] + X[:, 1] * 2 > 0).astype(int) + (X[:, 2] > 1).astype(int)
np.save(os.path.join(out, "sample.npy"), X[:16])

if framework == "sklearn":
    import joblib
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.linear_model import Ridge
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    joblib.dump(make_pipeline(StandardScaler(), RandomForestClassifier(8, max_depth=4, random_state=0)).fit(X, y),
                os.path.join(out, "classifier.pkl"))
    joblib.dump(Ridge().fit(X, X @ np.arange(5)), os.path.join(out, "regressor.pkl"))
    # A planted mismatch: the first coefficient is 1 + 2^-25, which float32 (the ONNX graph's precision)
    # rounds to exactly 1. On rows where x0 = x1 = 2^24 * k, scikit-learn (float64 coefficients) predicts
    # 2^24 * k * 2^-25 = k / 2, and the ONNX graph 2^24 * k - 2^24 * k = 0 in any order of summation.
    planted = Ridge().fit(X.astype(np.float64), X @ np.arange(5))
    planted.coef_ = np.array([1 + 2.0 ** -25, -1.0, 0.0, 0.0, 0.0])
    planted.intercept_ = 0.0
    joblib.dump(planted, os.path.join(out, "mismatch.pkl"))
    rows = np.zeros((4, 5), dtype=np.float32)
    rows[:, 0] = rows[:, 1] = 2.0 ** 24 * np.array([1, 2, 4, 8])
    np.save(os.path.join(out, "mismatch.npy"), rows)
elif framework == "xgboost":
    import xgboost

    xgboost.XGBClassifier(n_estimators=6, max_depth=3, random_state=0).fit(X, y).save_model(os.path.join(out, "model.json"))
elif framework == "lightgbm":
    import lightgbm

    lightgbm.LGBMClassifier(n_estimators=6, num_leaves=7, random_state=0, verbose=-1).fit(X, y).booster_.save_model(
        os.path.join(out, "model.txt"))
elif framework == "tensorflow":
    import keras

    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(8, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")])
    model.save(os.path.join(out, "model.keras"))
    model.export(os.path.join(out, "saved_model"), verbose=False)
else:
    raise SystemExit(f"unknown framework {framework}")
