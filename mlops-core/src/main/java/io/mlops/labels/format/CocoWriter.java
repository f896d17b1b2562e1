package io.mlops.labels.format;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import io.mlops.labels.Annotation;
import io.mlops.labels.Category;
import io.mlops.labels.LabelSet;
import io.mlops.labels.LabeledImage;
import io.mlops.labels.Polygon;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes a COCO object-detection file (https://cocodataset.org/#format-data) that pycocotools
 * loads: every image with its size, every object with {@code bbox}, {@code area}, {@code
 * segmentation} (its polygons, or an empty list) and {@code iscrowd}.
 */
final class CocoWriter implements LabelWriter {
    @Override
    public WriteResult write(LabelSet labels, Path output) {
        ImageSizes.requireAll(labels, "COCO");
        AtomicOutput.create(output, temporary -> {
            try (JsonGenerator json = JsonInput.FACTORY.createGenerator(temporary.toFile(), JsonEncoding.UTF8)) {
                json.writeStartObject();
                json.writeObjectFieldStart("info");
                json.writeStringField("description", "written by mlops data labels convert");
                json.writeEndObject();
                json.writeArrayFieldStart("images");
                for (LabeledImage image : labels.images()) {
                    json.writeStartObject();
                    json.writeNumberField("id", image.id());
                    json.writeStringField("file_name", image.fileName());
                    json.writeNumberField("width", image.width());
                    json.writeNumberField("height", image.height());
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeArrayFieldStart("annotations");
                for (Annotation annotation : labels.annotations()) {
                    annotation(json, annotation);
                }
                json.writeEndArray();
                json.writeArrayFieldStart("categories");
                List<Category> categories = new ArrayList<>(labels.categories());
                categories.sort(Comparator.comparingInt(Category::id));
                for (Category category : categories) {
                    json.writeStartObject();
                    json.writeNumberField("id", category.id());
                    json.writeStringField("name", category.name());
                    json.writeStringField("supercategory", category.supercategory());
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
            }
        });
        List<String> dropped = labels.imageLabels().isEmpty()
                ? List.of()
                : List.of(labels.imageLabels().size() + " image-level labels (COCO instances holds objects only)");
        return new WriteResult(
                output.toString(), labels.images().size(), labels.annotations().size(), dropped);
    }

    private static void annotation(JsonGenerator json, Annotation annotation) throws IOException {
        json.writeStartObject();
        json.writeNumberField("id", annotation.id());
        json.writeNumberField("image_id", annotation.imageId());
        json.writeNumberField("category_id", annotation.categoryId());
        json.writeArrayFieldStart("bbox");
        json.writeNumber(annotation.box().x());
        json.writeNumber(annotation.box().y());
        json.writeNumber(annotation.box().width());
        json.writeNumber(annotation.box().height());
        json.writeEndArray();
        json.writeNumberField("area", annotation.area());
        json.writeArrayFieldStart("segmentation");
        for (Polygon polygon : annotation.polygons()) {
            double[] xy = polygon.xy();
            json.writeArray(xy, 0, xy.length);
        }
        json.writeEndArray();
        json.writeNumberField("iscrowd", annotation.crowd() ? 1 : 0);
        json.writeEndObject();
    }
}
