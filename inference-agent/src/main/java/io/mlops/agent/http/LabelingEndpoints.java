package io.mlops.agent.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.agent.labeling.CvatDetections;
import io.mlops.agent.labeling.Detector;
import io.mlops.agent.labeling.LabelStudioAccess;
import io.mlops.agent.labeling.LabelStudioImages;
import io.mlops.agent.labeling.LabelStudioPrediction;
import io.mlops.agent.labeling.LabelingConfig;
import io.mlops.error.UserError;
import io.mlops.image.DecodedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * Pre-annotation with a served detector, one URL per model so that one agent serves several:
 *
 * <ul>
 *   <li>{@code /label-studio/{model}/}: Label Studio's ML backend protocol as the label-studio-ml SDK
 *       answers it: {@code GET /health} (and {@code GET /}), {@code POST /setup} ({@code
 *       model_version}), {@code POST /predict} (one {@code rectanglelabels} prediction per task, task
 *       images downloaded from the configured Label Studio server), {@code GET /versions};
 *   <li>{@code /cvat/{model}}: CVAT's detector function contract: {@code {"image": base64, "threshold"}}
 *       in, {@code [{"confidence", "label", "points", "type": "rectangle"}]} out.
 * </ul>
 */
final class LabelingEndpoints {
    /** CVAT's detector functions' default score threshold. */
    private static final double CVAT_THRESHOLD = 0.5;

    /** The data key of tasks Label Studio makes from uploaded files (its {@code DATA_UNDEFINED_NAME}). */
    private static final String UNDEFINED_DATA_KEY = "$undefined$";

    private final Detector detector;
    private final LabelStudioImages images;
    private final long maxBodyBytes;

    /**
     * Creates the endpoints.
     *
     * @param detector runs the served detectors
     * @param images downloads task images from Label Studio, or null when no Label Studio is configured
     * @param maxBodyBytes the largest request body (CVAT's carries the image)
     */
    LabelingEndpoints(Detector detector, LabelStudioImages images, long maxBodyBytes) {
        this.detector = detector;
        this.images = images;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * Whether a path is one of these endpoints.
     *
     * @param path the path's segments
     * @return true under {@code label-studio/{model}} or {@code cvat/{model}}
     */
    static boolean matches(List<String> path) {
        return path.size() >= 2
                && ((path.get(0).equals("label-studio") && path.size() <= 3)
                        || (path.get(0).equals("cvat") && path.size() == 2));
    }

    /**
     * Whether a path is a health check (open like {@code /v2/health}: probes carry no token).
     *
     * @param path the path's segments
     * @return true for the Label Studio backend's health
     */
    static boolean isHealth(List<String> path) {
        return path.get(0).equals("label-studio")
                && (path.size() == 2 || path.get(2).equals("health"));
    }

    boolean handle(Request request, Response response, List<String> path) throws IOException {
        String model = path.get(1);
        if (path.get(0).equals("cvat")) {
            require(request, HttpMethod.POST, "the CVAT function");
            Replies.json(response, 200, cvat(model, body(request)));
            return true;
        }
        String action = path.size() == 2 ? "health" : path.get(2);
        switch (action) {
            case "health" -> {
                require(request, HttpMethod.GET, "health");
                Map<String, Object> health = new LinkedHashMap<>();
                health.put("status", "UP");
                health.put("model_class", "inference-agent/" + model);
                health.put("model_version", detector.modelVersion(model));
                Replies.json(response, 200, health);
            }
            case "setup" -> {
                require(request, HttpMethod.POST, "setup");
                JsonNode body = body(request);
                LabelingConfig.parse(text(body, "schema"));
                Replies.json(response, 200, Map.of("model_version", detector.modelVersion(model)));
            }
            case "predict" -> {
                require(request, HttpMethod.POST, "predict");
                Replies.json(response, 200, predict(model, body(request)));
            }
            case "versions" -> {
                require(request, HttpMethod.GET, "versions");
                Replies.json(response, 200, Map.of("versions", List.of(detector.modelVersion(model))));
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private Map<String, Object> predict(String model, JsonNode body) {
        String version = detector.modelVersion(model); // an unknown model is refused before any download
        LabelingConfig config = LabelingConfig.parse(text(body, "label_config"));
        JsonNode tasks = body.path("tasks");
        if (!tasks.isArray() || tasks.isEmpty()) {
            throw new UserError("the predict request carries no tasks (a non-empty list 'tasks')");
        }
        if (images == null) {
            throw new HttpFailure(
                    503,
                    "this agent has no Label Studio server to download task images from; start it with"
                            + " --label-studio-url and --label-studio-token-file");
        }
        List<Object> results = new ArrayList<>();
        for (JsonNode task : tasks) {
            String what = "the image of task " + task.path("id").asText("?");
            JsonNode reference = task.path("data").path(config.dataKey());
            if (reference.isMissingNode()) {
                // an uploaded file's task: Label Studio gives this key to the config's only data key
                reference = task.path("data").path(UNDEFINED_DATA_KEY);
            }
            if (!reference.isTextual() || reference.asText().isBlank()) {
                throw new UserError("task " + task.path("id").asText("?") + " has no image URL in data."
                        + config.dataKey() + " (the labeling config's Image takes $" + config.dataKey() + ")");
            }
            byte[] bytes = images.download(reference.asText(), what);
            DecodedImage image =
                    DecodedImage.decode(bytes, what, images.access().maxPixels());
            results.add(LabelStudioPrediction.of(detector.detect(model, image, 0), config));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("results", results);
        answer.put("model_version", version);
        return answer;
    }

    private List<Map<String, Object>> cvat(String model, JsonNode body) {
        detector.modelVersion(model);
        JsonNode encoded = body.path("image");
        if (!encoded.isTextual() || encoded.asText().isEmpty()) {
            throw new UserError("the CVAT request carries no image: expected {\"image\": \"<base64>\"}");
        }
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(encoded.asText());
        } catch (IllegalArgumentException e) {
            throw new UserError("the CVAT request's image is not base64: " + e.getMessage());
        }
        double threshold = CVAT_THRESHOLD;
        JsonNode given = body.path("threshold");
        if (!given.isMissingNode() && !given.isNull()) {
            try {
                threshold = given.isNumber() ? given.asDouble() : Double.parseDouble(given.asText());
            } catch (NumberFormatException e) {
                throw new UserError("the CVAT request's threshold must be a number, not " + given);
            }
        }
        DecodedImage image =
                DecodedImage.decode(bytes, "the CVAT request's image", LabelStudioAccess.DEFAULT_MAX_PIXELS);
        return CvatDetections.of(detector.detect(model, image, threshold));
    }

    private JsonNode body(Request request) throws IOException {
        byte[] bytes = RequestBodies.read(request, maxBodyBytes);
        try {
            JsonNode body = Replies.JSON.readTree(bytes);
            if (body == null || !body.isObject()) {
                throw new UserError("the request body must be a JSON object");
            }
            return body;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UserError("the request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body.path(field);
        return node.isTextual() ? node.asText() : null;
    }

    private static void require(Request request, HttpMethod method, String what) {
        if (!method.is(request.getMethod())) {
            throw new HttpFailure(405, what + " answers " + method + " only");
        }
    }
}
