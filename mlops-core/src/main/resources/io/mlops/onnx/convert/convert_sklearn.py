"""Converts a pickled scikit-learn estimator or pipeline (.pkl, .joblib) with skl2onnx."""
import mlops_convert as c


def convert(args):
    np = c.need("numpy")
    c.need("sklearn", "scikit-learn")
    skl2onnx = c.need("skl2onnx")
    from skl2onnx.common.data_types import FloatTensorType

    joblib = c.need("joblib")
    model = joblib.load(args.model)
    features = getattr(model, "n_features_in_", None)
    if args.sample_input:
        x = c.load_sample(args.sample_input, [])[0].astype(np.float32)
    elif features is None:
        raise SystemExit("the estimator does not say how many features it takes (n_features_in_): give --sample-input")
    else:
        x = np.random.default_rng(0).normal(size=(args.batch, features)).astype(np.float32)
    opset = c.choose_opset(args, skl2onnx.get_latest_tested_opset_version())
    classifier = hasattr(model, "predict_proba")
    onnx_model = skl2onnx.convert_sklearn(
        model,
        initial_types=[("input", FloatTensorType([None, x.shape[1]]))],
        target_opset=opset,
        options={"zipmap": False} if classifier else None,
    )
    if classifier:
        outputs = [model.predict(x), model.predict_proba(x).astype(np.float32)]
    else:
        outputs = [model.predict(x).reshape(x.shape[0], -1).astype(np.float32)]
    import sklearn

    c.save(args, onnx_model, [x], outputs, {"converter": f"skl2onnx {skl2onnx.__version__}",
                                            "framework_version": f"scikit-learn {sklearn.__version__}",
                                            "opset": opset})


c.run(convert)
