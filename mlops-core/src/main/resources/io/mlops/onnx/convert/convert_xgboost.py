"""Converts an XGBoost model (.json/.ubj saved by save_model, or a pickled XGBClassifier/XGBRegressor)
with onnxmltools."""
import json

import mlops_convert as c


def load(xgb, path):
    if path.endswith((".pkl", ".joblib")):
        return c.need("joblib").load(path)
    booster = xgb.Booster()
    booster.load_model(path)
    objective = json.loads(booster.save_config())["learner"]["objective"]["name"]
    model = xgb.XGBClassifier() if objective.startswith(("binary:", "multi:")) else xgb.XGBRegressor()
    model.load_model(path)
    return model


def convert(args):
    np = c.need("numpy")
    xgb = c.need("xgboost", "xgboost")
    onnxmltools = c.need("onnxmltools")
    from onnxmltools.convert.common.data_types import FloatTensorType

    model = load(xgb, args.model)
    features = model.get_booster().num_features()
    if args.sample_input:
        x = c.load_sample(args.sample_input, [])[0].astype(np.float32)
    else:
        x = np.random.default_rng(0).normal(size=(args.batch, features)).astype(np.float32)
    opset = c.choose_opset(args, 15)
    onnx_model = onnxmltools.convert_xgboost(
        model, initial_types=[("input", FloatTensorType([None, features]))], target_opset=opset)
    if hasattr(model, "predict_proba"):
        outputs = [model.predict(x).astype(np.int64), model.predict_proba(x).astype(np.float32)]
    else:
        outputs = [model.predict(x).reshape(x.shape[0], -1).astype(np.float32)]
    c.save(args, onnx_model, [x], outputs, {"converter": f"onnxmltools {onnxmltools.__version__}",
                                            "framework_version": f"xgboost {xgb.__version__}",
                                            "opset": opset})


c.run(convert)
