package io.mlops.onnx.convert;

import java.util.List;

/** XGBoost models (save_model .json/.ubj, or a pickled XGBClassifier/XGBRegressor), through onnxmltools. */
public final class XgboostConverter implements Converter {
    @Override
    public String framework() {
        return "xgboost";
    }

    @Override
    public String script() {
        return "convert_xgboost.py";
    }

    @Override
    public List<String> pipPackages() {
        return List.of("xgboost", "onnxmltools");
    }
}
