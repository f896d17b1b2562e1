"""Shared part of the suite's converter scripts (run by io.mlops.onnx.convert.PythonConverter).

Each convert_<framework>.py calls run(convert). The contract with the Java side:
  exit 0: the ONNX model is at --out, the inputs fed to both models at --inputs (npz, one array per
          ONNX input) and the source model's outputs at --reference (npz, one array per ONNX
          output); stdout's last line is a JSON summary.
  exit 3: a package is missing; stdout's last line is {"missing_module": ..., "pip": ...}.
  other:  the conversion failed; stderr says why (the Java side shows it).
"""
import argparse
import importlib
import json
import sys

MISSING = 3


class Missing(Exception):
    def __init__(self, module, pip):
        super().__init__(module)
        self.module = module
        self.pip = pip


def need(module, pip=None):
    """Imports a module, or stops with exit 3 naming the pip package that provides it."""
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as e:
        # Only the package itself missing means "install it"; a dependency missing inside it is a
        # broken installation, and its own traceback says more.
        if e.name not in (module, module.split(".")[0]):
            raise
        raise Missing(module, pip or module) from e

def arguments():
    p = argparse.ArgumentParser()
    p.add_argument("--model", required=True)
    p.add_argument("--model-class", default="")
    p.add_argument("--out", required=True)
    p.add_argument("--opset", type=int, default=0)
    p.add_argument("--max-opset", type=int, required=True)
    p.add_argument("--sample-input", default="")
    p.add_argument("--inputs", required=True)
    p.add_argument("--reference", required=True)
    p.add_argument("--batch", type=int, default=8)
    return p.parse_args()


def load_sample(path, names):
    """Reads --sample-input: .npy for a single input, .npz with one array per input name."""
    np = need("numpy")
    data = np.load(path, allow_pickle=False)
    if path.endswith(".npz"):
        missing = [n for n in names if n not in data.files] if names else []
        if missing and len(data.files) == len(names):
            return [data[f] for f in data.files]
        if missing:
            raise SystemExit(f"sample input {path} lacks arrays {missing} (has {data.files})")
        return [data[n] for n in names] if names else [data[f] for f in data.files]
    return [data]


def choose_opset(args, latest):
    if args.opset:
        return args.opset
    return min(args.max_opset, latest)


def save(args, onnx_model, inputs, outputs, summary):
    """Writes the model, the inputs and the reference outputs under the ONNX names."""
    np = need("numpy")
    onnx = need("onnx")
    if onnx_model is not None:
        onnx.save_model(onnx_model, args.out)
    saved = onnx.load(args.out, load_external_data=False)
    initializers = {i.name for i in saved.graph.initializer}
    in_names = [i.name for i in saved.graph.input if i.name not in initializers]
    out_names = [o.name for o in saved.graph.output]
    if len(in_names) != len(inputs):
        raise SystemExit(f"the ONNX model has inputs {in_names}, the converter fed {len(inputs)}")
    if len(out_names) != len(outputs):
        raise SystemExit(f"the ONNX model has outputs {out_names}, the source model gave {len(outputs)}")
    np.savez(args.inputs, **{n: np.asarray(a) for n, a in zip(in_names, inputs)})
    np.savez(args.reference, **{n: np.asarray(a) for n, a in zip(out_names, outputs)})
    summary = dict(summary)
    summary["inputs"] = in_names
    summary["outputs"] = out_names
    print(json.dumps(summary))


def run(convert):
    args = arguments()
    try:
        convert(args)
    except Missing as m:
        print(json.dumps({"missing_module": m.module, "pip": m.pip}))
        sys.exit(MISSING)
