"""Writes the throughput benchmark's inputs: make_cnn.py DIR IMAGES.

A small CNN built with the onnx helper API (random weights, opset 17): [N, 3, 64, 64] ->
Conv 3x3/2 (16) -> Relu -> Conv 3x3/2 (32) -> Relu -> GlobalAveragePool -> Flatten -> Gemm (10) ->
Softmax; and IMAGES random 64x64 PNG files in 10 class folders."""
import os
import sys

import numpy as np
from onnx import TensorProto, helper, numpy_helper, save_model
from PIL import Image

out, count = sys.argv[1], int(sys.argv[2])
rng = np.random.default_rng(0)


def weights(name, *shape):
    return numpy_helper.from_array((rng.normal(size=shape) * 0.1).astype(np.float32), name)


graph = helper.make_graph(
    [
        helper.make_node("Conv", ["image", "w1", "b1"], ["c1"], strides=[2, 2], pads=[1, 1, 1, 1]),
        helper.make_node("Relu", ["c1"], ["r1"]),
        helper.make_node("Conv", ["r1", "w2", "b2"], ["c2"], strides=[2, 2], pads=[1, 1, 1, 1]),
        helper.make_node("Relu", ["c2"], ["r2"]),
        helper.make_node("GlobalAveragePool", ["r2"], ["pool"]),
        helper.make_node("Flatten", ["pool"], ["flat"]),
        helper.make_node("Gemm", ["flat", "w3", "b3"], ["logits"], transB=1),
        helper.make_node("Softmax", ["logits"], ["scores"], axis=1),
    ],
    "small_cnn",
    [helper.make_tensor_value_info("image", TensorProto.FLOAT, ["batch", 3, 64, 64])],
    [helper.make_tensor_value_info("scores", TensorProto.FLOAT, ["batch", 10])],
    [weights("w1", 16, 3, 3, 3), weights("b1", 16), weights("w2", 32, 16, 3, 3), weights("b2", 32),
     weights("w3", 10, 32), weights("b3", 10)],
)
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="mlops-bench")
model.ir_version = 8
os.makedirs(out, exist_ok=True)
save_model(model, os.path.join(out, "cnn.onnx"))
for i in range(count):
    folder = os.path.join(out, "images", f"class{i % 10}")
    os.makedirs(folder, exist_ok=True)
    pixels = rng.integers(0, 256, size=(64, 64, 3), dtype=np.uint8)
    Image.fromarray(pixels).save(os.path.join(folder, f"{i:05d}.png"), compress_level=1)
print(f"cnn.onnx and {count} images in {out}")
