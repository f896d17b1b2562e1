package io.mlops.eval.coco;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.error.UserError;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A COCO detection set's ground truth: images, categories and boxes from an instances JSON file.
 *
 * @param images the images, sorted by id (the order COCOeval evaluates them in)
 * @param categories the categories, sorted by id
 * @param boxes ground-truth boxes by image id, in file order
 */
public record CocoGroundTruth(List<CocoImage> images, List<CocoCategory> categories, Map<Long, List<Box>> boxes) {
    /** Copies and sorts. */
    public CocoGroundTruth {
        images = images.stream().sorted(Comparator.comparingLong(CocoImage::id)).toList();
        categories = categories.stream()
                .sorted(Comparator.comparingInt(CocoCategory::id))
                .toList();
        Map<Long, List<Box>> copy = new HashMap<>();
        boxes.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        boxes = Map.copyOf(copy);
    }

    /**
     * Reads an instances JSON file (images, categories, annotations with bbox, area and iscrowd).
     *
     * @param file the file
     * @return the ground truth
     * @throws UserError when the file is missing or not a COCO instances file
     */
    public static CocoGroundTruth read(Path file) {
        ObjectMapper json = new ObjectMapper();
        List<CocoImage> images = new ArrayList<>();
        List<CocoCategory> categories = new ArrayList<>();
        Map<Long, List<Box>> boxes = new LinkedHashMap<>();
        // Streamed: instances files of large sets run to hundreds of megabytes (segmentations).
        try (JsonParser parser = json.getFactory().createParser(file.toFile())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new UserError(file + " is not a COCO instances file: it is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "images" ->
                        readArray(
                                parser,
                                json,
                                node -> images.add(new CocoImage(
                                        node.path("id").asLong(),
                                                node.path("file_name").asText(),
                                        node.path("width").asInt(),
                                                node.path("height").asInt())));
                    case "categories" ->
                        readArray(
                                parser,
                                json,
                                node -> categories.add(new CocoCategory(
                                        node.path("id").asInt(),
                                        node.path("name").asText())));
                    case "annotations" ->
                        readArray(parser, json, node -> {
                            JsonNode bbox = node.path("bbox");
                            if (bbox.size() != 4) {
                                throw new UserError(
                                        file + ": annotation " + node.path("id") + " has no [x, y, w, h] bbox");
                            }
                            long imageId = node.path("image_id").asLong();
                            boxes.computeIfAbsent(imageId, k -> new ArrayList<>())
                                    .add(new Box(
                                            imageId,
                                            node.path("category_id").asInt(),
                                            bbox.get(0).asDouble(),
                                            bbox.get(1).asDouble(),
                                            bbox.get(2).asDouble(),
                                            bbox.get(3).asDouble(),
                                            node.has("area")
                                                    ? node.path("area").asDouble()
                                                    : bbox.get(2).asDouble()
                                                            * bbox.get(3).asDouble(),
                                            1,
                                            node.path("iscrowd").asInt() != 0));
                        });
                    default -> parser.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new UserError("cannot read COCO annotations " + file + ": " + e.getMessage(), e);
        }
        if (images.isEmpty()) {
            throw new UserError(file + " lists no images");
        }
        if (categories.isEmpty()) {
            throw new UserError(file + " lists no categories");
        }
        return new CocoGroundTruth(images, categories, boxes);
    }

    private static void readArray(JsonParser parser, ObjectMapper json, java.util.function.Consumer<JsonNode> each)
            throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw new UserError("expected a JSON array at " + parser.currentLocation());
        }
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            each.accept(json.readTree(parser));
        }
    }

    /**
     * Reads detections in the COCO results format: a JSON array of {image_id, category_id, bbox,
     * score}.
     *
     * @param file the results file
     * @return the detections, in file order
     * @throws UserError when the file is not a results array or names an image the set lacks
     */
    public List<Box> readDetections(Path file) {
        java.util.Set<Long> known = new java.util.HashSet<>();
        images.forEach(i -> known.add(i.id()));
        List<Box> detections = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (JsonParser parser = json.getFactory().createParser(file.toFile())) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new UserError(file + " is not a COCO results file: it is not a JSON array");
            }
            readArray(parser, json, node -> {
                JsonNode bbox = node.path("bbox");
                long imageId = node.path("image_id").asLong();
                if (bbox.size() != 4 || !node.has("score")) {
                    throw new UserError(file + ": a result lacks bbox [x, y, w, h] or score: " + node);
                }
                if (!known.contains(imageId)) {
                    throw new UserError(
                            file + ": result for image " + imageId + ", which the ground truth does not list");
                }
                detections.add(Box.detection(
                        imageId,
                        node.path("category_id").asInt(),
                        bbox.get(0).asDouble(),
                        bbox.get(1).asDouble(),
                        bbox.get(2).asDouble(),
                        bbox.get(3).asDouble(),
                        node.path("score").asDouble()));
            });
        } catch (IOException e) {
            throw new UserError("cannot read COCO results " + file + ": " + e.getMessage(), e);
        }
        return detections;
    }
}
