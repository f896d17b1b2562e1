"""Drives a running inference agent with the official KServe Python SDK (kserve's own REST and gRPC
inference clients, V2 protocol): liveness, readiness, model readiness and inference.

Usage: python kserve_check.py HTTP_HOST:PORT GRPC_HOST:PORT
Expects model 'linear' (y = x @ [[1, 2], [3, 4], [5, 6]] + [0.5, -1], x FP32 [-1, 3]).
Prints 'all checks passed' and exits 0, or fails with the assertion that broke.
"""
import asyncio
import sys

import numpy as np
from kserve import InferenceGRPCClient, InferenceRESTClient, InferInput, InferRequest, RESTConfig

x = np.array([[1, 2, 3], [0, 0, 1]], dtype=np.float32)
expected = x @ np.array([[1, 2], [3, 4], [5, 6]], dtype=np.float32) + np.array([0.5, -1], dtype=np.float32)


def request(binary):
    given = InferInput(name="x", shape=list(x.shape), datatype="FP32")
    given.set_data_from_numpy(x, binary_data=binary)
    return InferRequest(model_name="linear", infer_inputs=[given], request_id="k-%s" % binary)


async def main():
    base = "http://" + sys.argv[1]
    rest = InferenceRESTClient(RESTConfig(protocol="v2"))
    try:
        assert await rest.is_server_live(base) is True
        assert await rest.is_server_ready(base) is True
        assert await rest.is_model_ready(base, "linear") is True
        assert await rest.is_model_ready(base, "nope") is False
        for binary in (False, True):
            result = await rest.infer(base, request(binary), model_name="linear")
            np.testing.assert_allclose(result.outputs[0].as_numpy(), expected, err_msg="rest %s" % binary)
            assert result.id == "k-%s" % binary, result.id
    finally:
        await rest.close()

    grpc = InferenceGRPCClient(sys.argv[2])
    try:
        assert await grpc.is_server_live() is True
        assert await grpc.is_server_ready() is True
        assert await grpc.is_model_ready("linear") is True
        assert await grpc.is_model_ready("nope") is False
        result = await grpc.infer(request(False))
        np.testing.assert_allclose(result.outputs[0].as_numpy(), expected, err_msg="grpc")
    finally:
        await grpc.close()


asyncio.run(main())
print("all checks passed")
