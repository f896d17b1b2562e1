package io.mlops.agent.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.agent.metrics.PrometheusText;
import io.mlops.error.UserError;
import io.mlops.protocol.reference.InputReference;
import io.mlops.protocol.reference.ReferenceStats;
import io.mlops.protocol.v2.DataType;
import io.mlops.protocol.v2.Tensor;
import io.mlops.stats.Bins;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriftMonitorTest {
    @TempDir
    Path dir;

    private final Random random = new Random(11);

    /** {@code rows} rows of {@code perRow} values drawn around {@code mean}. */
    private Tensor gaussian(String name, long[] shape, double mean) {
        int elements = Math.toIntExact(Tensor.elementCount(name, shape));
        ByteBuffer data = ByteBuffer.allocate(4 * elements).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < elements; i++) {
            data.putFloat((float) (mean + random.nextGaussian()));
        }
        data.flip();
        return Tensor.of(name, DataType.FP32, shape, data);
    }

    @Test
    void shouldSummariseImagesByRowMeanAndTablesPerFeature() {
        ReferenceStats stats = ReferenceStats.fromSample(
                List.of(gaussian("image", new long[] {500, 3, 4, 4}, 0), gaussian("table", new long[] {500, 3}, 0)),
                10);

        assertThat(stats.inputs().get("image").perFeature()).isFalse();
        assertThat(stats.inputs().get("image").rowMean().fractions()).hasSize(10);
        assertThat(stats.inputs().get("table").features()).hasSize(3);
    }

    @Test
    void shouldWriteAndReadTheBundleFile() throws Exception {
        ReferenceStats stats = ReferenceStats.fromSample(
                List.of(gaussian("image", new long[] {200, 8, 8}, 0), gaussian("table", new long[] {200, 2}, 0)), 5);
        Path file = dir.resolve(ReferenceStats.FILE);

        stats.write(file);
        ReferenceStats read = ReferenceStats.read(file);

        assertThat(read).isEqualTo(stats);
        assertThat(Files.readString(file)).contains("\"edges\"", "\"fractions\"", "\"features\"");
    }

    @Test
    void shouldRejectABadReferenceFileNamingTheFileAndInput() throws Exception {
        Path file = dir.resolve(ReferenceStats.FILE);
        Files.writeString(file, "{\"x\":{\"edges\":[0,1,2],\"fractions\":[0.5]}}");
        assertThatThrownBy(() -> ReferenceStats.read(file))
                .isInstanceOf(UserError.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("input 'x'")
                .hasMessageContaining("need 2 fractions");
        Files.writeString(file, "{\"x\":{\"edges\":[0,\"a\"],\"fractions\":[1]}}");
        assertThatThrownBy(() -> ReferenceStats.read(file)).hasMessageContaining("'edges'[1] is \"a\", not a number");
        Files.writeString(file, "[1,2]");
        assertThatThrownBy(() -> ReferenceStats.read(file)).hasMessageContaining("expected an object of inputs");
        Files.writeString(file, "{\"x\":{\"features\":[]}}");
        assertThatThrownBy(() -> ReferenceStats.read(file)).hasMessageContaining("non-empty array");
        Files.writeString(file, "{not json");
        assertThatThrownBy(() -> ReferenceStats.read(file)).hasMessageContaining("not readable JSON");
    }

    @Test
    void shouldSeeNoDriftOnTheSameDistributionAndDriftOnAShiftedOne() {
        ReferenceStats stats = ReferenceStats.fromSample(
                List.of(gaussian("image", new long[] {2000, 16}, 0), gaussian("table", new long[] {2000, 2}, 0)), 10);
        DriftMonitor same = new DriftMonitor(stats, 1000);
        DriftMonitor shifted = new DriftMonitor(stats, 1000);

        for (int batch = 0; batch < 30; batch++) {
            same.inputs(List.of(gaussian("image", new long[] {50, 16}, 0), gaussian("table", new long[] {50, 2}, 0)));
            shifted.inputs(
                    List.of(gaussian("image", new long[] {50, 16}, 1), gaussian("table", new long[] {50, 2}, 0)));
        }

        Map<String, DriftReading> calm = same.readings();
        Map<String, DriftReading> moved = shifted.readings();
        assertThat(calm.get("image").window()).isEqualTo(1000);
        assertThat(calm.get("image").psi()).isLessThan(0.05);
        assertThat(calm.get("table").features()).hasSize(2).allMatch(psi -> psi < 0.05);
        assertThat(moved.get("image").psi()).isGreaterThan(1.0);
        assertThat(moved.get("table").psi()).isLessThan(0.05);
    }

    @Test
    void shouldExposeReadingsAsGaugesAndAsTheStatusDriftField() {
        ReferenceStats stats = new ReferenceStats(Map.of(
                "x", new InputReference(new Bins(new double[] {0, 1, 2}, new double[] {0.5, 0.5}), List.of())));
        DriftMonitor monitor = new DriftMonitor(stats, 100);
        InputDrift drift = new InputDrift();
        drift.watch("persons", "3", monitor);
        assertThat(drift.status("persons")).isEmpty();

        monitor.inputs(List.of(FloatRows.of("x", 0.5f, 0.5f, 0.5f, 1.5f)));
        StringBuilder text = new StringBuilder();
        drift.writeTo(new PrometheusText(text));

        double expected = (0.75 - 0.5) * Math.log(0.75 / 0.5) + (0.25 - 0.5) * Math.log(0.25 / 0.5);
        Map<String, Object> x = drift.status("persons").get("x");
        assertThat((double) x.get("psi")).isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(x).containsEntry("window", 4).containsEntry("version", "3");
        assertThat(text.toString())
                .contains("mlops_agent_input_psi{model=\"persons\",version=\"3\",input=\"x\"} "
                        + PrometheusText.number(expected));
        drift.forget("persons", "3");
        assertThat(drift.status("persons")).isEmpty();
    }

    /** Single-value rows, shape [n, 1]. */
    private static final class FloatRows {
        static Tensor of(String name, float... values) {
            ByteBuffer data = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : values) {
                data.putFloat(v);
            }
            data.flip();
            return Tensor.of(name, DataType.FP32, new long[] {values.length, 1}, data);
        }
    }
}
