package io.mlops.tracking;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * MLflow's rules for what a run may log: name characters, length limits and batch sizes, with
 * MLflow's error messages ({@code mlflow/utils/validation.py}). Over-long values are refused,
 * as MLflow does with {@code MLFLOW_TRUNCATE_LONG_VALUES=false}: a record store must not cut
 * values silently.
 */
public final class LoggingRules {
    /** Most params or tags in one batch. */
    public static final int MAX_PARAMS_TAGS_PER_BATCH = 100;
    /** Most metric points in one batch. */
    public static final int MAX_METRICS_PER_BATCH = 1000;
    /** Most metrics, params and tags together in one batch. */
    public static final int MAX_ENTITIES_PER_BATCH = 1000;
    /** Most bytes in one batch request. */
    public static final int MAX_BATCH_LOG_REQUEST_SIZE = 1_000_000;
    /** Longest param value. */
    public static final int MAX_PARAM_VAL_LENGTH = 6000;
    /** Longest run tag value. */
    public static final int MAX_TAG_VAL_LENGTH = 8000;
    /** Longest metric, param or tag key. */
    public static final int MAX_ENTITY_KEY_LENGTH = 250;
    /** Longest experiment name. */
    public static final int MAX_EXPERIMENT_NAME_LENGTH = 500;
    /** Longest experiment tag key. */
    public static final int MAX_EXPERIMENT_TAG_KEY_LENGTH = 250;
    /** Longest experiment tag value. */
    public static final int MAX_EXPERIMENT_TAG_VAL_LENGTH = 20_000;
    /** Longest dataset name. */
    public static final int MAX_DATASET_NAME_SIZE = 500;
    /** Longest dataset digest. */
    public static final int MAX_DATASET_DIGEST_SIZE = 36;
    /** Longest dataset source. */
    public static final int MAX_DATASET_SOURCE_SIZE = 65_535;
    /** Longest dataset schema. */
    public static final int MAX_DATASET_SCHEMA_SIZE = 1_048_575;
    /** Longest dataset profile. */
    public static final int MAX_DATASET_PROFILE_SIZE = 16_777_215;
    /** Longest dataset input tag key. */
    public static final int MAX_INPUT_TAG_KEY_SIZE = 255;
    /** Longest dataset input tag value. */
    public static final int MAX_INPUT_TAG_VALUE_SIZE = 500;

