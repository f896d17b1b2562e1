package io.mlops.onnx.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mlops.error.UserError;
import io.mlops.onnx.ModelCard;
import io.mlops.onnx.Opset;
import io.mlops.onnx.Optimization;
import io.mlops.progress.ProgressListener;
import io.mlops.testing.Peers;
import io.mlops.testing.Processes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real converters in the test venv, proven with ONNX Runtime Java. */
class ConversionTest {
    @TempDir
    Path tmp;

    @Test
    void shouldConvertAScikitLearnPipelineAndProveItEqual() {
        makeModels("sklearn");

        ConversionResult result =
                convert("sklearn", tmp.resolve("classifier.pkl"), Optimization.NONE, Tolerance.DEFAULT);

        ModelCard card = result.card();
        assertThat(result.proof().equal()).isTrue();
        assertThat(result.proof().comparisons())
                .extracting(OutputComparison::output)
                .containsExactly("label", "probabilities");
        assertThat(result.proof().comparisons().get(1).elements())
                .as("8 generated rows x 3 classes")
                .isEqualTo(8 * 3);
        assertThat(result.converter()).startsWith("skl2onnx ");
        assertThat(card.inputs()).hasSize(1);
        assertThat(card.inputs().get(0).type()).isEqualTo("float32");
        assertThat(card.inputs().get(0).dims().get(1)).isEqualTo("5");
        assertThat(card.inputs().get(0).fixedDim(0))
                .as("the batch dimension stays symbolic")
                .isEqualTo(-1);
        assertThat(card.opsets()).extracting(Opset::domain).contains("ai.onnx", "ai.onnx.ml");
        assertThat(card.parameterCount()).isPositive();
        assertThat(card.loads()).isTrue();
        assertThat(card.fileSize()).isEqualTo(size(tmp.resolve("model.onnx")));
        assertThat(leftovers()).as("the work directory is removed").isEmpty();
        assertThat(serializedAndBack(result))
                .as("results cross Jenkins remoting")
                .isEqualTo(result);
    }

