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
    private static final ObjectMapper JSON = io.mlops.json.Json.mapper();

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
                .isEqualTo(
                        "{\"inputs\":[{\"name\":\"x\",\"shape\":[1,3],\"datatype\":\"FP32\",\"data\":[0.0,0.0,0.0]}]}");
        // Tabular [1, 3] zeros: per feature, each a constant, one bin of width 1 around 0.
        String constant = "{\"edges\":[-0.5,0.5],\"fractions\":[1.0]}";
        assertThat(JSON.readTree(entries.get("reference-stats.json")).toString())
                .isEqualTo("{\"x\":{\"features\":[" + constant + "," + constant + "," + constant + "]}}");
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
        // A [20, 2] table of 0..39: feature 0 holds the even numbers, feature 1 the odd ones.
        JsonNode features =
                JSON.readTree(entries.get("reference-stats.json")).get("x").get("features");
        assertThat(features).hasSize(2);
        assertThat(features.get(0).get("edges")).hasSize(11);
        assertThat(features.get(0).get("edges").get(0).asDouble()).isZero();
        assertThat(features.get(0).get("edges").get(10).asDouble()).isEqualTo(38.0);
        assertThat(features.get(1).get("edges").get(0).asDouble()).isEqualTo(1.0);
        assertThat(features.get(0).get("fractions").get(0).asDouble()).isEqualTo(0.1);
    }

    @Test
    void shouldTakeEveryDynamicDimensionAsOneInTheZeroSample() {
        var symbolic = new io.mlops.onnx.TensorSpec("tokens", "int64", List.of("batch", "sequence", "2"));

        JsonNode sample = SampleInput.fromSignature(List.of(symbolic));

        assertThat(sample.get("inputs").get(0).get("shape").toString()).isEqualTo("[1,1,2]");
        assertThat(sample.get("inputs").get(0).get("datatype").asText()).isEqualTo("INT64");
        assertThat(sample.get("inputs").get(0).get("data").toString()).isEqualTo("[0,0]");
    }

    @Test
    void shouldAskForASampleWhenTheZeroSampleWouldBeHuge() {
        var huge = new io.mlops.onnx.TensorSpec("image", "float32", List.of("batch", "3", "4096", "4096"));

        assertThatThrownBy(() -> SampleInput.fromSignature(List.of(huge)))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("'image'")
                .hasMessageContaining("--sample-input");
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
                .hasMessageContaining("input 'x': 1 values of data do not match shape [1, 2], which holds 2");
        assertThatThrownBy(() -> new BundleBuilder(new BundleSources(null, noInputs, null))
                        .build(version(model), model, directory.resolve("b.zip")))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("other.json is no V2 JSON infer request");
    }

    @Test
    void shouldBinWideInputsByTheMeanOfEachRow() throws IOException {
        // Four rows of 100 values (an image-like input): row r holds r everywhere.
        StringBuilder data = new StringBuilder();
        for (int r = 0; r < 4; r++) {
            for (int i = 0; i < 100; i++) {
                data.append(data.isEmpty() ? "" : ",").append(r);
            }
        }
        JsonNode request = JSON.readTree("{\"inputs\":[{\"name\":\"image\",\"shape\":[4,1,10,10],"
                + "\"datatype\":\"FP32\",\"data\":[" + data + "]},{\"name\":\"tag\",\"shape\":[1],"
                + "\"datatype\":\"BYTES\",\"data\":[\"x\"]}]}");

        JsonNode stats = JSON.readTree(ReferenceData.of(request, "request.json").toJson());

        assertThat(stats.has("tag")).isFalse();
        assertThat(stats.get("image").get("edges").get(0).asDouble()).isZero();
        assertThat(stats.get("image")
                        .get("edges")
                        .get(stats.get("image").get("edges").size() - 1)
                        .asDouble())
                .isEqualTo(3.0);
        double sum = 0;
        for (JsonNode fraction : stats.get("image").get("fractions")) {
            sum += fraction.asDouble();
        }
        assertThat(sum).isEqualTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void shouldRefuseReferenceDataWithNothingFiniteToBin() throws IOException {
        JsonNode request =
                JSON.readTree("{\"inputs\":[{\"name\":\"x\",\"shape\":[1,1],\"datatype\":\"FP32\",\"data\":[NaN]}]}");

        assertThatThrownBy(() -> ReferenceData.of(request, "ref.json"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("reference data ref.json, input 'x'")
                .hasMessageContaining("finite");
    }

    @Test
    void shouldRefuseAReferenceNpyForAModelWithSeveralInputs() {
        var inputs = List.of(
                new io.mlops.onnx.TensorSpec("a", "float32", List.of("1")),
                new io.mlops.onnx.TensorSpec("b", "float32", List.of("1")));

        assertThatThrownBy(() -> ReferenceData.read(directory.resolve("r.npy"), inputs))
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
