package io.mlops.eval;

import io.mlops.eval.gate.GateResult;
import io.mlops.eval.gate.Verdict;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The comment a pull request (or merge request) gets about the model it trains, as CML writes one:
 * the verdict, the candidate's metrics against production's with the differences, every gate, and a
 * chart written beside the comment. Markdown as GitHub and GitLab render it (tables are the GFM
 * extension both support).
 *
 * <p>A first run has no production version to compare with: that is no error, the comment says so and
 * names the gates that compare with production and were therefore skipped.
 *
 * @param candidate the candidate's evaluation
 * @param production the version in production, or null when there is none yet
 * @param noProduction why there is none (e.g. {@code model 'persons' has no alias 'production' yet}),
 *     or null when there is one
 * @param productionGates the gates checked against production here (empty when none were given)
 * @param skippedGates the expressions of gates that compare with production, skipped for want of it
 * @param chart the chart's file name, relative to the comment, or null for none
 */
public record PullRequestComment(
        EvaluationSummary candidate,
        Production production,
        String noProduction,
        Verdict productionGates,
        List<String> skippedGates,
        String chart) {
    /**
     * The version a candidate is compared with.
     *
     * @param name how the comment names it, e.g. {@code persons v3 (production)}
     * @param metrics its recorded metrics; empty when it was registered without any
     */
    public record Production(String name, Map<String, Double> metrics) {
        /** Copies the metrics. */
        public Production {
            Objects.requireNonNull(name, "name");
            metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        }
    }

    /** Checks that exactly one of production and the reason for its absence is given. */
    public PullRequestComment {
        Objects.requireNonNull(candidate, "candidate");
        if ((production == null) == (noProduction == null)) {
            throw new IllegalArgumentException("give either production or why there is none");
        }
        Objects.requireNonNull(productionGates, "productionGates");
        skippedGates = List.copyOf(skippedGates);
    }

    /**
     * Every gate: the evaluation's, then those checked against production here.
     *
     * @return the results in that order
     */
    public List<GateResult> gates() {
        List<GateResult> all = new ArrayList<>(candidate.verdict().results());
        all.addAll(productionGates.results());
        return all;
    }

    /**
     * Whether every gate holds.
     *
     * @return true when passed (and when there are no gates)
     */
    public boolean passed() {
        return gates().stream().allMatch(GateResult::passed);
    }

    /**
     * The metrics compared.
     *
     * @return the comparison; without production, the candidate's metrics alone
     */
    public MetricComparison comparison() {
        return MetricComparison.of(candidate.metrics(), production == null ? null : production.metrics());
    }

    /**
     * Renders the comment.
     *
     * @return Markdown
     */
    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("## Model report: ").append(code(candidate.model())).append("\n\n");
        List<GateResult> gates = gates();
        long failed = gates.stream().filter(g -> !g.passed()).count();
        md.append("**Verdict: ");
        if (gates.isEmpty()) {
            md.append("no gates**");
        } else if (failed == 0) {
            md.append("PASSED** (all ").append(gates.size()).append(" gates hold)");
        } else {
            md.append("FAILED** (")
                    .append(failed)
                    .append(" of ")
                    .append(gates.size())
                    .append(gates.size() == 1 ? " gate does" : " gates do")
                    .append(" not hold)");
        }
        md.append("\n\n")
                .append(escape(candidate.task()))
                .append(" on ")
                .append(code(candidate.data()))
                .append(", ")
                .append(candidate.samples())
                .append(" samples.\n\n");
        if (production == null) {
            md.append("> **No production baseline yet:** ")
                    .append(escape(noProduction))
                    .append(". This is the first run: the candidate's metrics are shown alone");
            if (!skippedGates.isEmpty()) {
                md.append(", and the gates that compare with production were skipped: ")
                        .append(String.join(
                                ", ",
                                skippedGates.stream()
                                        .map(PullRequestComment::code)
                                        .toList()));
            }
            md.append(".\n\n");
        } else {
            md.append("Compared with ").append(escape(production.name())).append(".\n\n");
            if (production.metrics().isEmpty()) {
                md.append("> Production was registered without metrics (`mlops registry register --metrics`), so"
                        + " there is nothing to compare with.\n\n");
            }
        }
        metrics(md);
        if (!gates.isEmpty()) {
            md.append("### Gates\n\n| result | gate | value | threshold |\n|---|---|---:|---:|\n");
            for (GateResult gate : gates) {
                md.append("| ")
                        .append(gate.passed() ? "PASS" : "**FAIL**")
                        .append(" | ")
                        .append(code(gate.gate()))
                        .append(" | ")
                        .append(number(gate.value()))
                        .append(" | ")
                        .append(escape(gate.comparison()))
                        .append(' ')
                        .append(number(gate.threshold()))
                        .append(" |\n");
            }
            md.append('\n');
        }
        if (chart != null) {
            md.append("### Chart\n\n![")
                    .append(production == null ? "candidate metrics" : "candidate and production metrics")
                    .append("](")
                    .append(chart.replace(" ", "%20").replace("(", "%28").replace(")", "%29"))
                    .append(")\n");
        }
        return md.toString();
    }

    private void metrics(StringBuilder md) {
        MetricComparison comparison = comparison();
        md.append("### Metrics\n\n");
        if (production == null) {
            md.append("| metric | candidate |\n|---|---:|\n");
            for (MetricComparison.Row row : comparison.rows()) {
                md.append("| ")
                        .append(escape(row.metric()))
                        .append(" | ")
                        .append(number(row.candidate()))
                        .append(" |\n");
            }
        } else {
            md.append("| metric | candidate | production | delta |\n|---|---:|---:|---:|\n");
            for (MetricComparison.Row row : comparison.rows()) {
                Double delta = row.delta();
                md.append("| ")
                        .append(escape(row.metric()))
                        .append(" | ")
                        .append(number(row.candidate()))
                        .append(" | ")
                        .append(number(row.production()))
                        .append(" | ")
                        .append(delta == null ? "" : (delta > 0 ? "+" : "") + number(delta))
                        .append(" |\n");
            }
        }
        md.append('\n');
    }

    /**
     * A number as the comment prints it: whole numbers as such, four significant digits below 1000,
     * one decimal above; empty for none.
     *
     * @param value the value, or null
     * @return the text
     */
    static String number(Double value) {
        if (value == null) {
            return "";
        }
        if (value.isNaN() || value.isInfinite()) {
            return value.toString();
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString(value.longValue()); // counts: 120 samples, not 120.0
        }
        if (Math.abs(value) >= 1000) {
            return String.format(Locale.ROOT, "%.1f", value); // 22103.5 samples/s, not 2.210e+04
        }
        return new BigDecimal(value)
                .round(new MathContext(4))
                .stripTrailingZeros()
                .toPlainString();
    }

    // Markdown punctuation that could start emphasis, a link, HTML or end a table cell.
    static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if ("\\`*_[]<>|#!~&".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c == '\n' || c == '\r' ? ' ' : c);
        }
        return out.toString();
    }

    // Inline code that survives backticks and pipes inside it (GFM splits table cells on a bare |).
    static String code(String text) {
        String flat = text.replace('\n', ' ').replace('\r', ' ').replace("|", "\\|");
        String fence = flat.contains("`") ? "`` " : "`";
        String close = flat.contains("`") ? " ``" : "`";
        return fence + flat + close;
    }
}
