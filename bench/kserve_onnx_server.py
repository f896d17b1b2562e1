"""The KServe Python model server running an ONNX model with onnxruntime: kserve_onnx_server.py MODEL NAME PORT WORKERS.

KServe has no stock ONNX runtime of its own (it hands ONNX to Triton), so this is the smallest
kserve.Model that does: V2 request tensors as numpy, one onnxruntime session run, V2 response.
The session uses the same settings as the agent's: all graph optimizations, no spinning. Requests in
the binary tensor data extension (which KServe's REST server decodes itself) get their outputs in
binary when they ask with `binary_data_output`, as KServe's own model servers do."""
import sys

import kserve
import onnxruntime
from kserve import InferOutput, InferRequest, InferResponse

model_file, name, port, workers = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])


class OnnxModel(kserve.Model):
    def __init__(self, model_name):
        super().__init__(model_name)
        self.session = None
        self.load()

    def __getstate__(self):
        # KServe starts its worker processes by pickling the model; sessions do not pickle, so
        # each worker opens its own.
        state = self.__dict__.copy()
        state["session"] = None
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self.load()

    def load(self):
        options = onnxruntime.SessionOptions()
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = onnxruntime.InferenceSession(model_file, options, providers=["CPUExecutionProvider"])
        self.ready = True
        return self.ready

    def predict(self, payload: InferRequest, headers=None) -> InferResponse:
        feeds = {tensor.name: tensor.as_numpy() for tensor in payload.inputs}
        names = [output.name for output in self.session.get_outputs()]
        results = self.session.run(names, feeds)
        outputs = []
        for output_name, array in zip(names, results):
            output = InferOutput(name=output_name, shape=list(array.shape), datatype="FP32")
            output.set_data_from_numpy(array, binary_data=payload.use_binary_outputs)
            outputs.append(output)
        return InferResponse(
            response_id=payload.id or "",
            model_name=self.name,
            infer_outputs=outputs,
            use_binary_outputs=payload.use_binary_outputs,
            requested_outputs=payload.request_outputs,
        )


if __name__ == "__main__":
    kserve.ModelServer(http_port=port, workers=workers, enable_grpc=False).start([OnnxModel(name)])
