package io.mlops.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.error.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCardTest {
    @TempDir
    Path tmp;

    @Test
    void shouldDescribeSignatureOpsetsParametersAndSize() throws IOException {
        Path model = TestModels.linear(
                tmp.resolve("linear.onnx"), 17, new float[] {1, 2, 3, 4, 5, 6}, 2, new float[] {1, 2, 3});

        ModelCard card = ModelCard.read(model);

        assertThat(card.inputs()).containsExactly(new TensorSpec("x", "float32", java.util.List.of("batch", "2")));
        assertThat(card.outputs()).containsExactly(new TensorSpec("y", "float32", java.util.List.of("batch", "3")));
        assertThat(card.opsets()).containsExactly(new Opset("", 17));
        assertThat(card.opsets().get(0).domain()).isEqualTo("ai.onnx");
        assertThat(card.parameterCount()).isEqualTo(6 + 3);
        assertThat(card.fileSize()).isEqualTo(Files.size(model));
        assertThat(card.producer()).isEqualTo("mlops-tests 1");
        assertThat(card.loads()).isTrue();
        assertThat(card.runtime()).isEqualTo(RuntimeSupport.version());
        assertThat(card.describe()).contains("input      x: float32 [batch, 2]", "parameters 9");
    }

    @Test
    void shouldRejectAFileThatIsNotOnnx() throws IOException {
        Path text = Files.writeString(tmp.resolve("model.onnx"), "this is a text file, not a model");
        Path empty = Files.write(tmp.resolve("empty.onnx"), new byte[0]);

        assertThatThrownBy(() -> ModelCard.read(text))
                .isInstanceOf(UserError.class)
                .hasMessageStartingWith(text + " is not an ONNX model: ");
        assertThatThrownBy(() -> ModelCard.read(empty))
                .isInstanceOf(UserError.class)
                .hasMessage(empty + " is not an ONNX model: it has no IR version, graph or opset import");
        assertThatThrownBy(() -> ModelCard.read(tmp.resolve("missing.onnx")))
                .isInstanceOf(UserError.class)
                .hasMessage("no such model file: " + tmp.resolve("missing.onnx"));
    }

    @Test
    void shouldRejectAnOpsetTheRuntimeDoesNotSupport() {
        Path future = TestModels.linear(
                tmp.resolve("future.onnx"), RuntimeSupport.MAX_OPSET + 1, new float[] {1, 2}, 2, new float[] {1});
        Path ancient = TestModels.linear(tmp.resolve("ancient.onnx"), 5, new float[] {1, 2}, 2, new float[] {1});

        assertThatThrownBy(() -> ModelCard.read(future))
                .isInstanceOf(UserError.class)
                .hasMessage(future + " imports opset " + (RuntimeSupport.MAX_OPSET + 1)
                        + " of domain ai.onnx, which ONNX Runtime "
                        + RuntimeSupport.version() + " does not support (supported: 7 to " + RuntimeSupport.MAX_OPSET
                        + "); convert again with --opset in that range");
        assertThatThrownBy(() -> ModelCard.read(ancient))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("opset 5 ");
    }

    @Test
    void shouldLoadTheNewestSupportedOpset() {
        Path newest = TestModels.linear(
                tmp.resolve("newest.onnx"), RuntimeSupport.MAX_OPSET, new float[] {1, 2}, 2, new float[] {1});

        assertThat(ModelCard.read(newest).loads()).isTrue();
    }

    @Test
    void shouldRunOnArraysAndCheckTheirSignature() {
        Path model =
                TestModels.linear(tmp.resolve("linear.onnx"), 17, new float[] {1, 2, 3, 4}, 2, new float[] {10, 20});
        try (ModelSession session = ModelSession.open(model, SessionSettings.defaults())) {
            NdArray x = NdArray.of(ElementType.FLOAT32, new long[] {1, 2}, new double[] {1, 1});

            assertThat(session.run(Map.of("x", x)).get("y").numbers()).containsExactly(14, 26);
            assertThatThrownBy(() -> session.run(
                            Map.of("x", NdArray.of(ElementType.FLOAT64, new long[] {1, 2}, new double[] {1, 1}))))
                    .isInstanceOf(UserError.class)
                    .hasMessage("input 'x' of " + model + " expects float32 [batch, 2], the data gives float64 [1, 2]");
            assertThatThrownBy(() -> session.run(Map.of()))
                    .isInstanceOf(UserError.class)
                    .hasMessageContaining("no data for input 'x'");
        }
    }

    @Test
    void shouldWriteAnOptimizedModelThatStillLoads() {
        Path model =
                TestModels.linear(tmp.resolve("linear.onnx"), 17, new float[] {1, 2, 3, 4}, 2, new float[] {10, 20});
        Path optimized = tmp.resolve("optimized.onnx");

        GraphOptimizer.optimize(model, Optimization.EXTENDED, optimized);

        assertThat(ModelCard.read(optimized).loads()).isTrue();
    }
}
