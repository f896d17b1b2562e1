"""The quickstart's training script: plain scikit-learn and the stock MLflow API, nothing else.

Run under `mlops track`, every MLflow call below lands in the suite's tracking store with no
change to the code. usage: train.py TABLE.csv MODEL.pkl
"""
import sys

import joblib
import mlflow
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

table, model_path = sys.argv[1], sys.argv[2]
data = np.loadtxt(table, delimiter=",", skiprows=1)
x, y = data[:, :3].astype(np.float32), data[:, 3].astype(int)
x_train, x_val, y_train, y_val = train_test_split(x, y, test_size=0.25, random_state=0)

with mlflow.start_run():
    params = {"C": 1.0, "max_iter": 200, "solver": "lbfgs"}
    mlflow.log_params(params)
    mlflow.set_tags({"model": "logistic-regression", "task": "person-present"})
    for step, fraction in enumerate([0.25, 0.5, 0.75, 1.0]):
        n = max(10, int(len(x_train) * fraction))
        model = make_pipeline(StandardScaler(), LogisticRegression(**params)).fit(x_train[:n], y_train[:n])
        mlflow.log_metric("val_accuracy", float(model.score(x_val, y_val)), step=step)
    joblib.dump(model, model_path)
    mlflow.log_artifact(model_path)
    # MLflow 3's logged model: the suite's tracking server keeps it like MLflow's own
    mlflow.sklearn.log_model(model, name="model", input_example=x_val[:2])
    print(f"validation accuracy {model.score(x_val, y_val):.3f}; model saved to {model_path}")
