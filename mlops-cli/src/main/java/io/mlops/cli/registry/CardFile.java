package io.mlops.cli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.error.UserError;
import io.mlops.json.Json;
import io.mlops.registry.ModelCardFields;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the model card fields a version keeps (input and output signatures, opset) from the JSON
 * that {@code mlops --json convert card MODEL} prints, or from the whole result of
 * {@code mlops --json convert ...}, whose {@code card} holds the same.
 */
final class CardFile {
    private static final ObjectMapper JSON = Json.mapper();

    private CardFile() {}

    static ModelCardFields read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UserError("cannot read the model card " + file + ": " + e.getMessage(), e);
        }
        JsonNode card = root != null && root.has("card") && root.get("card").isObject() ? root.get("card") : root;
        if (card == null
                || !card.path("inputs").isArray()
                || !card.path("outputs").isArray()) {
            throw new UserError(file + " is no model card: expected the JSON of `mlops --json convert card MODEL`"
                    + " (with inputs, outputs and opsets) or of `mlops --json convert`");
        }
        return new ModelCardFields(signature(card.get("inputs")), signature(card.get("outputs")), opset(card));
    }

    // "images: float32 [N, 3, 640, 640]; mask: ..." as `mlops convert card` shows tensors.
    private static String signature(JsonNode tensors) {
        List<String> parts = new ArrayList<>();
        for (JsonNode tensor : tensors) {
            List<String> dims = new ArrayList<>();
            tensor.path("dims").forEach(dim -> dims.add(dim.asText()));
            parts.add(tensor.path("name").asText() + ": " + tensor.path("type").asText() + " ["
                    + String.join(", ", dims) + "]");
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    private static Integer opset(JsonNode card) {
        for (JsonNode opset : card.path("opsets")) {
            String domain = opset.path("domain").asText();
            if ((domain.isEmpty() || domain.equals("ai.onnx"))
                    && opset.path("version").canConvertToInt()) {
                return opset.path("version").asInt();
            }
        }
        return null;
    }
}
