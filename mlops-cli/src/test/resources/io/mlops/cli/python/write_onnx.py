"""Writes a tiny ONNX model, y = x * 3 on float[N, 4], to the path given."""
import sys

import onnx
from onnx import TensorProto, helper

three = helper.make_tensor("three", TensorProto.FLOAT, [1], [3.0])
graph = helper.make_graph(
    [helper.make_node("Mul", ["x", "three"], ["y"])], "times3",
    [helper.make_tensor_value_info("x", TensorProto.FLOAT, [None, 4])],
    [helper.make_tensor_value_info("y", TensorProto.FLOAT, [None, 4])],
    initializer=[three])
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
model.ir_version = 8
onnx.checker.check_model(model)
onnx.save(model, sys.argv[1])
