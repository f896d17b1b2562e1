package io.mlops.agent.batch;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.error.UserError;
import io.mlops.json.Json;
import io.mlops.protocol.bundle.BundleLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * A model's own batching settings, the {@code config.json} in its directory of the repository
 * ({@code <repo>/<model>/config.json}, or a version's {@code <repo>/<model>/<version>/config.json},
 * which wins), e.g. {@code {"maxBatchSize": 32, "maxQueueDelayUs": 500}}. Settings it leaves out
 * keep the agent's defaults from its command line.
 */
public final class BatchPolicyFile {
    /** The file's name. */
    public static final String FILE = BundleLayout.BATCH_CONFIG;

    private static final Set<String> FIELDS =
            Set.of("maxBatchSize", "maxQueueDelayUs", "queueCapacity", "requestTimeoutMs", "sessions");

    private BatchPolicyFile() {}

    /**
     * The policy of a model version: the agent's defaults, overridden by the model's
     * {@code config.json}, then by the version's.
     *
     * @param versionDir the version's directory, {@code <repo>/<model>/<version>}
     * @param defaults the agent's defaults
     * @return the policy
     * @throws UserError naming the file and the setting when a file is not valid
     */
    public static BatchPolicy forVersion(Path versionDir, BatchPolicy defaults) {
        BatchPolicy policy = defaults;
        Path modelDir = versionDir.toAbsolutePath().getParent();
        if (modelDir != null) {
            policy = apply(modelDir.resolve(FILE), policy);
        }
        return apply(versionDir.resolve(FILE), policy);
    }

    /**
     * Applies one file's settings, if the file exists.
     *
     * @param file the {@code config.json}
     * @param policy the settings so far
     * @return the settings with the file's applied
     * @throws UserError naming the file and the setting when it is not valid
     */
    static BatchPolicy apply(Path file, BatchPolicy policy) {
        if (!Files.isRegularFile(file)) {
            return policy;
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UserError(file + ": not readable JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new UserError(file + ": expected an object such as {\"maxBatchSize\": 32}");
        }
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            if (!FIELDS.contains(field.getKey())) {
                throw new UserError(file + ": unknown setting '" + field.getKey() + "'; known are " + FIELDS);
            }
            if (!field.getValue().canConvertToLong() || !field.getValue().isIntegralNumber()) {
                throw new UserError(
                        file + ": '" + field.getKey() + "' must be a whole number, not " + field.getValue());
            }
        }
        try {
            return new BatchPolicy(
                    (int) number(root, "maxBatchSize", policy.maxBatchSize()),
                    number(root, "maxQueueDelayUs", policy.maxQueueDelayMicros()),
                    (int) number(root, "queueCapacity", policy.queueCapacity()),
                    number(root, "requestTimeoutMs", policy.requestTimeoutMillis()),
                    (int) number(root, "sessions", policy.sessions()));
        } catch (UserError e) {
            throw new UserError(file + ": " + e.getMessage());
        }
    }

    private static long number(JsonNode root, String field, long otherwise) {
        JsonNode value = root.get(field);
        return value == null ? otherwise : value.asLong();
    }
}
