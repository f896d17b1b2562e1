"""Writes the agent benchmark's tiny MLP: make_mlp.py DIR.

x [batch, 16] -> Gemm (32) -> Relu -> Gemm (8) -> y [batch, 8], random weights, opset 17: so little
compute that a server's own overhead (HTTP, parsing, queueing) is nearly all of a request's time."""
import os
import sys

import numpy as np
from onnx import TensorProto, helper, numpy_helper, save_model

out = sys.argv[1]
rng = np.random.default_rng(0)


def weights(name, *shape):
    return numpy_helper.from_array((rng.normal(size=shape) * 0.1).astype(np.float32), name)


graph = helper.make_graph(
    [
        helper.make_node("Gemm", ["x", "w1", "b1"], ["h"], transB=1),
        helper.make_node("Relu", ["h"], ["r"]),
        helper.make_node("Gemm", ["r", "w2", "b2"], ["y"], transB=1),
    ],
    "tiny_mlp",
    [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 16])],
    [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["batch", 8])],
    [weights("w1", 32, 16), weights("b1", 32), weights("w2", 8, 32), weights("b2", 8)],
)
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="mlops-bench")
model.ir_version = 8
os.makedirs(out, exist_ok=True)
save_model(model, os.path.join(out, "mlp.onnx"))
print(f"mlp.onnx in {out}")
