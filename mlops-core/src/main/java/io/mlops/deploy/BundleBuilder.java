package io.mlops.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlops.error.UserError;
import io.mlops.onnx.OnnxModelFile;
import io.mlops.protocol.bundle.BundleLayout;
import io.mlops.protocol.reference.ReferenceStats;
import io.mlops.registry.FileSource;
import io.mlops.registry.ModelVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Packs a model version into the bundle the agent's admin API takes: {@code model.onnx} (checked
 * against the hash the registry holds), {@code model-card.json}, {@code preprocessing.json} when
 * given, {@code reference-stats.json} and {@code sample-input.json}.
 */
public final class BundleBuilder {
    private final BundleSources sources;

    /**
     * Creates a builder.
     *
     * @param sources the files the user adds
     */
    public BundleBuilder(BundleSources sources) {
        this.sources = sources;
    }

    /**
     * Builds the bundle of a version.
     *
     * @param version the registry's version
     * @param modelFile its model file on this machine
     * @param zip where to write the bundle
     * @return the bundle
     * @throws UserError when the file's hash differs from the registry's, the model is no ONNX
     *     file, or a user-given file is unreadable or malformed
     */
    public Bundle build(ModelVersion version, Path modelFile, Path zip) {
        // Hash before parsing: a changed file must be reported as changed, whatever it now holds.
        String actual = FileSource.sha256(modelFile);
        String expected = version.source().sha256();
        if (!actual.equals(expected)) {
            throw new UserError("the model file " + modelFile + " of " + version.model() + " v" + version.version()
                    + " has SHA-256 " + actual + ", but the registry recorded " + expected
                    + "; refusing to deploy bytes that are not the registered version");
        }
        OnnxModelFile model = OnnxModelFile.read(modelFile);
        ObjectNode sample = sources.sampleInput() != null
                ? SampleInput.read(sources.sampleInput())
                : SampleInput.fromSignature(model.inputs());
        ReferenceStats reference = sources.reference() != null
                ? ReferenceData.read(sources.reference(), model.inputs())
                : ReferenceData.of(sample, "the sample input");
        List<String> entries = new ArrayList<>();
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            add(out, entries, BundleLayout.MODEL, modelFile);
            addJson(out, entries, BundleLayout.MODEL_CARD, card(version, model));
            if (sources.preprocessing() != null) {
                requireJson(sources.preprocessing());
                add(out, entries, BundleLayout.PREPROCESSING, sources.preprocessing());
            }
            addBytes(
                    out,
                    entries,
                    BundleLayout.REFERENCE_STATS,
                    reference.toJson().getBytes(StandardCharsets.UTF_8));
            addJson(out, entries, BundleLayout.SAMPLE_INPUT, sample);
        } catch (IOException e) {
            throw new UserError("cannot write the deployment bundle " + zip + ": " + e.getMessage(), e);
        }
        return new Bundle(zip, entries, sample);
    }

    private static ObjectNode card(ModelVersion version, OnnxModelFile model) {
        ObjectNode card = V2Json.MAPPER.createObjectNode();
        card.put("model", version.model());
        card.put("version", version.version());
        card.put("sha256", version.source().sha256());
        card.put("source", version.source().uri());
        card.put("runId", version.runId());
        card.put("inputs", version.card().inputs());
        card.put("outputs", version.card().outputs());
        card.put("opset", version.card().opset());
        card.put("producer", model.producer());
        ObjectNode metrics = card.putObject("metrics");
        version.metrics().entrySet().stream()
                .sorted(java.util.Map.Entry.comparingByKey())
                .forEach(m -> metrics.put(m.getKey(), m.getValue()));
        return card;
    }

    private static void requireJson(Path file) {
        if (!V2Json.readFile(file, "preprocessing").isObject()) {
            throw new UserError("the preprocessing file " + file + " must hold a JSON object");
        }
    }

    private static void add(ZipOutputStream out, List<String> entries, String name, Path file) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        Files.copy(file, out);
        out.closeEntry();
        entries.add(name);
    }

    private static void addJson(ZipOutputStream out, List<String> entries, String name, JsonNode json)
            throws IOException {
        addBytes(out, entries, name, V2Json.MAPPER.writeValueAsBytes(json));
    }

    private static void addBytes(ZipOutputStream out, List<String> entries, String name, byte[] bytes)
            throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(bytes);
        out.closeEntry();
        entries.add(name);
    }
}
