package io.mlops.eval.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.eval.ReferenceMetrics;
import io.mlops.onnx.ElementType;
import io.mlops.onnx.NdArray;
import io.mlops.onnx.NpzWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our metrics against scikit-learn's on the same predictions, to 1e-9. */
class MetricEqualityTest {
    private static final double EXACT = 1e-9;

    @TempDir
    Path tmp;

    @Test
    void shouldEqualScikitLearnOnAMulticlassSetWithTiedScores() {
        checkClassification(4, 240, 11);
    }

    @Test
    void shouldEqualScikitLearnOnABinarySet() {
        checkClassification(2, 150, 12);
    }

    @Test
    void shouldEqualScikitLearnOnManyClasses() {
        checkClassification(7, 300, 13);
    }

    @Test
    void shouldGiveTheSameClassificationStateWhenShardedAndMerged() {
        Fixture f = fixture(5, 200, 21);
        ClassificationAccumulator whole = new ClassificationAccumulator(5, true);
        List<ClassificationAccumulator> shards = List.of(
                new ClassificationAccumulator(5, true),
                new ClassificationAccumulator(5, true),
                new ClassificationAccumulator(5, true));
        for (int i = 0; i < f.truth.length; i++) {
            whole.add(f.truth[i], f.scores[i]);
            shards.get(i % 3).add(f.truth[i], f.scores[i]);
        }

        ClassificationState merged = shards.get(0)
                .state()
                .merge(shards.get(1).state())
                .merge(shards.get(2).state());

        assertThat(merged).isEqualTo(whole.state());
        assertThat(ClassificationMetrics.of(merged, List.of()))
                .isEqualTo(ClassificationMetrics.of(whole.state(), List.of()));
    }

    @Test
    void shouldEqualScikitLearnOnRegression() {
        Random random = new Random(31);
        int n = 173;
        int outputs = 2;
        double[][] y = new double[n][outputs];
        double[][] pred = new double[n][outputs];
        double[] flatY = new double[n * outputs];
        double[] flatPred = new double[n * outputs];
        for (int i = 0; i < n; i++) {
            for (int o = 0; o < outputs; o++) {
                y[i][o] = random.nextGaussian() * 10 + 5 * o;
                pred[i][o] = y[i][o] + random.nextGaussian() * (1 + o);
                flatY[i * outputs + o] = y[i][o];
                flatPred[i * outputs + o] = pred[i][o];
            }
        }
        Path data = tmp.resolve("regression.npz");
        NpzWriter.write(
                data,
                Map.of(
                        "y_true", NdArray.of(ElementType.FLOAT64, new long[] {n, outputs}, flatY),
                        "y_pred", NdArray.of(ElementType.FLOAT64, new long[] {n, outputs}, flatPred)));
        RegressionState sharded = RegressionState.empty(outputs)
                .add(java.util.Arrays.copyOfRange(y, 0, 50), java.util.Arrays.copyOfRange(pred, 0, 50))
                .merge(RegressionState.empty(outputs)
                        .add(java.util.Arrays.copyOfRange(y, 50, n), java.util.Arrays.copyOfRange(pred, 50, n)));

        RegressionMetrics ours =
                RegressionMetrics.of(RegressionState.empty(outputs).add(y, pred));
        RegressionMetrics merged = RegressionMetrics.of(sharded);
        JsonNode reference = ReferenceMetrics.compute("regression", data);

        for (RegressionMetrics m : List.of(ours, merged)) {
            assertThat(m.mae()).isCloseTo(reference.get("mae").asDouble(), within(EXACT));
            assertThat(m.rmse()).isCloseTo(reference.get("rmse").asDouble(), within(EXACT));
            assertThat(m.r2()).isCloseTo(reference.get("r2").asDouble(), within(EXACT));
        }
        assertThat(ours.samples()).isEqualTo(n);
    }

    private void checkClassification(int classes, int n, long seed) {
        Fixture f = fixture(classes, n, seed);
        ClassificationAccumulator accumulator = new ClassificationAccumulator(classes, true);
        for (int i = 0; i < n; i++) {
            accumulator.add(f.truth[i], f.scores[i]);
        }
        Path data = tmp.resolve("classification.npz");
        double[] flat = new double[n * classes];
        double[] truth = new double[n];
        for (int i = 0; i < n; i++) {
            truth[i] = f.truth[i];
            for (int c = 0; c < classes; c++) {
                flat[i * classes + c] = f.scores[i][c];
            }
        }
        NpzWriter.write(
                data,
                Map.of(
                        "y_true", NdArray.of(ElementType.INT64, new long[] {n}, truth),
                        "scores", NdArray.of(ElementType.FLOAT32, new long[] {n, classes}, flat)));

        ClassificationMetrics ours = ClassificationMetrics.of(accumulator.state(), List.of());
        JsonNode reference = ReferenceMetrics.compute("classification", data);

        assertThat(ours.samples()).isEqualTo(n);
        assertThat(ours.accuracy()).isCloseTo(reference.get("accuracy").asDouble(), within(EXACT));
        assertThat(ours.macroF1()).isCloseTo(reference.get("macro_f1").asDouble(), within(EXACT));
        assertThat(ours.weightedF1()).isCloseTo(reference.get("weighted_f1").asDouble(), within(EXACT));
        assertThat(ours.rocAuc()).isCloseTo(reference.get("roc_auc").asDouble(), within(EXACT));
        assertThat(ours.topK()).hasSize(reference.get("top_k").size());
        ours.topK()
                .forEach((k, v) -> assertThat(v)
                        .as("top-" + k)
                        .isCloseTo(reference.get("top_k").get(k.toString()).asDouble(), within(EXACT)));
        for (int c = 0; c < classes; c++) {
            ClassMetrics m = ours.perClass().get(c);
            assertThat(m.precision())
                    .isCloseTo(reference.get("precision").get(c).asDouble(), within(EXACT));
            assertThat(m.recall()).isCloseTo(reference.get("recall").get(c).asDouble(), within(EXACT));
            assertThat(m.f1()).isCloseTo(reference.get("f1").get(c).asDouble(), within(EXACT));
            assertThat(m.support()).isEqualTo(reference.get("support").get(c).asLong());
            for (int j = 0; j < classes; j++) {
                assertThat(ours.confusion().get(c).get(j))
                        .isEqualTo(reference.get("confusion").get(c).get(j).asLong());
            }
        }
    }

    private record Fixture(int[] truth, float[][] scores) {}

    // Softmax of small integer logits: many scores tie, within rows and across rows, which is
    // where argmax, top-k and ROC implementations differ if they differ at all.
    private static Fixture fixture(int classes, int n, long seed) {
        Random random = new Random(seed);
        int[] truth = new int[n];
        float[][] scores = new float[n][classes];
        for (int i = 0; i < n; i++) {
            truth[i] = i < classes ? i : random.nextInt(classes);
            double[] logits = new double[classes];
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                logits[c] = random.nextInt(5) - 2 + (c == truth[i] ? random.nextInt(3) : 0);
                sum += Math.exp(logits[c]);
            }
            for (int c = 0; c < classes; c++) {
                scores[i][c] = (float) (Math.exp(logits[c]) / sum);
            }
        }
        return new Fixture(truth, scores);
    }
}
