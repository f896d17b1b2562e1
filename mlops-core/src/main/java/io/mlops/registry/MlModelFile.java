package io.mlops.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.json.Yaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * MLflow's {@code MLmodel} file: read for the ONNX flavor's model file, and written for a version
 * registered as a single {@code .onnx} file, as {@code mlflow.onnx.save_model} writes it, so that
 * {@code mlflow.onnx.load_model} and {@code mlflow.pyfunc.load_model} load the version.
 */
public final class MlModelFile {
    /** The MLflow release the written file follows (python/requirements-test.txt pins it). */
    static final String MLFLOW_VERSION = "3.17.2";

    /** The onnx package release the written file names (python/requirements-test.txt pins it). */
    static final String ONNX_VERSION = "1.23.2";

    private static final DateTimeFormatter CREATED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    private MlModelFile() {}

    /**
     * The model file of the ONNX flavor: {@code flavors.onnx.data}.
     *
     * @param mlmodel the MLmodel file's bytes
     * @return the path in the model directory, or empty when the model has no ONNX flavor
     * @throws IOException when the file is no YAML
     */
    public static Optional<String> onnxData(byte[] mlmodel) throws IOException {
        JsonNode data =
                Yaml.mapper().readTree(mlmodel).path("flavors").path("onnx").path("data");
        return data.isTextual() ? Optional.of(data.textValue()) : Optional.empty();
    }

    /**
     * An MLmodel for a directory holding one ONNX model file.
     *
     * @param dataFile the model file's name
     * @param size its size in bytes
     * @param uuid the model's id, 32 hex digits
     * @param createdAt when the model was registered, in milliseconds since the epoch
     * @return the file's bytes
     */
    public static byte[] forOnnx(String dataFile, long size, String uuid, long createdAt) {
        String data = quoted(dataFile);
        return ("flavors:\n"
                        + "  onnx:\n"
                        + "    code: null\n"
                        + "    data: " + data + "\n"
                        + "    onnx_session_options: null\n"
                        + "    onnx_version: " + ONNX_VERSION + "\n"
                        + "    providers:\n"
                        + "    - CUDAExecutionProvider\n"
                        + "    - CPUExecutionProvider\n"
                        + "  python_function:\n"
                        + "    data: " + data + "\n"
                        + "    loader_module: mlflow.onnx\n"
                        + "mlflow_version: " + MLFLOW_VERSION + "\n"
                        + "model_size_bytes: " + size + "\n"
                        + "model_uuid: " + uuid + "\n"
                        + "utc_time_created: '" + CREATED.format(Instant.ofEpochMilli(createdAt)) + "'\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String quoted(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
