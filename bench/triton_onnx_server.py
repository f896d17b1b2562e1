"""NVIDIA Triton Inference Server running an ONNX model with onnxruntime behind its Python backend.

    triton_onnx_server.py MODEL NAME HTTP_PORT GRPC_PORT METRICS_PORT BATCHING INSTANCES

The real Triton server binary (tritonserver, shipped in the nvidia-pytriton wheel with its Python
backend) serves the V2 protocol over HTTP (JSON and the binary tensor data extension) and gRPC;
PyTriton binds each model instance to a Python callable, which runs one onnxruntime session. That is
Triton's own path for a Python model: tritonserver -> Python backend stub -> the callable here.

BATCHING on: max_batch_size 64 with Triton's dynamic batcher (max queue delay 500 us, as the agent's
--max-batch-size 64 --max-queue-delay-us 500), the callable gets the rows of several requests at
once. BATCHING off: max_batch_size 0 (no batcher), every request runs alone with its full shape.
INSTANCES model instances (the agent's --sessions), each its own onnxruntime session with one
intra-op thread per instance and core, all graph optimizations and no spinning: the agent's settings.
"""
import os
import signal
import sys

import numpy as np
import onnxruntime
from pytriton.decorators import batch
from pytriton.model_config import DynamicBatcher, ModelConfig, Tensor
from pytriton.models.model import Model
from pytriton.triton import Triton, TritonConfig

model_file, name = sys.argv[1], sys.argv[2]
http_port, grpc_port, metrics_port = int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
batching = sys.argv[6] == "on"
instances = int(sys.argv[7])


# PyTriton's model instances after the first wait at most 1 s (communication.py's default timeout_s)
# for the first instance's handshake socket; on a loaded machine the first stub takes longer to
# start and the model fails to load. The stubs' copy of communication.py gets 60 s instead: start-up
# only, the request path is untouched.
_proxy_files = Model.get_proxy_model_files


def _patient_proxy_files(self):
    files = _proxy_files(self)
    for key in files:
        if key.endswith("/communication.py"):
            files[key] = files[key].replace(b"timeout_s: float = 1.0", b"timeout_s: float = 60.0")
    return files


Model.get_proxy_model_files = _patient_proxy_files


def session():
    options = onnxruntime.SessionOptions()
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.intra_op_num_threads = max(1, (os.cpu_count() or 1) // instances)
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return onnxruntime.InferenceSession(model_file, options, providers=["CPUExecutionProvider"])


def infer_function():
    """One instance's callable: the requests Triton hands it (one, or a dynamic batch), run at once."""
    own = session()
    output_names = [output.name for output in own.get_outputs()]

    @batch
    def infer(**inputs):
        results = own.run(output_names, inputs)
        return dict(zip(output_names, results))

    return infer


def tensors(args):
    # The first dimension is the batch: Triton adds it itself when batching, so it is left out then.
    def dims(shape):
        return tuple(d if isinstance(d, int) and d > 0 else -1 for d in shape)

    return [Tensor(name=arg.name, dtype=np.float32, shape=dims(arg.shape[1:] if batching else [-1] + list(arg.shape[1:])))
            for arg in args]


# The bench stops servers with SIGTERM: exit through the `with` below, so that PyTriton stops the
# tritonserver process it started (SIGTERM's default would leave it running, orphaned).
signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
probe = session()
config = (
    ModelConfig(batching=True, max_batch_size=64, batcher=DynamicBatcher(max_queue_delay_microseconds=500))
    if batching
    else ModelConfig(batching=False)
)
triton_config = TritonConfig(
    http_address="127.0.0.1",
    http_port=http_port,
    grpc_address="127.0.0.1",
    grpc_port=grpc_port,
    metrics_port=metrics_port,
    allow_gpu_metrics=False,
)
with Triton(config=triton_config) as triton:
    triton.bind(
        model_name=name,
        infer_func=[infer_function() for _ in range(instances)],
        inputs=tensors(probe.get_inputs()),
        outputs=tensors(probe.get_outputs()),
        config=config,
        strict=False,
    )
    triton.serve()
