package io.mlops.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlops.git.GitState;
import io.mlops.json.Json;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a run came from: the command, the Git state of the code, the data snapshots it read and
 * the host. Kept as MLflow tags (the standard {@code mlflow.source.*} ones where they exist) and
 * dataset inputs, so MLflow's UI and clients show it and the store holds it once.
 *
 * @param source what ran, e.g. the command line
 * @param git the Git state of the working directory, or null outside Git
 * @param snapshots the data snapshots used
 * @param host the machine, or null when not recorded
 */
public record RunContext(String source, GitState git, List<SnapshotInput> snapshots, HostFacts host)
        implements Serializable {
    /** The dataset source type that marks a data snapshot of the suite. */
    public static final String SNAPSHOT_SOURCE_TYPE = "mlops-snapshot";

    static final String SOURCE_NAME = "mlflow.source.name";
    static final String SOURCE_TYPE = "mlflow.source.type";
    static final String GIT_COMMIT = "mlflow.source.git.commit";
    static final String GIT_DIRTY = "mlops.source.git.dirty";
    static final String HOST_NAME = "mlops.host.name";
    static final String HOST_OS = "mlops.host.os";
    static final String HOST_ARCH = "mlops.host.arch";
    static final String HOST_CPUS = "mlops.host.cpus";
    static final String HOST_MEMORY = "mlops.host.memory_bytes";
    static final String HOST_GPUS = "mlops.host.gpus";
    private static final ObjectMapper JSON = Json.mapper();

    /** Copies the snapshots. */
    public RunContext {
        snapshots = List.copyOf(snapshots);
    }

    /**
     * The tags that record this context.
     *
     * @return tags in a stable order
     */
    public List<Tag> toTags() {
        List<Tag> tags = new ArrayList<>();
        if (source != null) {
            tags.add(new Tag(SOURCE_NAME, source));
            tags.add(new Tag(SOURCE_TYPE, "LOCAL"));
        }
        if (git != null && git.hasCommit()) {
            tags.add(new Tag(GIT_COMMIT, git.commit()));
        }
        if (git != null) {
            tags.add(new Tag(GIT_DIRTY, String.valueOf(git.dirty())));
        }
        if (host != null) {
            tags.add(new Tag(HOST_NAME, host.hostname()));
            tags.add(new Tag(HOST_OS, host.os()));
            tags.add(new Tag(HOST_ARCH, host.arch()));
            tags.add(new Tag(HOST_CPUS, String.valueOf(host.cpus())));
            tags.add(new Tag(HOST_MEMORY, String.valueOf(host.memoryBytes())));
            if (!host.gpus().isEmpty()) {
                tags.add(new Tag(HOST_GPUS, String.join(", ", host.gpus())));
            }
        }
        return tags;
    }

    /**
     * The dataset inputs that record the snapshots.
     *
     * @return one input per snapshot, used for training
     */
    public List<DatasetInput> toInputs() {
        List<DatasetInput> inputs = new ArrayList<>();
        for (SnapshotInput snapshot : snapshots) {
            ObjectNode source = JSON.createObjectNode()
                    .put("snapshot_id", snapshot.snapshotId())
                    .put("path", snapshot.path());
            Dataset dataset = new Dataset(
                    snapshot.label(), snapshot.snapshotId(), SNAPSHOT_SOURCE_TYPE, source.toString(), null, null);
            inputs.add(new DatasetInput(dataset, List.of(new Tag("mlflow.data.context", "training"))));
        }
        return inputs;
    }

    /**
     * Reads a context back from a run's tags and inputs.
     *
     * @param tags the run's tags
     * @param inputs the run's dataset inputs
     * @return the context; fields not recorded are null
     */
    public static RunContext of(List<Tag> tags, List<DatasetInput> inputs) {
        Map<String, String> byKey = new HashMap<>();
        tags.forEach(tag -> byKey.put(tag.key(), tag.value()));
        GitState git = null;
        String commit = byKey.get(GIT_COMMIT);
        if (byKey.containsKey(GIT_DIRTY) || commit != null) {
            git = new GitState(
                    commit != null && commit.matches("[0-9a-f]{40}") ? commit : null,
                    Boolean.parseBoolean(byKey.get(GIT_DIRTY)));
        }
        HostFacts host = null;
        if (byKey.containsKey(HOST_NAME)) {
            String gpus = byKey.getOrDefault(HOST_GPUS, "");
            host = new HostFacts(
                    byKey.get(HOST_NAME),
                    byKey.getOrDefault(HOST_OS, ""),
                    byKey.getOrDefault(HOST_ARCH, ""),
                    parseInt(byKey.get(HOST_CPUS)),
                    parseLong(byKey.get(HOST_MEMORY)),
                    gpus.isEmpty() ? List.of() : Arrays.asList(gpus.split(", ")));
        }
        List<SnapshotInput> snapshots = new ArrayList<>();
        for (DatasetInput input : inputs) {
            Dataset dataset = input.dataset();
            if (SNAPSHOT_SOURCE_TYPE.equals(dataset.sourceType())
                    && dataset.digest().matches("[0-9a-f]{32}")) {
                // A snapshot without a name was labelled with its id prefix; that label is no name.
                String name = dataset.name().equals(dataset.digest().substring(0, 12)) ? null : dataset.name();
                snapshots.add(new SnapshotInput(dataset.digest(), name, sourcePath(dataset.source())));
            }
        }
        return new RunContext(byKey.get(SOURCE_NAME), git, snapshots, host);
    }

    private static String sourcePath(String source) {
        try {
            JsonNode node = JSON.readTree(source);
            return Objects.requireNonNullElse(node.path("path").textValue(), "");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return "";
        }
    }

    private static int parseInt(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
