"""Converts a TensorFlow SavedModel directory (serving_default signature) or a Keras .keras/.h5
file with tf2onnx."""
import os
import tempfile

import mlops_convert as c


def signature(tf, path):
    """The serving signature and the object that owns its variables (kept alive while converting)."""
    if not os.path.isdir(path):
        # tf2onnx cannot trace a Keras 3 model directly; its SavedModel export it can.
        keras = c.need("keras")
        exported = tempfile.mkdtemp(prefix="mlops-keras-")
        keras.models.load_model(path).export(exported, verbose=False)
        path = exported
    owner = tf.saved_model.load(path)
    return owner, owner.signatures["serving_default"]


def convert(args):
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    np = c.need("numpy")
    tf = c.need("tensorflow", "tensorflow-cpu")
    tf2onnx = c.need("tf2onnx")

    owner, sig = signature(tf, args.model)
    inputs = sig.structured_input_signature[1] or {}
    names = list(inputs.keys()) or [t.name.split(":")[0] for t in sig.inputs]
    specs = list(inputs.values()) or [tf.TensorSpec(t.shape, t.dtype) for t in sig.inputs]
    outs = list(sig.structured_outputs.keys())
    if args.sample_input:
        xs = c.load_sample(args.sample_input, names)
    else:
        rng = np.random.default_rng(0)
        xs = []
        for s in specs:
            shape = [args.batch if d is None else d for d in s.shape.as_list()]
            xs.append(rng.normal(size=shape).astype(s.dtype.as_numpy_dtype))

    def fn(*tensors):
        result = sig(**dict(zip(names, tensors)))
        return [result[k] for k in outs]

    opset = c.choose_opset(args, 18)
    spec = [tf.TensorSpec(s.shape, s.dtype, name=n) for n, s in zip(names, specs)]
    onnx_model, _ = tf2onnx.convert.from_function(tf.function(fn), input_signature=spec, opset=opset)
    outputs = [o.numpy() for o in fn(*[tf.constant(x) for x in xs])]
    c.save(args, onnx_model, xs, outputs, {"converter": f"tf2onnx {tf2onnx.__version__}",
                                           "framework_version": f"tensorflow {tf.__version__}",
                                           "opset": opset})
    del owner


c.run(convert)
