package io.mlops.onnx.convert;

import java.util.List;

/** scikit-learn models and pipelines, pickled (.pkl, .joblib), through skl2onnx. */
public final class SklearnConverter implements Converter {
    @Override
    public String framework() {
        return "sklearn";
    }

    @Override
    public String script() {
        return "convert_sklearn.py";
    }

    @Override
    public List<String> pipPackages() {
        return List.of("scikit-learn", "skl2onnx");
    }
}
