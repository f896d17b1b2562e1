package io.mlops.onnx.convert;

import java.util.List;

/**
 * A training framework's converter: which script of the suite runs it and which pip packages it
 * needs in the user's Python environment.
 */
public interface Converter {
    /**
     * The framework's name on the command line.
     *
     * @return e.g. {@code sklearn}
     */
    String framework();

    /**
     * The converter script among the suite's resources.
     *
     * @return e.g. {@code convert_sklearn.py}
     */
    String script();

    /**
     * The pip packages the conversion needs, for the message when one is missing.
     *
     * @return package names as pip spells them
     */
    List<String> pipPackages();

    /**
     * Checks what this framework needs beyond the common options.
     *
     * @param request the request
     * @throws io.mlops.error.UserError when something required is missing
     */
    default void validate(ConversionRequest request) {}

    /**
     * The converter for a framework name.
     *
     * @param framework {@code sklearn}, {@code pytorch}, {@code tensorflow}, {@code xgboost} or
     *     {@code lightgbm}
     * @return the converter
     * @throws io.mlops.error.UserError for another name
     */
    static Converter of(String framework) {
        for (Converter converter : all()) {
            if (converter.framework().equals(framework)) {
                return converter;
            }
        }
        throw new io.mlops.error.UserError("unknown framework '" + framework + "': use one of "
                + all().stream().map(Converter::framework).toList());
    }

    /**
     * Every supported framework.
     *
     * @return the converters
     */
    static List<Converter> all() {
        return List.of(
                new SklearnConverter(),
                new PytorchConverter(),
                new TensorflowConverter(),
                new XgboostConverter(),
                new LightgbmConverter());
    }
}
