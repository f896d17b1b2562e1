package io.mlops.agent.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.agent.serve.InferenceService;
import io.mlops.agent.serve.ModelVersion;
import io.mlops.agent.serve.ServedModel;
import io.mlops.agent.serve.ServedModels;
import io.mlops.agent.v2.SampleInputFile;
import io.mlops.protocol.bundle.BundleLayout;
import io.mlops.text.Html;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Response;

/**
 * A model's demo page, {@code /v2/models/{model}/demo}: plain HTML and JavaScript, no external
 * assets. It fills in the model's sample input, sends requests, and for an uploaded image resizes it
 * into the model's input and draws the boxes of detection-like outputs.
 */
final class DemoPage {
    private static final String TEMPLATE = template();

    private final InferenceService service;
    private final ServedModels models;

    DemoPage(InferenceService service, ServedModels models) {
        this.service = service;
        this.models = models;
    }

    private static String template() {
        try (InputStream in = DemoPage.class.getResourceAsStream("demo.html")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("demo.html is missing from the agent's jar", e);
        }
    }

    /**
     * Whether a path under {@code /v2} is a demo page or its sample.
     *
     * @param path the segments after {@code v2}
     * @return true for {@code models/M/demo} and {@code models/M/demo/sample}
     */
    boolean matches(List<String> path) {
        return path.size() >= 3
                && path.size() <= 4
                && path.get(0).equals("models")
                && path.get(2).equals("demo")
                && (path.size() == 3 || path.get(3).equals("sample"));
    }

    /**
     * Writes the page.
     *
     * @param response the response
     * @param model the model
     * @return true
     * @throws IOException when writing fails
     */
    boolean page(Response response, String model) throws IOException {
        models.get(model);
        String html = TEMPLATE.replace("{{MODEL}}", Html.escape(model));
        response.getHeaders()
                .put(
                        "Content-Security-Policy",
                        "default-src 'self'; script-src 'unsafe-inline';"
                                + " style-src 'unsafe-inline'; img-src 'self' blob: data:");
        Replies.bytes(response, 200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
        return true;
    }

    /**
     * Writes the serving version's sample input and preprocessing, as JSON.
     *
     * @param response the response
     * @param model the model
     * @return true
     * @throws IOException when writing fails
     */
    boolean sample(Response response, String model) throws IOException {
        service.metadata(model, null);
        ServedModel served = models.get(model);
        ModelVersion version = served.serving();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sample", version == null ? null : json(version.directory().resolve(SampleInputFile.NAME)));
        body.put(
                "preprocessing",
                version == null ? null : json(version.directory().resolve(BundleLayout.PREPROCESSING)));
        Replies.json(response, 200, body);
        return true;
    }

    private static JsonNode json(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return Replies.JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.getFileName(), e);
        }
    }
}
