package io.mlops.monitor;

import java.util.Objects;

/**
 * An alert that started or stopped firing on one endpoint: what the monitor announces, once, as
 * the registry's {@code AlertChanged} event.
 *
 * @param model the registered model
 * @param version the version the endpoint served in the latest sample
 * @param endpoint the deployment's endpoint
 * @param rule the rule's name
 * @param kind what the rule watches
 * @param firing true when it started firing, false when it resolved
 * @param value the value measured in the latest sample
 * @param limit the rule's limit
 * @param detail what was measured, for people (which input drifted); may be empty
 * @param minutes the rule's window, for the reason people read
 */
public record AlertChange(
        String model,
        int version,
        String endpoint,
        String rule,
        AlertKind kind,
        boolean firing,
        double value,
        double limit,
        String detail,
        int minutes) {
    /** Validates the change. */
    public AlertChange {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(kind, "kind");
        detail = detail == null ? "" : detail;
    }

    /**
     * Why the alert changed, in a sentence for the event's reason.
     *
     * @return e.g. {@code drift > 0.2 for 5 min on http://gpu-1:8000 (input x: 0.31)}
     */
    public String reason() {
        String measured = detail.isEmpty() ? String.valueOf(value) : detail + ": " + value;
        return kind.wireName() + (firing ? " > " : " back within ") + limit + (firing ? " for " + minutes + " min" : "")
                + " on " + endpoint + " (" + measured + ")";
    }
}
