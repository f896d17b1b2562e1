package io.mlops.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What the agent's admin API says about one model: which versions serve, what state each is in,
 * and the last automatic or manual rollback.
 *
 * @param name the model
 * @param primary the version serving most traffic, or null
 * @param canary the canary version, or null
 * @param canaryPercent the canary's share of requests
 * @param versions the versions the agent holds
 * @param lastRollback the last rollback, or null
 */
public record AgentStatus(
        String name,
        String primary,
        String canary,
        int canaryPercent,
        List<VersionState> versions,
        Rollback lastRollback) {
    /** Copies the versions. */
    public AgentStatus {
        versions = List.copyOf(versions);
    }

    /**
     * One version on the agent.
     *
     * @param version its number, as text
     * @param state LOADING, READY or FAILED
     * @param backend the backend serving it, or null when not said
     * @param requests requests it answered
     * @param failures requests that failed
     * @param error why it failed to load, or null
     */
    public record VersionState(
            String version, String state, String backend, long requests, long failures, String error) {}

    /**
     * A rollback the agent made.
     *
     * @param from the version taken out of service
     * @param to the version serving again
     * @param reason why
     * @param at when, milliseconds since the epoch
     */
    public record Rollback(String from, String to, String reason, long at) {}

    /**
     * Reads the admin API's STATUS object.
     *
     * @param json the body
     * @return the status
     */
    static AgentStatus parse(JsonNode json) {
        JsonNode serving = json.path("serving");
        List<VersionState> versions = new ArrayList<>();
        for (JsonNode v : json.path("versions")) {
            versions.add(new VersionState(
                    v.path("version").asText(),
                    v.path("state").asText(),
                    text(v.get("backend")),
                    v.path("requests").asLong(),
                    v.path("failures").asLong(),
                    text(v.get("error"))));
        }
        JsonNode rollback = json.get("lastRollback");
        Rollback last = rollback == null || rollback.isNull()
                ? null
                : new Rollback(
                        text(rollback.get("from")),
                        text(rollback.get("to")),
                        text(rollback.get("reason")),
                        rollback.path("at").asLong());
        return new AgentStatus(
                json.path("name").asText(),
                text(serving.get("primary")),
                text(serving.get("canary")),
                serving.path("canaryPercent").asInt(),
                versions,
                last);
    }

    /**
     * The state of one version.
     *
     * @param version the version
     * @return its state, or null when the agent does not hold it
     */
    public VersionState version(int version) {
        String wanted = Integer.toString(version);
        return versions.stream()
                .filter(v -> v.version().equals(wanted))
                .findFirst()
                .orElse(null);
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