    private static Object serializedAndBack(java.io.Serializable value) {
        try {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
                out.writeObject(value);
            }
            try (java.io.ObjectInputStream in =
                    new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
                return in.readObject();
            }
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldSaveTheOptimizedModelAndProveItEqualToo() {
        makeModels("sklearn");

        ConversionResult result =
                convert("sklearn", tmp.resolve("regressor.pkl"), Optimization.EXTENDED, Tolerance.DEFAULT);

        assertThat(result.proof().equal()).isTrue();
        assertThat(result.optimization()).isEqualTo(Optimization.EXTENDED);
        assertThat(result.optimizedProof()).isNotNull();
        assertThat(result.optimizedProof().equal()).isTrue();
        assertThat(result.card().loads()).isTrue();
    }

    @Test
    void shouldFailNamingTheWorstElementAndWriteNothingWhenOutputsDiffer() {
        makeModels("sklearn");

        // make_models.py plants a coefficient float32 cannot hold: ONNX answers 0 where scikit-learn answers k / 2
        assertThatThrownBy(() -> new Conversion()
                        .convert(
                                request(
                                        "sklearn",
                                        tmp.resolve("mismatch.pkl"),
                                        tmp.resolve("mismatch.npy"),
                                        Optimization.NONE,
                                        new Tolerance(1e-6, 1e-6),
                                        python()),
                                ProgressListener.NONE))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("output 'variable' differs in")
                .hasMessageMatching("(?s).*worst at \\[3, 0\\]: source 4(\\.0)?, onnx 0(\\.0)? .*");
        assertThat(tmp.resolve("model.onnx")).doesNotExist();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void shouldConvertXgboost() {
        makeModels("xgboost");

        ConversionResult result = convert("xgboost", tmp.resolve("model.json"), Optimization.NONE, Tolerance.DEFAULT);

        assertThat(result.proof().equal()).isTrue();
        assertThat(result.converter()).startsWith("onnxmltools ");
        assertThat(result.frameworkVersion()).startsWith("xgboost ");
    }

    @Test
    void shouldConvertLightgbm() {
        makeModels("lightgbm");

        ConversionResult result = convert("lightgbm", tmp.resolve("model.txt"), Optimization.NONE, Tolerance.DEFAULT);

        assertThat(result.proof().equal()).isTrue();
        assertThat(result.frameworkVersion()).startsWith("lightgbm ");
    }

    @Test
    void shouldConvertTensorflowSavedModelsAndKerasFiles() {
        makeModels("tensorflow");

        ConversionResult saved = convert("tensorflow", tmp.resolve("saved_model"), Optimization.ALL, Tolerance.DEFAULT);
        ConversionResult keras =
                convert("tensorflow", tmp.resolve("model.keras"), Optimization.NONE, Tolerance.DEFAULT);

        assertThat(saved.proof().equal()).isTrue();
        assertThat(saved.optimizedProof().equal()).isTrue();
        assertThat(keras.proof().equal()).isTrue();
        assertThat(keras.converter()).startsWith("tf2onnx ");
        assertThat(keras.card().outputs().get(0).dims()).hasSize(2).last().isEqualTo("3");
    }

    @Test
    void shouldProveWithTheGivenSampleInput() throws IOException {
        makeModels("sklearn");

        ConversionResult result = new Conversion()
                .convert(
                        request(
                                "sklearn",
                                tmp.resolve("classifier.pkl"),
                                tmp.resolve("sample.npy"),
                                Optimization.NONE,
                                Tolerance.DEFAULT,
                                python()),
                        ProgressListener.NONE);

        assertThat(result.proof().comparisons().get(0).elements()).isEqualTo(16);
    }

    @Test
    void shouldNameThePipPackageWhenTheFrameworkIsMissing() {
        Path python = python();
        assumeTrue(
                Processes.run(tmp, List.of(python.toString(), "-c", "import torch"))
                                .exitCode()
                        != 0,
                "torch is installed in the test venv; this test needs an environment without it");
        Path model = write("model.pt", "not used: the import fails first");
        Path sample = write("sample.npy", "not used either");

        assertThatThrownBy(() -> new Conversion()
                        .convert(
                                request("pytorch", model, sample, Optimization.NONE, Tolerance.DEFAULT, python),
                                ProgressListener.NONE))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("needs the Python module 'torch'")
                .hasMessageContaining("-m pip install torch`");
    }

    @Test
    void shouldNameThePipPackageInAnEnvironmentWithoutAnything() {
        Path empty = tmp.resolve("empty-venv");
        var created = Processes.run(tmp, List.of("python3", "-m", "venv", "--without-pip", empty.toString()));
        assumeTrue(created.exitCode() == 0, "python3 -m venv is not available: " + created.output());
        Path model = write("model.pkl", "unused");

        assertThatThrownBy(() -> new Conversion()
                        .convert(
                                request(
                                        "sklearn",
                                        model,
                                        null,
                                        Optimization.NONE,
                                        Tolerance.DEFAULT,
                                        empty.resolve("bin/python")),
                                ProgressListener.NONE))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("needs the Python module 'numpy'")
                .hasMessageContaining("pip install numpy");
    }

    @Test
    void shouldRequireASampleInputForPytorch() {
        Path model = write("model.pt", "x");

        assertThatThrownBy(() -> new Conversion()
                        .convert(
                                request(
                                        "pytorch",
                                        model,
                                        null,
                                        Optimization.NONE,
                                        Tolerance.DEFAULT,
                                        tmp.resolve("python")),
                                ProgressListener.NONE))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("give --sample-input FILE");
    }

    @Test
    void shouldShowTheConverterErrorOutputWhenConversionFails() {
        Path model = write("broken.pkl", "this is no pickle");

        assertThatThrownBy(() -> convert("sklearn", model, Optimization.NONE, Tolerance.DEFAULT))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("converting " + model + " with sklearn failed (exit 1); the converter said:")
                .hasMessageContaining("Traceback");
    }

    @Test
    void shouldExplainAMissingPythonInterpreter() {
        Path model = write("m.pkl", "x");

        assertThatThrownBy(() -> new Conversion()
                        .convert(
                                request(
                                        "sklearn",
                                        model,
                                        null,
                                        Optimization.NONE,
                                        Tolerance.DEFAULT,
                                        tmp.resolve("no-python")),
                                ProgressListener.NONE))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("cannot run Python '" + tmp.resolve("no-python") + "'")
                .hasMessageContaining("--python PATH");
    }

    @Test
    void shouldRejectAnUnknownFramework() {
        assertThatThrownBy(() -> Converter.of("caffe"))
                .isInstanceOf(UserError.class)
                .hasMessage("unknown framework 'caffe': use one of [sklearn, pytorch, tensorflow, xgboost, lightgbm]");
    }

    private ConversionResult convert(String framework, Path model, Optimization optimization, Tolerance tolerance) {
        return new Conversion()
                .convert(request(framework, model, null, optimization, tolerance, python()), ProgressListener.NONE);
    }

    private ConversionRequest request(
            String framework, Path model, Path sample, Optimization optimization, Tolerance tolerance, Path python) {
        return new ConversionRequest(
                Converter.of(framework),
                model,
                tmp.resolve("model.onnx"),
                0,
                sample,
                python,
                null,
                tolerance,
                Map.of(),
                optimization);
    }

    private static Path python() {
        return Peers.program("python");
    }

    private void makeModels(String framework) {
        Path script = tmp.resolve("make_models.py");
        try (InputStream in = ConversionTest.class.getResourceAsStream("make_models.py")) {
            Files.copy(in, script);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        var run = Processes.run(tmp, List.of(python().toString(), script.toString(), framework, tmp.toString()));
        assertThat(run.exitCode()).as(run.output()).isZero();
    }

    private Path write(String name, String content) {
        try {
            return Files.writeString(tmp.resolve(name), content);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Path> leftovers() {
        try (var files = Files.list(tmp)) {
            return files.filter(p -> p.getFileName().toString().startsWith(".mlops-convert-"))
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
