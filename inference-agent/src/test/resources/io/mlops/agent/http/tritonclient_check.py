"""Drives a running inference agent with the official tritonclient[http] package.

Usage: python tritonclient_check.py HOST:PORT
Expects model 'mlp' (y = x @ ones(3, 2), x FP32 [-1, 3]) and model 'types' (AgentModels.allTypes).
Prints 'all checks passed' and exits 0, or fails with the assertion that broke.
"""
import sys

import ml_dtypes
import numpy as np
import tritonclient.http as httpclient
from tritonclient.utils import InferenceServerException

client = httpclient.InferenceServerClient(url=sys.argv[1])

assert client.is_server_live()
assert client.is_server_ready()
assert client.is_model_ready("mlp")
assert client.is_model_ready("mlp", "1")
assert "binary_tensor_data" in client.get_server_metadata()["extensions"]
metadata = client.get_model_metadata("mlp")
assert metadata["platform"] == "onnxruntime_onnx", metadata
assert metadata["inputs"] == [{"name": "x", "datatype": "FP32", "shape": [-1, 3]}], metadata
assert metadata["outputs"] == [{"name": "y", "datatype": "FP32", "shape": [-1, 2]}], metadata
assert client.get_model_metadata("mlp", "1")["versions"] == ["1"]

x = np.array([[1, 2, 3], [4, 5, 6]], dtype=np.float32)
for binary_in in (False, True):
    for binary_out in (False, True):
        given = httpclient.InferInput("x", list(x.shape), "FP32")
        given.set_data_from_numpy(x, binary_data=binary_in)
        wanted = httpclient.InferRequestedOutput("y", binary_data=binary_out)
        result = client.infer("mlp", [given], outputs=[wanted], request_id="r-%s-%s" % (binary_in, binary_out))
        np.testing.assert_allclose(result.as_numpy("y"), x @ np.ones((3, 2), dtype=np.float32))
        reply = result.get_response()
        assert reply["model_version"] == "1", reply
        assert reply["id"] == "r-%s-%s" % (binary_in, binary_out), reply

values = {
    "bool": (np.array([True, False]), "BOOL"),
    "uint8": (np.array([0, 255], dtype=np.uint8), "UINT8"),
    "int8": (np.array([-128, 127], dtype=np.int8), "INT8"),
    "int16": (np.array([-32768, 32767], dtype=np.int16), "INT16"),
    "int32": (np.array([-(2**31), 2**31 - 1], dtype=np.int32), "INT32"),
    "int64": (np.array([-(2**63), 2**63 - 1], dtype=np.int64), "INT64"),
    "fp16": (np.array([1.5, -65504], dtype=np.float16), "FP16"),
    "fp32": (np.array([1.5, -0.25], dtype=np.float32), "FP32"),
    "fp64": (np.array([1e-300, -2.5], dtype=np.float64), "FP64"),
    "bf16": (np.array([1.5, -2.0], dtype=ml_dtypes.bfloat16), "BF16"),
    "bytes": (np.array(["a".encode(), "ünïcødé".encode()], dtype=np.object_), "BYTES"),
}
small = np.array([7, 65535], dtype=np.int32)
for binary in (False, True):
    inputs = []
    for name, (array, datatype) in values.items():
        given = httpclient.InferInput("in_" + name, list(array.shape), datatype)
        # tritonclient sends BF16 only as binary data, so that input always mixes binary with JSON.
        given.set_data_from_numpy(array, binary_data=binary or datatype == "BF16")
        inputs.append(given)
    given = httpclient.InferInput("small", [2], "INT32")
    given.set_data_from_numpy(small, binary_data=binary)
    inputs.append(given)
    names = list(values) + ["uint16", "uint32", "uint64"]
    outputs = [httpclient.InferRequestedOutput("out_" + n, binary_data=binary) for n in names]
    result = client.infer("types", inputs, outputs=outputs)
    for name, (array, datatype) in values.items():
        answer = result.as_numpy("out_" + name)
        if datatype == "BYTES":
            # JSON replies carry BYTES as strings, which tritonclient hands back as str.
            as_bytes = [v.encode() if isinstance(v, str) else bytes(v) for v in answer]
            assert as_bytes == list(array), (name, answer)
        else:
            np.testing.assert_array_equal(answer, array, err_msg=name)
    for name, dtype in (("uint16", np.uint16), ("uint32", np.uint32), ("uint64", np.uint64)):
        answer = result.as_numpy("out_" + name)
        assert answer.dtype == dtype, (name, answer.dtype)
        np.testing.assert_array_equal(answer, small.astype(dtype), err_msg=name)

assert not client.is_model_ready("nope")
unknown = httpclient.InferInput("x", [1, 3], "FP32")
unknown.set_data_from_numpy(x[:1])
try:
    client.infer("nope", [unknown])
    raise AssertionError("an unknown model was answered")
except InferenceServerException as e:
    assert "model 'nope' is not served" in e.message(), e.message()

wrong = httpclient.InferInput("x", [1, 4], "FP32")
wrong.set_data_from_numpy(np.zeros((1, 4), dtype=np.float32))
try:
    client.infer("mlp", [wrong])
    raise AssertionError("a wrong shape was answered")
except InferenceServerException as e:
    assert "expected shape [-1, 3]" in e.message() and "got [1, 4]" in e.message(), e.message()

print("all checks passed")
