package io.mlops.agent.labeling;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.agent.serve.Conflict;
import io.mlops.agent.serve.InferRequest;
import io.mlops.agent.serve.InferResponse;
import io.mlops.agent.serve.InferenceService;
import io.mlops.agent.serve.ModelVersion;
import io.mlops.agent.serve.ServedModels;
import io.mlops.error.UserError;
import io.mlops.image.DecodedImage;
import io.mlops.image.DetectionRows;
import io.mlops.image.ImageTransform;
import io.mlops.image.Preprocessing;
import io.mlops.json.Json;
import io.mlops.protocol.bundle.BundleLayout;
import io.mlops.protocol.reference.RowValues;
import io.mlops.protocol.v2.DataType;
import io.mlops.protocol.v2.Tensor;
import io.mlops.protocol.v2.TensorSpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a served detector on one image the way evaluation does (mlops-protocol's {@link
 * ImageTransform} with the version's {@code preprocessing.json}, and {@link DetectionRows} to read
 * the boxes back onto the image), through the agent's inference service, so that pre-annotations
 * count in the agent's metrics like any request. Class names come from the version's {@code
 * labels.txt}; the version reported is the registry's, from the bundle's {@code model-card.json}.
 */
public final class Detector {
    private final InferenceService service;
    private final ServedModels models;

    /**
     * Creates the detector runner.
     *
     * @param service the agent's inference service
     * @param models the served models
     */
    public Detector(InferenceService service, ServedModels models) {
        this.service = service;
        this.models = models;
    }

    /**
     * One box found.
     *
     * @param className the model's class name ({@code labels.txt}), or the class index as text
     * @param score the detection's score
     * @param x1 left edge in the image's pixels
     * @param y1 top edge
     * @param x2 right edge
     * @param y2 bottom edge
     */
    public record Box(String className, double score, double x1, double y1, double x2, double y2) {}

    /**
     * What the model found in one image.
     *
     * @param modelVersion the registry version of the model that answered
     * @param width the image's width in pixels
     * @param height the image's height in pixels
     * @param boxes the boxes above the score threshold, clamped to the image
     */
    public record Found(String modelVersion, int width, int height, List<Box> boxes) {
        /** Copies the boxes. */
        public Found {
            boxes = List.copyOf(boxes);
        }
    }

    /**
     * The registry version of the version serving a model.
     *
     * @param model the model
     * @return its registry version
     * @throws io.mlops.agent.serve.UnknownModel when the agent does not serve the model
     * @throws Conflict when no version of it is ready
     */
    public String modelVersion(String model) {
        return registryVersion(serving(model));
    }

    /**
     * Runs the model on an image.
     *
     * @param model the model
     * @param image the decoded image
     * @param threshold detections at or below this score are dropped (besides the preprocessing's own)
     * @return the boxes found
     */
    public Found detect(String model, DecodedImage image, double threshold) {
        ModelVersion version = serving(model);
        Preprocessing preprocessing = preprocessing(version);
        TensorSpec input = service.metadata(model, version.version()).inputs().get(0);
        boolean nchw = "NCHW".equals(preprocessing.layout());
        long[] shape = input.shape();
        if (shape.length != 4 || input.datatype() != DataType.FP32) {
            throw new UserError("model '" + model + "' takes " + input
                    + "; pre-annotation feeds one FP32 image tensor [batch, 3, height, width] (or NHWC)");
        }
        int[] size = ImageTransform.inputSize(preprocessing, nchw ? shape[2] : shape[1], nchw ? shape[3] : shape[2]);
        if (size == null) {
            throw new UserError("model '" + model + "' has no fixed input size; its preprocessing.json must give"
                    + " letterbox or resize [height, width]");
        }
        ImageTransform.Result placed = new ImageTransform(preprocessing, size[0], size[1]).apply(image);
        long[] inputShape = nchw ? new long[] {1, 3, size[0], size[1]} : new long[] {1, size[0], size[1], 3};
        ByteBuffer data = ByteBuffer.allocate(placed.values().length * 4).order(ByteOrder.LITTLE_ENDIAN);
        data.asFloatBuffer().put(placed.values());
        InferResponse response = service.infer(new InferRequest(
                model,
                version.version(),
                "",
                List.of(Tensor.of(input.name(), DataType.FP32, inputShape, data)),
                Set.of(),
                Map.of()));
        List<DetectionRows.Output> outputs = new ArrayList<>();
        for (Tensor t : response.outputs()) {
            if (RowValues.numeric(t.datatype())) {
                outputs.add(new DetectionRows.Output(
                        t.name(),
                        t.shape(),
                        switch (t.datatype()) {
                            case FP16, FP32, FP64, BF16 -> true;
                            default -> false;
                        },
                        RowValues.values(t),
                        t.datatype() + " " + java.util.Arrays.toString(t.shape())));
            }
        }
        DetectionRows rows = DetectionRows.of("model '" + model + "'", outputs, 1);
        List<String> labels = version.labels();
        double cut = Math.max(threshold, preprocessing.scoreThreshold());
        List<Box> boxes = new ArrayList<>();
        for (int d = 0; d < rows.perImage(); d++) {
            double[] row = rows.row(0, d);
            if (!finite(row) || row[4] <= cut || row[5] < 0) {
                continue;
            }
            double[] box = DetectionRows.originalBox(row, placed.geometry(), preprocessing);
            double x1 = clamp(box[0], image.width());
            double y1 = clamp(box[1], image.height());
            double x2 = clamp(box[2], image.width());
            double y2 = clamp(box[3], image.height());
            if (x2 <= x1 || y2 <= y1) {
                continue;
            }
            int index = (int) row[5];
            String name = index < labels.size() ? labels.get(index) : Integer.toString(index);
            boxes.add(new Box(name, row[4], x1, y1, x2, y2));
        }
        return new Found(registryVersion(version), image.width(), image.height(), boxes);
    }

    private ModelVersion serving(String model) {
        ModelVersion version = models.get(model).serving();
        if (version == null) {
            throw new Conflict("model '" + model + "' has no ready version to pre-annotate with");
        }
        return version;
    }

    private static Preprocessing preprocessing(ModelVersion version) {
        Path file = version.directory().resolve(BundleLayout.PREPROCESSING);
        if (!Files.isRegularFile(file)) {
            return Preprocessing.DEFAULTS;
        }
        try {
            return Preprocessing.read(file);
        } catch (UserError e) {
            // the message names the file's path, which no HTTP answer may carry
            throw new UserError(
                    "the " + BundleLayout.PREPROCESSING + " of " + version + " is not valid; the agent's"
                            + " log has the details",
                    e);
        }
    }

    private static String registryVersion(ModelVersion version) {
        Path card = version.directory().resolve(BundleLayout.MODEL_CARD);
        if (Files.isRegularFile(card)) {
            try {
                JsonNode node = Json.mapper().readTree(card.toFile()).path("version");
                if (node.isTextual() || node.isNumber()) {
                    return node.asText();
                }
            } catch (IOException e) {
                // a card that cannot be read names no version: the agent's own version number is the same
                // number when mlops deploy made the bundle
            }
        }
        return version.version();
    }

    private static boolean finite(double[] row) {
        for (double v : row) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private static double clamp(double v, int limit) {
        return Math.min(Math.max(v, 0), limit);
    }
}
