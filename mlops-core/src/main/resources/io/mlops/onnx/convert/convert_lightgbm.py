"""Converts a LightGBM model (a pickled LGBMClassifier/LGBMRegressor, or a Booster saved as text)
with onnxmltools."""
import mlops_convert as c


def convert(args):
    np = c.need("numpy")
    lgb = c.need("lightgbm")
    onnxmltools = c.need("onnxmltools")
    from onnxmltools.convert.common.data_types import FloatTensorType

    if args.model.endswith((".pkl", ".joblib")):
        model = c.need("joblib").load(args.model)
        booster = model.booster_
    else:
        model = booster = lgb.Booster(model_file=args.model)
    features = booster.num_feature()
    if args.sample_input:
        x = c.load_sample(args.sample_input, [])[0].astype(np.float32)
    else:
        x = np.random.default_rng(0).normal(size=(args.batch, features)).astype(np.float32)
    opset = c.choose_opset(args, 15)
    onnx_model = onnxmltools.convert_lightgbm(
        model, initial_types=[("input", FloatTensorType([None, features]))], target_opset=opset, zipmap=False)
    objective = booster.params.get("objective", "") or booster.dump_model().get("objective", "")
    if hasattr(model, "predict_proba"):
        outputs = [model.predict(x).astype(np.int64), model.predict_proba(x).astype(np.float32)]
    elif str(objective).startswith("binary"):
        p = booster.predict(x)
        outputs = [(p > 0.5).astype(np.int64), np.stack([1 - p, p], axis=1).astype(np.float32)]
    elif str(objective).startswith(("multiclass", "softmax")):
        p = booster.predict(x)
        outputs = [p.argmax(axis=1).astype(np.int64), p.astype(np.float32)]
    else:
        outputs = [booster.predict(x).reshape(x.shape[0], -1).astype(np.float32)]
    c.save(args, onnx_model, [x], outputs, {"converter": f"onnxmltools {onnxmltools.__version__}",
                                            "framework_version": f"lightgbm {lgb.__version__}",
                                            "opset": opset})


c.run(convert)
