package io.mlops.onnx.convert;

import io.mlops.error.UserError;
import java.util.List;

/**
 * PyTorch models through torch.onnx.export: a TorchScript file, or a state dict with the model's
 * class ({@code --model-class module:Class}). Tracing runs the model, so it needs a sample input.
 */
public final class PytorchConverter implements Converter {
    @Override
    public String framework() {
        return "pytorch";
    }

    @Override
    public String script() {
        return "convert_pytorch.py";
    }

    @Override
    public List<String> pipPackages() {
        return List.of("torch", "onnx");
    }

    @Override
    public void validate(ConversionRequest request) {
        if (request.sampleInput() == null) {
            throw new UserError("PyTorch models carry no input signature: give --sample-input FILE"
                    + " (.npy, or .npz with one array per input) to convert " + request.model());
        }
    }
}
