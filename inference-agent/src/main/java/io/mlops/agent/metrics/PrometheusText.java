package io.mlops.agent.metrics;

import java.math.BigDecimal;
import java.util.List;

/**
 * Writes the Prometheus text exposition format, version 0.0.4: a {@code # HELP} and a
 * {@code # TYPE} line per family, then one line per sample, label values escaped as the format
 * requires (backslash, double quote and line feed).
 */
public final class PrometheusText {
    /** The media type of the format, for the {@code Content-Type} header. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final StringBuilder out;

    /**
     * Writes into a buffer.
     *
     * @param out where the text goes
     */
    public PrometheusText(StringBuilder out) {
        this.out = out;
    }

    /**
     * Starts a metric family.
     *
     * @param name the family's name, e.g. {@code mlops_agent_requests_total}
     * @param type {@code counter}, {@code gauge} or {@code histogram}
     * @param help what it measures, one line
     */
    public void family(String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ');
        for (int i = 0; i < help.length(); i++) {
            char c = help.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        out.append('\n').append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    /**
     * Writes one sample.
     *
     * @param name the sample's name (the family's, or with {@code _bucket}, {@code _sum}, {@code _count})
     * @param labelNames the label names
     * @param labelValues their values, in the same order
     * @param value the value
     */
    public void sample(String name, List<String> labelNames, List<String> labelValues, double value) {
        out.append(name);
        if (!labelNames.isEmpty()) {
            out.append('{');
            for (int i = 0; i < labelNames.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(labelNames.get(i)).append("=\"");
                escapeLabelValue(labelValues.get(i));
                out.append('"');
            }
            out.append('}');
        }
        out.append(' ').append(number(value)).append('\n');
    }

    private void escapeLabelValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
    }

    /**
     * Formats a value as the format expects: integers without a fraction, {@code +Inf}, {@code -Inf}
     * and {@code NaN} spelled out, others in plain decimal notation.
     *
     * @param value the value
     * @return its text
     */
    public static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
