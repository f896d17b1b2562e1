"""Drives a running inference agent with the official tritonclient packages: gRPC for every backend
given, and HTTP for the openvino one.

Usage: python triton_clients_check.py GRPC_HOST:PORT HTTP_HOST:PORT TOKEN MODEL=PLATFORM...
Each MODEL serves y = x @ W + b with x FP32 [-1, 3], W = [[1, 2], [3, 4], [5, 6]], b = [0.5, -1].
Prints 'all checks passed' and exits 0, or fails with the assertion that broke.
"""
import sys

import numpy as np
import tritonclient.grpc as grpcclient
import tritonclient.http as httpclient
from tritonclient.utils import InferenceServerException

grpc_url, http_url, token = sys.argv[1:4]
models = dict(arg.split("=") for arg in sys.argv[4:])
headers = {"authorization": "Bearer " + token}
W = np.array([[1, 2], [3, 4], [5, 6]], dtype=np.float32)
b = np.array([0.5, -1], dtype=np.float32)
x = np.array([[1, 2, 3], [0.5, -1, 2], [0, 0, 0]], dtype=np.float32)


def status_of(call):
    try:
        call()
    except InferenceServerException as e:
        return e.status(), e.message()
    raise AssertionError("expected an error")


client = grpcclient.InferenceServerClient(url=grpc_url)
# the bearer token is checked on every gRPC call
status, message = status_of(lambda: client.is_server_live())
assert status == "StatusCode.UNAUTHENTICATED", (status, message)

assert client.is_server_live(headers=headers)
assert client.is_server_ready(headers=headers)
assert client.get_server_metadata(headers=headers).name == "mlops-inference-agent"

for model, platform in models.items():
    assert client.is_model_ready(model, headers=headers), model
    assert client.is_model_ready(model, "1", headers=headers), model
    metadata = client.get_model_metadata(model, headers=headers)
    assert metadata.platform == platform, metadata
    assert list(metadata.versions) == ["1"], metadata
    assert [(t.name, t.datatype, list(t.shape)) for t in metadata.inputs] == [("x", "FP32", [-1, 3])], metadata
    assert [(t.name, t.datatype, list(t.shape)) for t in metadata.outputs] == [("y", "FP32", [-1, 2])], metadata

    given = grpcclient.InferInput("x", list(x.shape), "FP32")
    given.set_data_from_numpy(x)
    result = client.infer(
        model, [given], outputs=[grpcclient.InferRequestedOutput("y")], request_id="req-" + model, headers=headers
    )
    np.testing.assert_allclose(result.as_numpy("y"), x @ W + b, rtol=1e-6, err_msg=model)
    reply = result.get_response()
    assert reply.id == "req-" + model and reply.model_name == model and reply.model_version == "1", reply

    wrong = grpcclient.InferInput("x", [1, 4], "FP32")
    wrong.set_data_from_numpy(np.zeros((1, 4), dtype=np.float32))
    status, message = status_of(lambda: client.infer(model, [wrong], headers=headers))
    assert status == "StatusCode.INVALID_ARGUMENT", (model, status, message)

status, message = status_of(lambda: client.get_model_metadata("nope", headers=headers))
assert status == "StatusCode.NOT_FOUND" and "nope" in message, (status, message)

http = httpclient.InferenceServerClient(url=http_url)
for model, platform in models.items():
    if platform != "openvino":
        continue
    assert http.is_model_ready(model, headers=headers)
    assert http.get_model_metadata(model, headers=headers)["platform"] == "openvino"
    for binary in (False, True):
        given = httpclient.InferInput("x", list(x.shape), "FP32")
        given.set_data_from_numpy(x, binary_data=binary)
        result = http.infer(
            model, [given], outputs=[httpclient.InferRequestedOutput("y", binary_data=binary)], headers=headers
        )
        np.testing.assert_allclose(result.as_numpy("y"), x @ W + b, rtol=1e-6, err_msg=model)

print("all checks passed")
