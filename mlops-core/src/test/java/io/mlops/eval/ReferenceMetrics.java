package io.mlops.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.testing.Peers;
import io.mlops.testing.Processes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs python/reference_metrics.py (scikit-learn, pycocotools) in the test venv. */
public final class ReferenceMetrics {
    private ReferenceMetrics() {}

    /**
     * The reference values for a fixture.
     *
     * @param kind {@code classification}, {@code regression} or {@code coco}
     * @param files the fixture files
     * @return the script's JSON
     */
    public static JsonNode compute(String kind, Path... files) {
        List<String> command = new ArrayList<>(List.of(
                Peers.program("python").toString(),
                Peers.repositoryRoot().resolve("python/reference_metrics.py").toString(),
                kind));
        for (Path file : files) {
            command.add(file.toString());
        }
        Processes.Result run = Processes.run(files[0].getParent(), command);
        assertThat(run.exitCode()).as(run.output()).isZero();
        try {
            String[] lines = run.output().strip().split("\n");
            return new ObjectMapper().readTree(lines[lines.length - 1]);
        } catch (IOException e) {
            throw new IllegalStateException(run.output(), e);
        }
    }
}
