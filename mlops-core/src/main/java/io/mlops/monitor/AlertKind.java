package io.mlops.monitor;

import io.mlops.error.UserError;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What an alert rule watches in a deployment's health samples. */
public enum AlertKind {
    /** Input drift: the population stability index of the inputs (or of one named input). */
    DRIFT("drift"),
    /** The fraction of requests that failed, from 0 to 1. */
    ERROR_RATE("error_rate"),
    /** The 95th percentile latency in milliseconds. */
    LATENCY("latency");

    private final String wireName;

    AlertKind(String wireName) {
        this.wireName = wireName;
    }

    /**
     * The kind's name in rules, events, the CLI and the API.
     *
     * @return {@code drift}, {@code error_rate} or {@code latency}
     */
    public String wireName() {
        return wireName;
    }

    /**
     * Reads a kind by its name.
     *
     * @param text {@code drift}, {@code error_rate} or {@code latency} (any case)
     * @return the kind
     * @throws UserError naming the kinds there are
     */
    public static AlertKind parse(String text) {
        String name = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        for (AlertKind kind : values()) {
            if (kind.wireName.equals(name)) {
                return kind;
            }
        }
        throw new UserError("unknown alert kind '" + text + "': expected one of "
                + Arrays.stream(values()).map(AlertKind::wireName).collect(Collectors.joining(", ")));
    }
}
