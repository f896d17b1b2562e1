package io.mlops.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlops.error.UserError;
import io.mlops.onnx.NdArray;
import io.mlops.onnx.Npy;
import io.mlops.onnx.TensorSpec;
import io.mlops.stats.PsiBins;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference distribution of each numeric model input, which the agent compares live traffic
 * with (population stability index): {@code {"<input>":{"edges":[...],"fractions":[...]}}}.
 */
public final class ReferenceStats {
    /** Ten bins, the usual choice for PSI: fine enough to see a shift, coarse enough to fill. */
    static final int BINS = 10;

    private ReferenceStats() {}

    /**
     * Bins every numeric input of a V2 JSON request (string inputs are left out).
     *
     * @param request the request body
     * @param where where it came from, for messages
     * @return bins by input name
     */
    public static Map<String, PsiBins> of(JsonNode request, String where) {
        Map<String, PsiBins> bins = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> input : V2Json.tensors(request, where).entrySet()) {
            binInto(bins, input.getKey(), input.getValue(), where);
        }
        return bins;
    }

    /**
     * Reads reference data: a V2 JSON infer request ({@code .json}) for any inputs, or a NumPy
     * array ({@code .npy}) for a model with one input.
     *
     * @param file the reference data
     * @param inputs the model's inputs, to name the array of a .npy file
     * @return bins by input name
     */
    public static Map<String, PsiBins> read(Path file, List<TensorSpec> inputs) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".npy")) {
            if (inputs.size() != 1) {
                throw new UserError("reference data " + file + " is one array, but the model has " + inputs.size()
                        + " inputs; give a V2 JSON request (.json) naming each input");
            }
            NdArray array = Npy.read(file);
            if (array.numbers() == null) {
                throw new UserError("reference data " + file + " holds strings; PSI bins need numbers");
            }
            Map<String, PsiBins> bins = new LinkedHashMap<>();
            binInto(bins, inputs.get(0).name(), array.numbers(), file.toString());
            return bins;
        }
        if (name.endsWith(".json")) {
            return of(V2Json.readFile(file, "reference data"), file.toString());
        }
        throw new UserError(
                "reference data " + file + " must be a V2 JSON infer request (.json) or a NumPy array (.npy)");
    }

    /**
     * The JSON the agent reads.
     *
     * @param bins bins by input name
     * @return {@code {"<input>":{"edges":[...],"fractions":[...]}}}
     */
    public static ObjectNode toJson(Map<String, PsiBins> bins) {
        ObjectNode json = V2Json.MAPPER.createObjectNode();
        bins.forEach((input, b) -> {
            ObjectNode entry = json.putObject(input);
            b.edges().forEach(entry.putArray("edges")::add);
            b.fractions().forEach(entry.putArray("fractions")::add);
        });
        return json;
    }

    private static void binInto(Map<String, PsiBins> bins, String input, double[] values, String where) {
        if (values.length == 0) {
            return; // a string input: nothing to bin
        }
        try {
            bins.put(input, PsiBins.of(values, BINS));
        } catch (IllegalArgumentException e) {
            throw new UserError("reference data " + where + ": input '" + input + "' has no finite values to bin", e);
        }
    }
}
