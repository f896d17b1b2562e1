"""Converts a PyTorch model with torch.onnx.export: a TorchScript file (torch.jit.save), or a state
dict plus --model-class module:Class (importable from the working directory or PYTHONPATH). Tracing
needs real inputs, so --sample-input is required."""
import importlib

import mlops_convert as c


def load(torch, args):
    if args.model_class:
        module, _, name = args.model_class.partition(":")
        if not name:
            raise SystemExit(f"--model-class must be module:Class, got {args.model_class}")
        model = getattr(importlib.import_module(module), name)()
        model.load_state_dict(torch.load(args.model, map_location="cpu", weights_only=True))
        return model
    return torch.jit.load(args.model, map_location="cpu")


def convert(args):
    np = c.need("numpy")
    torch = c.need("torch", "torch")
    c.need("onnx")
    if not args.sample_input:
        raise SystemExit("PyTorch models carry no input signature: give --sample-input FILE (.npy, or .npz per input)")
    model = load(torch, args).eval()
    xs = c.load_sample(args.sample_input, [])
    tensors = tuple(torch.from_numpy(np.ascontiguousarray(x)) for x in xs)
    with torch.no_grad():
        result = model(*tensors)
    results = list(result) if isinstance(result, (tuple, list)) else [result]
    names = [f"input_{i}" if len(xs) > 1 else "input" for i in range(len(xs))]
    out_names = [f"output_{i}" if len(results) > 1 else "output" for i in range(len(results))]
    opset = c.choose_opset(args, 18)
    torch.onnx.export(model, tensors, args.out, input_names=names, output_names=out_names, opset_version=opset,
                      dynamic_axes={n: {0: "batch"} for n in names + out_names}, dynamo=False)
    c.save(args, None, xs, [r.numpy() for r in results], {"converter": f"torch.onnx {torch.__version__}",
                                                         "framework_version": f"torch {torch.__version__}",
                                                         "opset": opset})


c.run(convert)
