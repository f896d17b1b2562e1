package io.mlops.agent.conformance;

import io.mlops.agent.conformance.Outcome.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Counts a backend's outcomes and writes them: a TSV of every test and a Markdown summary. */
final class ConformanceSummary {
    private final String backend;
    private final String runtime;
    private final List<Outcome> outcomes;

    ConformanceSummary(String backend, String runtime, List<Outcome> outcomes) {
        this.backend = backend;
        this.runtime = runtime;
        this.outcomes = List.copyOf(outcomes);
    }

    Map<Verdict, Integer> counts() {
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        for (Verdict verdict : Verdict.values()) {
            counts.put(verdict, 0);
        }
        outcomes.forEach(o -> counts.merge(o.verdict(), 1, Integer::sum));
        return counts;
    }

    List<String> passing() {
        return outcomes.stream()
                .filter(o -> o.verdict() == Verdict.PASS)
                .map(Outcome::test)
                .toList();
    }

    /** The test names that were expected to pass and did not, each with what happened. */
    List<String> regressions(List<String> expectedPass) {
        Map<String, Outcome> byName = new TreeMap<>();
        outcomes.forEach(o -> byName.put(o.test(), o));
        List<String> regressions = new ArrayList<>();
        for (String name : expectedPass) {
            Outcome outcome = byName.get(name);
            if (outcome == null) {
                regressions.add(name + ": not in the test data any more");
            } else if (outcome.verdict() != Verdict.PASS) {
                regressions.add(name + ": " + outcome.verdict() + " " + outcome.detail());
            }
        }
        return regressions;
    }

    /** A Markdown section: counts, then each failure and the most common reasons for unsupported. */
    String markdown() {
        Map<Verdict, Integer> counts = counts();
        StringBuilder out = new StringBuilder();
        out.append("## ").append(backend).append("\n\n");
        out.append("Runtime: ").append(runtime).append("\n\n");
        out.append("| pass | fail | unsupported | total |\n|---:|---:|---:|---:|\n");
        out.append("| ")
                .append(counts.get(Verdict.PASS))
                .append(" | ")
                .append(counts.get(Verdict.FAIL))
                .append(" | ")
                .append(counts.get(Verdict.UNSUPPORTED))
                .append(" | ")
                .append(outcomes.size())
                .append(" |\n\n");
        List<Outcome> failures =
                outcomes.stream().filter(o -> o.verdict() == Verdict.FAIL).toList();
        if (!failures.isEmpty()) {
            out.append("Failures (the runtime answered, the answer differs from ONNX's):\n\n");
            failures.forEach(o -> out.append("- `")
                    .append(o.test())
                    .append("`: ")
                    .append(o.detail().replace("|", "\\|"))
                    .append('\n'));
            out.append('\n');
        }
        return out.toString();
    }

    void writeTo(Path dir) {
        try {
            Files.createDirectories(dir);
            StringBuilder tsv = new StringBuilder("test\tverdict\tdetail\n");
            outcomes.forEach(o -> tsv.append(o.test())
                    .append('\t')
                    .append(o.verdict())
                    .append('\t')
                    .append(o.detail().replace('\t', ' ').replace('\n', ' '))
                    .append('\n'));
            Files.writeString(dir.resolve(backend + ".tsv"), tsv);
            Files.writeString(dir.resolve(backend + ".md"), markdown());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the conformance summary to " + dir, e);
        }
    }
}
