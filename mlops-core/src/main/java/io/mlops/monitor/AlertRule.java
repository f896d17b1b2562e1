package io.mlops.monitor;

import io.mlops.error.UserError;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An alert rule on a model's deployments: it fires on an endpoint when the watched value has stayed
 * above the limit for {@code minutes} (every health sample since it rose, the first at least that
 * old), and resolves when a sample of the last {@code minutes} is back within the limit.
 *
 * @param model the registered model the rule watches
 * @param name the rule's name, unique per model (letters, digits, {@code _ . -})
 * @param kind what it watches
 * @param limit the value that must be exceeded: a PSI, an error fraction (0 to 1), or milliseconds
 * @param minutes how long the value must stay above the limit, 1 or more
 * @param input for a drift rule, the one input watched; null watches the largest PSI of any input
 */
public record AlertRule(String model, String name, AlertKind kind, double limit, int minutes, String input) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,100}");

    /** Validates the rule; every refusal names the field and the value. */
    public AlertRule {
        if (model == null || model.isBlank()) {
            throw new UserError("an alert rule needs a model");
        }
        if (name == null || !NAME.matcher(name).matches()) {
            throw new UserError("alert rule name '" + name + "' must be 1 to 100 letters, digits, '_', '.' or '-'");
        }
        Objects.requireNonNull(kind, "kind");
        if (Double.isNaN(limit) || Double.isInfinite(limit) || limit < 0) {
            throw new UserError("alert rule '" + name + "': the limit must be a number of 0 or more, not " + limit);
        }
        if (kind == AlertKind.ERROR_RATE && limit > 1) {
            throw new UserError(
                    "alert rule '" + name + "': an error_rate limit is a fraction from 0 to 1, not " + limit);
        }
        if (minutes < 1) {
            throw new UserError("alert rule '" + name + "': 'for' must be at least 1 minute, not " + minutes);
        }
        if (input != null && input.isBlank()) {
            input = null;
        }
        if (input != null && kind != AlertKind.DRIFT) {
            throw new UserError("alert rule '" + name + "': only a drift rule watches a named input");
        }
    }

    /**
     * What the rule measures in one sample.
     *
     * @param sample a health reading of one endpoint
     * @return the value (NaN when the sample does not have it: no requests, no drift reported) and,
     *     for drift, which input it is
     */
    public Reading read(HealthSample sample) {
        return switch (kind) {
            case ERROR_RATE -> new Reading(sample.errorRate(), "");
            case LATENCY -> new Reading(sample.p95Ms(), "");
            case DRIFT -> input != null ? drift(sample.inputPsi(), input) : largestDrift(sample.inputPsi());
        };
    }

    private static Reading drift(Map<String, Double> psi, String input) {
        Double value = psi.get(input);
        return new Reading(value == null ? Double.NaN : value, "input " + input);
    }

    private static Reading largestDrift(Map<String, Double> psi) {
        String worst = null;
        double most = Double.NaN;
        for (Map.Entry<String, Double> entry : psi.entrySet()) {
            double value = entry.getValue();
            if (!Double.isNaN(value)
                    && (worst == null
                            || value > most
                            || (value == most && entry.getKey().compareTo(worst) < 0))) {
                worst = entry.getKey();
                most = value;
            }
        }
        return new Reading(most, worst == null ? "" : "input " + worst);
    }

    /**
     * Whether a measured value breaks the rule.
     *
     * @param value a value {@link #read} gave, not NaN
     * @return true when it exceeds the limit
     */
    public boolean exceeded(double value) {
        return value > limit;
    }

    /**
     * One measured value of a sample.
     *
     * @param value the value, NaN when the sample lacks it
     * @param detail what was measured, for people (which input drifted); may be empty
     */
    public record Reading(double value, String detail) {
        /** Validates the reading. */
        public Reading {
            Objects.requireNonNull(detail, "detail");
        }

        /**
         * Whether the sample had the value.
         *
         * @return false for NaN
         */
        public boolean present() {
            return !Double.isNaN(value);
        }
    }
}