    private static final Pattern NAME = Pattern.compile("^[/\\w.\\- :]*$", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern RUN_ID = Pattern.compile("^[a-zA-Z0-9][\\w\\-]{0,255}$");
    private static final String BAD_CHARACTERS = "Names may only contain alphanumerics, underscores (_), dashes (-),"
            + " periods (.), spaces ( ), colon(:) and slashes (/).";

    private LoggingRules() {}

    /**
     * Checks a metric point.
     *
     * @param metric the point
     * @param path where it is in the request, e.g. {@code metrics[3]}, or empty
     * @throws TrackingError INVALID_PARAMETER_VALUE when a rule is broken
     */
    public static void metric(Metric metric, String path) {
        name(metric.key(), join(path, "name"));
        if (metric.timestamp() < 0) {
            throw TrackingError.invalid(invalidValue(
                    join(path, "timestamp"),
                    Long.toString(metric.timestamp()),
                    "metric '" + metric.key() + "' (value=" + PythonText.str(metric.value())
                            + "). Timestamp must be a nonnegative long (64-bit integer) "));
        }
        length("Metric name", MAX_ENTITY_KEY_LENGTH, metric.key());
    }

    /**
     * Checks a param.
     *
     * @param param the param
     * @param path where it is in the request, e.g. {@code params[0]}, or empty
     */
    public static void param(Param param, String path) {
        name(param.key(), join(path, "key"));
        length("Param key", MAX_ENTITY_KEY_LENGTH, param.key());
        length("Param value", MAX_PARAM_VAL_LENGTH, param.value());
    }

    /**
     * Checks a run tag.
     *
     * @param tag the tag
     * @param path where it is in the request, e.g. {@code tags[0]}, or empty
     */
    public static void tag(Tag tag, String path) {
        name(tag.key(), join(path, "key"));
        length(join(path, "key"), MAX_ENTITY_KEY_LENGTH, tag.key());
        length(join(path, "value"), MAX_TAG_VAL_LENGTH, tag.value());
    }

    /**
     * Checks a whole batch: each entry, then the batch limits, then that param keys are unique.
     *
     * @param metrics the points
     * @param params the params
     * @param tags the tags
     */
    public static void batch(List<Metric> metrics, List<Param> params, List<Tag> tags) {
        Set<String> checkedNames = new HashSet<>();
        for (int i = 0; i < metrics.size(); i++) {
            Metric metric = metrics.get(i);
            // A batch usually repeats a few names many times; each name is checked once.
            if (checkedNames.contains(metric.key()) && metric.timestamp() >= 0) {
                continue;
            }
            metric(metric, "metrics[" + i + "]");
            checkedNames.add(metric.key());
        }
        for (int i = 0; i < params.size(); i++) {
            param(params.get(i), "params[" + i + "]");
        }
        for (int i = 0; i < tags.size(); i++) {
            tag(tags.get(i), "tags[" + i + "]");
        }
        batchLimit("metrics", MAX_METRICS_PER_BATCH, metrics.size());
        batchLimit("params", MAX_PARAMS_TAGS_PER_BATCH, params.size());
        batchLimit("tags", MAX_PARAMS_TAGS_PER_BATCH, tags.size());
        batchLimit("metrics, params, and tags", MAX_ENTITIES_PER_BATCH, metrics.size() + params.size() + tags.size());
        Set<String> seen = new LinkedHashSet<>();
        List<String> duplicates = new ArrayList<>();
        for (Param param : params) {
            if (!seen.add(param.key())) {
                duplicates.add(PythonText.repr(param.key()));
            }
        }
        if (!duplicates.isEmpty()) {
            throw TrackingError.invalid(
                    "Duplicate parameter keys have been submitted: [" + String.join(", ", duplicates)
                            + "]. Please ensure the request contains only one param value per param key.");
        }
    }

    /**
     * Checks a run name: MLflow keeps it as a run tag, so it has a tag value's limit.
     *
     * @param name the name, or null when none is given
     * @throws TrackingError INVALID_PARAMETER_VALUE past {@link #MAX_TAG_VAL_LENGTH} characters
     */
    public static void runName(String name) {
        if (name != null && name.length() > MAX_TAG_VAL_LENGTH) {
            throw TrackingError.invalid("Run name of length " + name.length() + " exceeds the maximum of "
                    + MAX_TAG_VAL_LENGTH + " characters (MLflow keeps it as the tag mlflow.runName).");
        }
    }

    /**
     * Checks the size of a batch request body.
     *
     * @param bytes the body's length
     */
    public static void batchRequestSize(long bytes) {
        if (bytes > MAX_BATCH_LOG_REQUEST_SIZE) {
            throw TrackingError.invalid("Batched logging API requests must be at most " + MAX_BATCH_LOG_REQUEST_SIZE
                    + " bytes, got a request of size " + bytes + ".");
        }
    }

    /**
     * Checks the form of a run id.
     *
     * @param runId the id
     */
    public static void runId(String runId) {
        if (!RUN_ID.matcher(runId).matches()) {
            throw TrackingError.invalid(invalidValue("run_id", PythonText.jsonDumps(runId), null));
        }
    }

    /**
     * Checks an experiment name.
     *
     * @param name the name
     */
    public static void experimentName(String name) {
        if (name == null || name.isEmpty()) {
            throw TrackingError.invalid("Invalid experiment name: '" + (name == null ? "None" : name) + "'");
        }
        length("name", MAX_EXPERIMENT_NAME_LENGTH, name);
    }

    /**
     * Checks an experiment tag.
     *
     * @param tag the tag
     */
    public static void experimentTag(Tag tag) {
        name(tag.key(), "key");
        length("key", MAX_EXPERIMENT_TAG_KEY_LENGTH, tag.key());
        length("value", MAX_EXPERIMENT_TAG_VAL_LENGTH, tag.value());
    }

    /**
     * Checks dataset inputs.
     *
     * @param inputs the inputs
     */
    public static void inputs(List<DatasetInput> inputs) {
        for (DatasetInput input : inputs) {
            Dataset dataset = input.dataset();
            length("name", MAX_DATASET_NAME_SIZE, dataset.name());
            length("digest", MAX_DATASET_DIGEST_SIZE, dataset.digest());
            length("source", MAX_DATASET_SOURCE_SIZE, dataset.source());
            length("schema", MAX_DATASET_SCHEMA_SIZE, dataset.schema());
            length("profile", MAX_DATASET_PROFILE_SIZE, dataset.profile());
            for (Tag tag : input.tags()) {
                length("key", MAX_INPUT_TAG_KEY_SIZE, tag.key());
                length("value", MAX_INPUT_TAG_VALUE_SIZE, tag.value());
            }
        }
    }

    private static void name(String name, String path) {
        if (!NAME.matcher(name).matches()) {
            throw TrackingError.invalid(invalidValue(path, PythonText.jsonDumps(name), BAD_CHARACTERS));
        }
        String normalized = PythonText.normpath(name);
        if (!normalized.equals(name)
                || normalized.equals(".")
                || normalized.startsWith("..")
                || normalized.startsWith("/")) {
            throw TrackingError.invalid(invalidValue(
                    path,
                    PythonText.jsonDumps(name),
                    "Names may be treated as files in certain cases, and must not resolve to other names when"
                            + " treated as such. This name would resolve to " + PythonText.repr(normalized)));
        }
    }

    private static void length(String entity, int limit, String value) {
        // Python counts code points, Java strings count UTF-16 units.
        if (value != null && value.codePointCount(0, value.length()) > limit) {
            throw TrackingError.invalid("'" + entity + "' exceeds the maximum length of " + limit + " characters");
        }
    }

    private static void batchLimit(String entity, int limit, int length) {
        if (length > limit) {
            throw TrackingError.invalid("A batch logging request can contain at most " + limit + " " + entity
                    + ". Got " + length + " " + entity + ". Please split up " + entity
                    + " across multiple requests and try again.");
        }
    }

    /**
     * MLflow's message for a bad field value.
     *
     * @param path the field
     * @param formattedValue the value as {@code json.dumps} writes it
     * @param why an explanation, or null
     * @return the message
     */
    static String invalidValue(String path, String formattedValue, String why) {
        return "Invalid value " + formattedValue + " for parameter '" + path + "' supplied"
                + (why == null ? "." : ": " + why);
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}
