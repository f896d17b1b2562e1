package io.mlops.onnx.convert;

import java.util.List;

/** LightGBM models (a Booster's text file, or a pickled LGBMClassifier/LGBMRegressor), through onnxmltools. */
public final class LightgbmConverter implements Converter {
    @Override
    public String framework() {
        return "lightgbm";
    }

    @Override
    public String script() {
        return "convert_lightgbm.py";
    }

    @Override
    public List<String> pipPackages() {
        return List.of("lightgbm", "onnxmltools");
    }
}
