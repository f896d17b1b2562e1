package io.mlops.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.error.UserError;
import io.mlops.onnx.ElementType;
import io.mlops.onnx.NdArray;
import io.mlops.onnx.NpzWriter;
import io.mlops.onnx.TestModels;
import io.mlops.registry.FileSource;
import io.mlops.registry.ModelCardFields;
import io.mlops.registry.ModelVersion;
import io.mlops.registry.VersionStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deployment bundles built from real ONNX models. */
class BundleBuilderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    @Test
    void shouldPackTheModelItsCardASampleOfZerosAndReferenceBins() throws IOException {
        Path model = TestModels.linear(
                directory.resolve("m.onnx"), 17, new float[] {1, 2, 3, 4, 5, 6}, 3, new float[] {0, 1});

        Bundle bundle =
                new BundleBuilder(BundleSources.none()).build(version(model), model, directory.resolve("b.zip"));

        Map<String, byte[]> entries = unzip(bundle.zip());
        assertThat(entries.keySet())
                .containsExactly("model.onnx", "model-card.json", "reference-stats.json", "sample-input.json");
        assertThat(entries.get("model.onnx")).isEqualTo(Files.readAllBytes(model));
        JsonNode sample = JSON.readTree(entries.get("sample-input.json"));
        assertThat(sample.toString())
                .isEqualTo("{\"inputs\":[{\"name\":\"x\",\"shape\":[1,3],\"datatype\":\"FP32\",\"data\":[0,0,0]}]}");
        assertThat(JSON.readTree(entries.get("reference-stats.json")).toString())
                .isEqualTo("{\"x\":{\"edges\":[0.0,0.0],\"fractions\":[1.0]}}");
        JsonNode card = JSON.readTree(entries.get("model-card.json"));
        assertThat(card.get("model").asText()).isEqualTo("persons");
        assertThat(card.get("version").asInt()).isEqualTo(4);
        assertThat(card.get("sha256").asText()).isEqualTo(FileSource.sha256(model));
        assertThat(card.get("inputs").asText()).isEqualTo("x: float32[batch,3]");
        assertThat(card.get("metrics").get("accuracy").asDouble()).isEqualTo(0.93);
    }

    @Test
    void shouldRefuseAModelFileWhoseHashDiffersFromTheRegistrys() throws IOException {
        Path model = TestModels.linear(directory.resolve("m.onnx"), 17, new float[] {1, 2}, 2, new float[] {0});
        ModelVersion registered = version(model);
        String registeredHash = registered.source().sha256();
        TestModels.linear(model, 17, new float[] {9, 9}, 2, new float[] {0});
        String nowHash = FileSource.sha256(model);

        assertThatThrownBy(() ->
                        new BundleBuilder(BundleSources.none()).build(registered, model, directory.resolve("b.zip")))
                .isInstanceOf(UserError.class)
                .hasMessageContaining(nowHash)
                .hasMessageContaining(registeredHash)
                .hasMessageContaining("persons v4");
    }

    @Test
    void shouldTakeTheUsersSampleReferenceAndPreprocessing() throws IOException {
        Path model = TestModels.linear(directory.resolve("m.onnx"), 17, new float[] {1, 2}, 2, new float[] {0});
        Path sample = Files.writeString(
                directory.resolve("sample.json"),
                "{\"inputs\":[{\"name\":\"x\",\"shape\":[1,2],\"datatype\":\"FP32\",\"data\":[[0.5,1.5]]}]}");
        Path reference = directory.resolve("reference.npy");
        double[] values = new double[40];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        NpzWriter.writeNpy(reference, NdArray.of(ElementType.FLOAT32, new long[] {20, 2}, values));
        Path preprocessing = Files.writeString(directory.resolve("pre.json"), "{\"scale\":0.0039}");

        Bundle bundle = new BundleBuilder(new BundleSources(preprocessing, sample, reference))
                .build(version(model), model, directory.resolve("b.zip"));

        Map<String, byte[]> entries = unzip(bundle.zip());
        assertThat(bundle.entries())
                .containsExactly(
                        "model.onnx",
                        "model-card.json",
                        "preprocessing.json",
                        "reference-stats.json",
                        "sample-input.json");
        assertThat(entries.get("preprocessing.json")).isEqualTo(Files.readAllBytes(preprocessing));
        assertThat(JSON.readTree(entries.get("sample-input.json"))).isEqualTo(JSON.readTree(sample.toFile()));
        JsonNode bins = JSON.readTree(entries.get("reference-stats.json")).get("x");
        assertThat(bins.get("edges")).hasSize(11);
        assertThat(bins.get("edges").get(0).asDouble()).isZero();
        assertThat(bins.get("edges").get(10).asDouble()).isEqualTo(39.0);
        assertThat(bins.get("fractions").get(0).asDouble()).isEqualTo(0.1);
    }

    @Test
    void shouldAskForASampleWhenAnInnerDimensionIsSymbolic() throws IOException {
        Path model = TestModels.linear(directory.resolve("m.onnx"), 17, new float[] {1, 2}, 2, new float[] {0});
        var symbolic = new io.mlops.onnx.TensorSpec("tokens", "int64", List.of("batch", "sequence"));

        assertThatThrownBy(() -> SampleInput.fromSignature(List.of(symbolic)))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("'tokens'")
                .hasMessageContaining("--sample-input");
        assertThat(model).exists();
    }

    @Test
    void shouldRejectASampleInputThatIsNoV2Request() throws IOException {
        Path model = TestModels.linear(directory.resolve("m.onnx"), 17, new float[] {1, 2}, 2, new float[] {0});
        Path wrongCount = Files.writeString(
                directory.resolve("sample.json"),
                "{\"inputs\":[{\"name\":\"x\",\"shape\":[1,2],\"datatype\":\"FP32\",\"data\":[1]}]}");
        Path noInputs = Files.writeString(directory.resolve("other.json"), "{\"instances\":[[1,2]]}");

        assertThatThrownBy(() -> new BundleBuilder(new BundleSources(null, wrongCount, null))
                        .build(version(model), model, directory.resolve("b.zip")))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("sample.json")
                .hasMessageContaining("2 elements) but 1 data elements");
        assertThatThrownBy(() -> new BundleBuilder(new BundleSources(null, noInputs, null))
                        .build(version(model), model, directory.resolve("b.zip")))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("other.json is no V2 JSON infer request");
    }

    @Test
    void shouldRefuseAReferenceNpyForAModelWithSeveralInputs() {
        var inputs = List.of(
                new io.mlops.onnx.TensorSpec("a", "float32", List.of("1")),
                new io.mlops.onnx.TensorSpec("b", "float32", List.of("1")));

        assertThatThrownBy(() -> ReferenceStats.read(directory.resolve("r.npy"), inputs))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("the model has 2 inputs");
    }

    private static ModelVersion version(Path model) {
        return new ModelVersion(
                "persons",
                4,
                FileSource.of(model),
                null,
                List.of(),
                Map.of("accuracy", 0.93),
                new ModelCardFields("x: float32[batch,3]", "y: float32[batch,2]", 17),
                "",
                VersionStatus.READY,
                "alice",
                0L,
                List.of());
    }

    private static Map<String, byte[]> unzip(Path zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }
}
