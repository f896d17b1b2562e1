package io.mlops.protocol.reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlops.error.UserError;
import io.mlops.json.Json;
import io.mlops.protocol.bundle.BundleLayout;
import io.mlops.protocol.v2.Tensor;
import io.mlops.stats.Bins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference statistics of a model's inputs, the {@code reference-stats.json} of a deployment
 * bundle: per input either {@code {"edges":[...],"fractions":[...]}} (the distribution of each
 * row's mean) or {@code {"features":[{"edges":[...],"fractions":[...]}, ...]}} (one distribution
 * per column of a tabular input). Edges and fractions are those of {@link Bins}. The one reader and
 * writer of the file: {@code mlops deploy} computes and writes it into the bundle, the agent's drift
 * monitor reads it.
 *
 * @param inputs by input name
 */
public record ReferenceStats(Map<String, InputReference> inputs) {
    /** The file's name in a bundle and in a version's directory. */
    public static final String FILE = BundleLayout.REFERENCE_STATS;

    private static final ObjectMapper JSON = Json.mapper();

    /** Copies the inputs, keeping their order. */
    public ReferenceStats {
        inputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    }

    /**
     * Computes the reference statistics of sample inputs, such as a validation set.
     *
     * @param sample one tensor per input, each with many rows; BYTES inputs are left out
     * @param bins the bins per distribution, e.g. 10
     * @return the statistics
     */
    public static ReferenceStats fromSample(List<Tensor> sample, int bins) {
        Map<String, InputReference> inputs = new LinkedHashMap<>();
        for (Tensor tensor : sample) {
            if (RowValues.numeric(tensor.datatype())) {
                inputs.put(tensor.name(), InputReference.fromSample(tensor, bins));
            }
        }
        return new ReferenceStats(inputs);
    }

    /**
     * Reads a file.
     *
     * @param file the {@code reference-stats.json}
     * @return its statistics
     * @throws UserError naming the file and the input when it is not valid
     */
    public static ReferenceStats read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UserError(file + ": not readable JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new UserError(
                    file + ": expected an object of inputs, e.g. {\"x\":{\"edges\":[...],\"fractions\":[...]}}");
        }
        Map<String, InputReference> inputs = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            String where = file + ": input '" + entry.getKey() + "'";
            JsonNode node = entry.getValue();
            if (node.has("features")) {
                List<Bins> features = new ArrayList<>();
                JsonNode list = node.get("features");
                if (!list.isArray() || list.isEmpty()) {
                    throw new UserError(where + ": 'features' must be a non-empty array of {edges, fractions}");
                }
                for (int i = 0; i < list.size(); i++) {
                    features.add(bins(where + " feature " + i, list.get(i)));
                }
                inputs.put(entry.getKey(), new InputReference(null, features));
            } else {
                inputs.put(entry.getKey(), new InputReference(bins(where, node), List.of()));
            }
        }
        return new ReferenceStats(inputs);
    }

    private static Bins bins(String where, JsonNode node) {
        try {
            return new Bins(numbers(where, node, "edges"), numbers(where, node, "fractions"));
        } catch (UserError e) {
            throw new UserError(where + ": " + e.getMessage());
        }
    }

    private static double[] numbers(String where, JsonNode node, String field) {
        JsonNode array = node == null ? null : node.get(field);
        if (array == null || !array.isArray()) {
            throw new UserError(where + ": '" + field + "' must be an array of numbers");
        }
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            if (!array.get(i).isNumber()) {
                throw new UserError(where + ": '" + field + "'[" + i + "] is " + array.get(i) + ", not a number");
            }
            values[i] = array.get(i).asDouble();
        }
        return values;
    }

    /**
     * The statistics as the file holds them.
     *
     * @return the JSON text
     */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        inputs.forEach((name, reference) -> {
            if (reference.perFeature()) {
                ArrayNode features = root.putObject(name).putArray("features");
                reference.features().forEach(bins -> write(features.addObject(), bins));
            } else {
                write(root.putObject(name), reference.rowMean());
            }
        });
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes the file: to a temporary name first, then renamed, so no reader sees half of it.
     *
     * @param file where
     * @throws IOException when it cannot be written
     */
    public void write(Path file) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, toJson());
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void write(ObjectNode node, Bins bins) {
        ArrayNode edges = node.putArray("edges");
        for (double edge : bins.edges()) {
            edges.add(edge);
        }
        ArrayNode fractions = node.putArray("fractions");
        for (double fraction : bins.fractions()) {
            fractions.add(fraction);
        }
    }
}
