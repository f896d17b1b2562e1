"""Drives a running inference agent with the official tritonclient[http,grpc] packages through the
V2 conformance gaps of issue 12: compressed request and reply bodies, Triton's model configuration
(checked the way perf_analyzer's model parser reads it), the classification extension and gRPC
ModelReady of unknown models and versions.

Usage: python v2_conformance_check.py HTTP_HOST:PORT GRPC_HOST:PORT
Expects model 'linear' (y = x @ [[1, 2], [3, 4], [5, 6]] + [0.5, -1], x FP32 [-1, 3], dynamic
batching up to 8 rows with a queue delay of 500 us, 2 sessions, labels.txt 'cat', 'dog') and
model 'mlp' (y = x @ ones(3, 2), no labels).
Prints 'all checks passed' and exits 0, or fails with the assertion that broke.
"""
import sys

import numpy as np
import tritonclient.grpc as grpcclient
import tritonclient.http as httpclient

http = httpclient.InferenceServerClient(url=sys.argv[1])
grpc = grpcclient.InferenceServerClient(url=sys.argv[2])

W = np.array([[1, 2], [3, 4], [5, 6]], dtype=np.float32)
B = np.array([0.5, -1], dtype=np.float32)
x = np.array([[1, 2, 3], [0, 0, 1]], dtype=np.float32)
expected = x @ W + B  # [[22.5, 27], [5.5, 5]]

# gRPC ModelReady: an unknown model or version is "not ready", as Triton answers, not NOT_FOUND.
assert grpc.is_model_ready("linear")
assert grpc.is_model_ready("linear", "1")
assert not grpc.is_model_ready("linear", "7")
assert not grpc.is_model_ready("nope")
assert not http.is_model_ready("linear", "7")

# Compressed request and reply bodies, every combination tritonclient offers, JSON and binary.
for request_coding in (None, "gzip", "deflate"):
    for reply_coding in (None, "gzip", "deflate"):
        for binary in (False, True):
            given = httpclient.InferInput("x", list(x.shape), "FP32")
            given.set_data_from_numpy(x, binary_data=binary)
            wanted = httpclient.InferRequestedOutput("y", binary_data=binary)
            result = http.infer(
                "linear",
                [given],
                outputs=[wanted],
                request_compression_algorithm=request_coding,
                response_compression_algorithm=reply_coding,
            )
            np.testing.assert_allclose(result.as_numpy("y"), expected, err_msg=str((request_coding, reply_coding)))

# Triton's model configuration over HTTP and gRPC.
http_config = http.get_model_config("linear")
grpc_config = grpc.get_model_config("linear", as_json=True)["config"]
grpc_message = grpc.get_model_config("linear").config
for config in (http_config, grpc_config):
    assert config["name"] == "linear", config
    assert config["platform"] == "onnxruntime_onnx", config
    assert config["backend"] == "onnxruntime", config
    assert int(config["max_batch_size"]) == 8, config
    assert [(t["name"], t["data_type"], [int(d) for d in t["dims"]]) for t in config["input"]] == [
        ("x", "TYPE_FP32", [3])
    ], config
    assert [(t["name"], t["data_type"], [int(d) for d in t["dims"]], t["label_filename"]) for t in config["output"]] == [
        ("y", "TYPE_FP32", [2], "labels.txt")
    ], config
    assert int(config["dynamic_batching"]["max_queue_delay_microseconds"]) == 500, config
    group = config["instance_group"][0]
    assert group["kind"] == "KIND_CPU" and int(group["count"]) == 2, config
    assert [int(v) for v in config["version_policy"]["specific"]["versions"]] == [1], config
assert grpc_message.max_batch_size == 8 and grpc_message.input[0].dims == [3], grpc_message
assert grpc_message.dynamic_batching.max_queue_delay_microseconds == 500, grpc_message
assert grpc_message.instance_group[0].kind == grpcclient.model_config_pb2.ModelInstanceGroup.KIND_CPU
assert http.get_model_config("linear", "1")["name"] == "linear"
assert int(http.get_model_config("mlp")["max_batch_size"]) == 8
assert "label_filename" not in http.get_model_config("mlp")["output"][0]


def as_int(value):
    """perf_analyzer's GetInt: an int, or an int64 written as a string by protobuf's JSON."""
    return int(value)


def perf_analyzer_parse(metadata, config):
    """The checks of perf_analyzer's ModelParser::InitTriton on a model's metadata and config."""
    max_batch_size = as_int(config.get("max_batch_size", 0))
    inputs = {}
    for tensor in metadata["inputs"]:
        shape = [as_int(d) for d in tensor["shape"]]
        inputs[tensor["name"]] = shape[1:] if max_batch_size > 0 else shape
    for tensor in config.get("input", []):
        assert tensor["name"] in inputs, "no metadata found for input tensor " + tensor["name"]
        assert isinstance(tensor.get("is_shape_tensor", False), bool)
        assert isinstance(tensor.get("optional", False), bool)
    outputs = {t["name"] for t in metadata["outputs"]}
    for tensor in config.get("output", []):
        assert tensor["name"] in outputs, "no metadata found for output tensor " + tensor["name"]
    assert "ensemble_scheduling" not in config and "sequence_batching" not in config
    scheduler = "DYNAMIC" if "dynamic_batching" in config else "NONE"
    return max_batch_size, inputs, scheduler


assert perf_analyzer_parse(http.get_model_metadata("linear"), http_config) == (8, {"x": [3]}, "DYNAMIC")
assert perf_analyzer_parse(grpc.get_model_metadata("linear", as_json=True), grpc_config) == (8, {"x": [3]}, "DYNAMIC")
assert perf_analyzer_parse(http.get_model_metadata("mlp"), http.get_model_config("mlp")) == (8, {"x": [3]}, "DYNAMIC")

# The classification extension: top classes as "value:index[:label]", highest first.
top1 = [[b"27.000000:1:dog"], [b"5.500000:0:cat"]]
top2 = [[b"27.000000:1:dog", b"22.500000:0:cat"], [b"5.500000:0:cat", b"5.000000:1:dog"]]


def as_bytes(array):
    return [[v.encode() if isinstance(v, str) else bytes(v) for v in row] for row in array]


for binary in (False, True):
    for count, want in ((1, top1), (2, top2), (5, top2)):
        given = httpclient.InferInput("x", list(x.shape), "FP32")
        given.set_data_from_numpy(x, binary_data=binary)
        wanted = httpclient.InferRequestedOutput("y", binary_data=binary, class_count=count)
        result = http.infer("linear", [given], outputs=[wanted])
        assert result.get_output("y")["datatype"] == "BYTES", result.get_response()
        assert as_bytes(result.as_numpy("y")) == want, (binary, count, result.as_numpy("y"))
        given = grpcclient.InferInput("x", list(x.shape), "FP32")
        given.set_data_from_numpy(x)
        result = grpc.infer("linear", [given], outputs=[grpcclient.InferRequestedOutput("y", class_count=count)])
        assert as_bytes(result.as_numpy("y")) == want, (count, result.as_numpy("y"))
given = httpclient.InferInput("x", [1, 3], "FP32")
given.set_data_from_numpy(np.array([[1, 2, 4]], dtype=np.float32))
result = http.infer("mlp", [given], outputs=[httpclient.InferRequestedOutput("y", class_count=1)])
assert as_bytes(result.as_numpy("y")) == [[b"7.000000:0"]], result.as_numpy("y")

print("all checks passed")
