package io.mlops.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.error.UserError;
import io.mlops.eval.data.DataSpec;
import io.mlops.eval.gate.Gate;
import io.mlops.onnx.ElementType;
import io.mlops.onnx.NdArray;
import io.mlops.onnx.NpzWriter;
import io.mlops.onnx.SessionSettings;
import io.mlops.onnx.TestModels;
import io.mlops.progress.ProgressListener;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole evaluations with real ONNX Runtime sessions on models and data made here. */
class EvaluationTest {
    // rows are channels R, G, B; columns the classes blue, green, red (sorted folder names)
    private static final float[] BY_COLOR = {0, 0, 1, 0, 1, 0, 1, 0, 0};

    @TempDir
    Path tmp;

    private Path model;
    private Path images;

    @BeforeEach
    void setUp() {
        model = TestModels.imageClassifier(tmp.resolve("colors.onnx"), 8, 8, BY_COLOR, 3);
        images = tmp.resolve("images");
        Random random = new Random(3);
        String[] classes = {"blue", "green", "red"};
        int[] channel = {2, 1, 0};
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < 5; i++) {
                // mostly the class's color; one blue image leans green, so accuracy is 14/15
                int dominant = k == 0 && i == 4 ? 1 : channel[k];
                png(images.resolve(classes[k]).resolve("img" + i + ".png"), 12, 10, dominant, random);
            }
        }
    }

    @Test
    void shouldEvaluateAnImageFolderAndJudgeTheGates() {
        Evaluation.Outcome outcome =
                evaluate(request(List.of("accuracy >= 0.9", "macro_f1 > 0.99", "p95_latency_ms <= 10000")));

        EvaluationReport report = outcome.report();
        assertThat(report.samples()).isEqualTo(15);
        assertThat(report.metrics().get("accuracy")).isEqualTo(14.0 / 15);
        assertThat(report.classification().confusion().get(0)).containsExactly(4L, 1L, 0L);
        assertThat(report.classification().perClass())
                .extracting(m -> m.name())
                .containsExactly("blue", "green", "red");
        assertThat(report.verdict().results()).extracting(r -> r.passed()).containsExactly(true, false, true);
        assertThat(report.passed()).isFalse();
        assertThat(report.verdict().describe())
                .contains("FAIL macro_f1 = 0.93")
                .contains("FAILED: 1 of 3 gates do not hold");
        assertThat(report.latency().runs()).isEqualTo(4);
        assertThat(report.metrics())
                .containsKeys("p50_latency_ms", "p99_latency_ms", "throughput", "top2_accuracy", "roc_auc");
    }

    @Test
    void shouldWriteAnHtmlReportThatLoadsOnlyItsStylesheetAndAStateThatReadsBack() throws IOException {
        Evaluation.Outcome outcome = evaluate(request(List.of("accuracy >= 0.9")));
        Path dir = tmp.resolve("report");

        ReportFiles.write(dir, outcome.report(), outcome.state());

        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html)
                .contains("<svg", "Confusion matrix", "Verdict: <span class=\"pass\">PASSED", "accuracy &gt;= 0.9");
        assertThat(html).doesNotContain("http://", "https://", "src=");
        // The one link is the stylesheet written beside the page, which Jenkins' CSP (style-src 'self') allows.
        assertThat(html.split("href=", -1)).hasSize(2);
        assertThat(html).contains("<link rel=\"stylesheet\" href=\"report.css\">");
        assertThat(Files.readString(dir.resolve("report.css"))).contains(".pass{", ".shade-9{");
        JenkinsCspCheck.assertRendersUnderJenkinsCsp(dir);
        assertThat(Files.readString(dir.resolve("report.json"))).contains("\"accuracy\"");
        assertThat(ReportFiles.readState(dir)).isEqualTo(outcome.state());
    }

    @Test
    void shouldSendStateAndReportAcrossJavaSerializationAsJenkinsRemotingWill() throws Exception {
        Evaluation.Outcome outcome = evaluate(request(List.of("accuracy >= 0.9")));

        assertThat(roundTrip(outcome.state())).isEqualTo(outcome.state());
        assertThat(roundTrip(outcome.report())).isEqualTo(outcome.report());
    }

    private static Object roundTrip(java.io.Serializable value) throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (java.io.ObjectInputStream in =
                new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }

    @Test
    void shouldGiveTheSameMetricsWhenShardedAndMerged() {
        EvaluationReport whole = evaluate(request(List.of())).report();
        List<EvaluationState> shards = List.of(0, 1, 2).stream()
                .map(i -> ReportFiles.readState(written(evaluate(withShard(request(List.of()), new Shard(i, 3))))))
                .toList();

        EvaluationReport merged =
                Evaluation.merge(shards, List.of(Gate.parse("accuracy >= 0.9"))).report();

        assertThat(merged.classification()).isEqualTo(whole.classification());
        assertThat(merged.samples()).isEqualTo(15);
        assertThat(merged.latency().runs())
                .as("two runs of batch 4 per shard of 5")
                .isEqualTo(6);
        assertThat(merged.passed()).isTrue();
    }

    @Test
    void shouldRefuseToMergeWhenAShardIsMissing() {
        EvaluationState first =
                evaluate(withShard(request(List.of()), new Shard(0, 2))).state();

        assertThatThrownBy(() -> Evaluation.merge(List.of(first), List.of()))
                .isInstanceOf(UserError.class)
                .hasMessage("shards [1] of 2 are missing from the merge");
    }

    @Test
    void shouldNameACorruptImageOrSkipIt() throws IOException {
        Path corrupt = Files.writeString(images.resolve("red/broken.png"), "not a png at all");

        assertThatThrownBy(() -> evaluate(request(List.of())))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("cannot decode image " + corrupt)
                .hasMessageContaining("--on-error skip");
        EvaluationReport skipped =
                evaluate(withOnError(request(List.of()), OnError.SKIP)).report();
        assertThat(skipped.samples()).isEqualTo(15);
        assertThat(skipped.skipped()).singleElement().asString().startsWith(corrupt + ": cannot decode image");
    }

    @Test
    void shouldRejectAnEmptyEvaluationSet() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty/cats"));

        assertThatThrownBy(() -> evaluate(EvaluationRequest.builder()
                        .model(model)
                        .data(DataSpec.parse(empty.getParent().toString()))
                        .task(Task.CLASSIFICATION)
                        .batch(4)
                        .gates(List.of())
                        .session(SessionSettings.defaults())
                        .workers(2)
                        .build()))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("is empty: no samples to evaluate");
    }

    @Test
    void shouldReportNaNOutputsAndFailTheVerdict() {
        Path nan = TestModels.selfDivision(tmp.resolve("nan.onnx"), 2);
        Path data = tmp.resolve("values.npz");
        NpzWriter.write(
                data,
                java.util.Map.of(
                        "x", NdArray.of(ElementType.FLOAT32, new long[] {4, 2}, new double[] {1, 2, 0, 3, 4, 5, 6, 7}),
                        "y",
                                NdArray.of(ElementType.FLOAT32, new long[] {4, 2}, new double[] {1, 1, 1, 1, 1, 1, 1, 1
                                })));

        EvaluationReport report = evaluate(EvaluationRequest.builder()
                        .model(nan)
                        .data(DataSpec.parse(data.toString()))
                        .task(Task.REGRESSION)
                        .batch(2)
                        .gates(List.of(Gate.parse("mae <= 0.5")))
                        .session(SessionSettings.defaults())
                        .workers(1)
                        .build())
                .report();

        assertThat(report.nonFinite()).isEqualTo(1);
        assertThat(report.nonFiniteExamples()).containsExactly(data + " row 1");
        assertThat(report.samples()).isEqualTo(3);
        assertThat(report.metrics().get("mae")).isZero();
        assertThat(report.passed())
                .as("NaN outputs fail the verdict even when every gate holds")
                .isFalse();
        assertThat(report.verdict().describe()).contains("FAIL nonfinite_outputs = 1");
    }

    @Test
    void shouldNameInputExpectedAndActualWhenTheShapeDoesNotFit() throws IOException {
        Path linear = TestModels.linear(tmp.resolve("linear.onnx"), 17, new float[12], 4, new float[] {0, 0, 0});
        Path csv = Files.writeString(tmp.resolve("table.csv"), "a,b,c,d,e,label\n1,2,3,4,5,0\n1,2,3,4,5,1\n");

        assertThatThrownBy(() -> evaluate(EvaluationRequest.builder()
                        .model(linear)
                        .data(DataSpec.parse(csv.toString()))
                        .task(Task.CLASSIFICATION)
                        .batch(8)
                        .gates(List.of())
                        .session(SessionSettings.defaults())
                        .workers(1)
                        .build()))
                .isInstanceOf(UserError.class)
                .hasMessage("input 'x' of " + linear + " expects float32 [batch, 4], the data gives float32 [2, 5]");
    }

    @Test
    void shouldNameInputExpectedAndActualWhenTheTypeDoesNotFit() {
        Path ints = TestModels.int64Input(tmp.resolve("ids.onnx"), 3);
        Path data = tmp.resolve("floats.npz");
        NpzWriter.write(
                data,
                java.util.Map.of(
                        "x", NdArray.of(ElementType.FLOAT64, new long[] {2, 3}, new double[] {1, 2, 3, 4, 5, 6}),
                        "y", NdArray.of(ElementType.FLOAT64, new long[] {2, 3}, new double[] {1, 2, 3, 4, 5, 6})));

        assertThatThrownBy(() -> evaluate(EvaluationRequest.builder()
                        .model(ints)
                        .data(DataSpec.parse(data.toString()))
                        .task(Task.REGRESSION)
                        .batch(8)
                        .gates(List.of())
                        .session(SessionSettings.defaults())
                        .workers(1)
                        .build()))
                .isInstanceOf(UserError.class)
                .hasMessage("input 'ids' of " + ints + " expects int64 [batch, 3], the data gives float64 [2, 3]");
    }

    @Test
    void shouldCompareWithABaselineModel() {
        // a baseline that confuses blue and green: the new model is better by far
        Path worse =
                TestModels.imageClassifier(tmp.resolve("worse.onnx"), 8, 8, new float[] {0, 0, 1, 1, 0, 0, 0, 1, 0}, 3);

        EvaluationReport report = evaluate(withBaseline(
                        request(List.of("accuracy >= baseline + 0.2", "accuracy >= baseline - 0.01")),
                        worse.toString()))
                .report();

        assertThat(report.baselineMetrics().get("accuracy"))
                .isLessThan(report.metrics().get("accuracy") - 0.2);
        assertThat(report.verdict().results().get(0).threshold())
                .isEqualTo(report.baselineMetrics().get("accuracy") + 0.2);
        assertThat(report.passed()).isTrue();
    }

    @Test
    void shouldExplainThatAliasesNeedTheRegistry() {
        assertThatThrownBy(() -> evaluate(withBaseline(request(List.of()), "production")))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("baseline 'production' is no model file")
                .hasMessageContaining("needs the model registry, which is not available");
    }

    @Test
    void shouldNotPassABaselineGateWithoutABaseline() {
        assertThatThrownBy(() -> evaluate(request(List.of("accuracy >= baseline"))))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("compares with the baseline: give --baseline");
    }

    private Evaluation.Outcome evaluate(EvaluationRequest request) {
        return new Evaluation(BaselineResolver.withoutRegistry()).evaluate(request, ProgressListener.NONE);
    }

    private Path written(Evaluation.Outcome outcome) {
        Path dir = tmp.resolve("shard-" + outcome.state().shards().get(0));
        ReportFiles.write(dir, outcome.report(), outcome.state());
        return dir.resolve(ReportFiles.STATE);
    }

    private EvaluationRequest request(List<String> gates) {
        return EvaluationRequest.builder()
                .model(model)
                .data(DataSpec.parse(images.toString()))
                .task(Task.CLASSIFICATION)
                .batch(4)
                .gates(gates.stream().map(Gate::parse).toList())
                .session(SessionSettings.defaults())
                .workers(2)
                .build();
    }

    private static EvaluationRequest withShard(EvaluationRequest r, Shard shard) {
        return r.toBuilder().shard(shard).build();
    }

    private static EvaluationRequest withOnError(EvaluationRequest r, OnError onError) {
        return r.toBuilder().onError(onError).build();
    }

    private static EvaluationRequest withBaseline(EvaluationRequest r, String baseline) {
        return r.toBuilder().baseline(baseline).build();
    }

    static void png(Path file, int width, int height, int dominant, Random random) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int[] rgb = {random.nextInt(80), random.nextInt(80), random.nextInt(80)};
                rgb[dominant] = 150 + random.nextInt(100);
                image.setRGB(x, y, rgb[0] << 16 | rgb[1] << 8 | rgb[2]);
            }
        }
        try {
            Files.createDirectories(file.getParent());
            ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
