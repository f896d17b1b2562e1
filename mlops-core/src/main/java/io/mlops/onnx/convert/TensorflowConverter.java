package io.mlops.onnx.convert;

import java.util.List;

/** TensorFlow SavedModel directories and Keras .keras files, through tf2onnx. */
public final class TensorflowConverter implements Converter {
    @Override
    public String framework() {
        return "tensorflow";
    }

    @Override
    public String script() {
        return "convert_tensorflow.py";
    }

    @Override
    public List<String> pipPackages() {
        return List.of("tensorflow-cpu", "tf2onnx");
    }
}
