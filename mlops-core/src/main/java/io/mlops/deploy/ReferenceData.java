package io.mlops.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.error.UserError;
import io.mlops.onnx.ElementType;
import io.mlops.onnx.NdArray;
import io.mlops.onnx.Npy;
import io.mlops.onnx.TensorSpec;
import io.mlops.protocol.reference.InputReference;
import io.mlops.protocol.reference.ReferenceStats;
import io.mlops.protocol.v2.DataType;
import io.mlops.protocol.v2.Tensor;
import io.mlops.protocol.v2.V2JsonTensors;
import io.mlops.stats.DriftLayout;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The reference data of a deployment (a V2 request or a NumPy array), summarised as the agent's
 * drift monitor reads it: the protocol's {@link ReferenceStats}, per feature for a tabular input
 * ({@code [rows, features]}, at most {@value DriftLayout#MAX_FEATURES} features), by the mean of
 * each row otherwise, in {@value #BINS} quantile bins; string inputs are left out.
 */
public final class ReferenceData {
    /** Ten bins, the usual choice for PSI: fine enough to see a shift, coarse enough to fill. */
    static final int BINS = 10;

    private ReferenceData() {}

    /**
     * The statistics of every numeric input of a V2 JSON infer request.
     *
     * @param request the request body
     * @param where where it came from, for messages
     * @return the statistics
     */
    public static ReferenceStats of(JsonNode request, String where) {
        return of(V2JsonTensors.inputs(request, where), where);
    }

    /**
     * Reads reference data: a V2 JSON infer request ({@code .json}) for any inputs, or a NumPy
     * array ({@code .npy}, rows first) for a model with one input.
     *
     * @param file the reference data
     * @param inputs the model's inputs, to name the array of a .npy file
     * @return the statistics
     */
    public static ReferenceStats read(Path file, List<TensorSpec> inputs) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".npy")) {
            if (inputs.size() != 1) {
                throw new UserError("reference data " + file + " is one array, but the model has " + inputs.size()
                        + " inputs; give a V2 JSON request (.json) naming each input");
            }
            NdArray array = Npy.read(file);
            if (array.type() == ElementType.STRING) {
                throw new UserError("reference data " + file + " holds strings; drift bins need numbers");
            }
            return of(List.of(Tensor.fp64(inputs.get(0).name(), array.shape(), array.numbers())), file.toString());
        }
        if (name.endsWith(".json")) {
            return of(V2Json.readFile(file, "reference data"), file.toString());
        }
        throw new UserError(
                "reference data " + file + " must be a V2 JSON infer request (.json) or a NumPy array (.npy)");
    }

    private static ReferenceStats of(List<Tensor> tensors, String where) {
        Map<String, InputReference> inputs = new LinkedHashMap<>();
        for (Tensor tensor : tensors) {
            if (tensor.datatype() == DataType.BYTES) {
                continue;
            }
            try {
                inputs.put(tensor.name(), InputReference.fromSample(tensor, BINS));
            } catch (UserError e) {
                throw new UserError(
                        "reference data " + where + ", input '" + tensor.name() + "': " + e.getMessage(), e);
            }
        }
        return new ReferenceStats(inputs);
    }
}
