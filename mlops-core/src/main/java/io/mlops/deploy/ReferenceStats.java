package io.mlops.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlops.error.UserError;
import io.mlops.onnx.ElementType;
import io.mlops.onnx.NdArray;
import io.mlops.onnx.Npy;
import io.mlops.onnx.TensorSpec;
import io.mlops.stats.Bins;
import io.mlops.stats.DriftLayout;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The reference distribution of each numeric model input, which the agent compares live traffic
 * with by the population stability index, in the layout its drift monitor reads: a tabular input
 * ({@code [rows, features]}, at most {@value DriftLayout#MAX_FEATURES} features) per feature,
 * {@code {"<input>":{"features":[{"edges":[...],"fractions":[...]}, ...]}}}; any other input by
 * the mean of each row, {@code {"<input>":{"edges":[...],"fractions":[...]}}}. Bins are
 * {@link Bins#fromSample quantile bins}; string inputs are left out.
 */
public final class ReferenceStats {
    /** Ten bins, the usual choice for PSI: fine enough to see a shift, coarse enough to fill. */
    static final int BINS = 10;

    private ReferenceStats() {}

    /**
     * The statistics of every numeric input of a V2 JSON infer request.
     *
     * @param request the request body
     * @param where where it came from, for messages
     * @return the {@code reference-stats.json} object
     */
    public static ObjectNode of(JsonNode request, String where) {
        ObjectNode stats = V2Json.MAPPER.createObjectNode();
        for (V2Json.V2Tensor input : V2Json.tensors(request, where).values()) {
            if (!"BYTES".equals(input.datatype())) {
                put(stats, input.name(), input.shape(), input.numbers(), where);
            }
        }
        return stats;
    }

    /**
     * Reads reference data: a V2 JSON infer request ({@code .json}) for any inputs, or a NumPy
     * array ({@code .npy}, rows first) for a model with one input.
     *
     * @param file the reference data
     * @param inputs the model's inputs, to name the array of a .npy file
     * @return the {@code reference-stats.json} object
     */
    public static ObjectNode read(Path file, List<TensorSpec> inputs) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".npy")) {
            if (inputs.size() != 1) {
                throw new UserError("reference data " + file + " is one array, but the model has " + inputs.size()
                        + " inputs; give a V2 JSON request (.json) naming each input");
            }
            NdArray array = Npy.read(file);
            if (array.type() == ElementType.STRING) {
                throw new UserError("reference data " + file + " holds strings; drift bins need numbers");
            }
            ObjectNode stats = V2Json.MAPPER.createObjectNode();
            put(stats, inputs.get(0).name(), array.shape(), array.numbers(), file.toString());
            return stats;
        }
        if (name.endsWith(".json")) {
            return of(V2Json.readFile(file, "reference data"), file.toString());
        }
        throw new UserError(
                "reference data " + file + " must be a V2 JSON infer request (.json) or a NumPy array (.npy)");
    }

    private static void put(ObjectNode stats, String input, long[] shape, double[] values, String where) {
        try {
            if (DriftLayout.perFeature(shape)) {
                ArrayNode features = stats.putObject(input).putArray("features");
                for (double[] column : columns(shape, values)) {
                    write(features.addObject(), Bins.fromSample(column, BINS));
                }
            } else {
                write(stats.putObject(input), Bins.fromSample(rowMeans(shape, values), BINS));
            }
        } catch (UserError e) {
            throw new UserError("reference data " + where + ", input '" + input + "': " + e.getMessage(), e);
        }
    }

    private static double[][] columns(long[] shape, double[] values) {
        int rows = (int) shape[0];
        int features = (int) shape[1];
        double[][] columns = new double[features][rows];
        for (int r = 0; r < rows; r++) {
            for (int f = 0; f < features; f++) {
                columns[f][r] = values[r * features + f];
            }
        }
        return columns;
    }

    private static double[] rowMeans(long[] shape, double[] values) {
        int rows = shape.length == 0 ? 1 : (int) shape[0];
        if (rows == 0) {
            return new double[0];
        }
        int perRow = values.length / rows;
        double[] means = new double[rows];
        for (int r = 0; r < rows; r++) {
            means[r] = perRow == 0
                    ? Double.NaN
                    : Arrays.stream(values, r * perRow, (r + 1) * perRow).sum() / perRow;
        }
        return means;
    }

    private static void write(ObjectNode node, Bins bins) {
        Arrays.stream(bins.edges()).forEach(node.putArray("edges")::add);
        Arrays.stream(bins.fractions()).forEach(node.putArray("fractions")::add);
    }
}
