package io.mlops.labels.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the image references of hosted labeling tools into paths under the images directory.
 *
 * <p>Label Studio and SageMaker Ground Truth point at images by URL: an S3 or GCS URI, an HTTP
 * URL, Label Studio's upload path ({@code /data/upload/3/5f1e2a-cat.jpg}) or its local-files URL
 * ({@code /data/local-files/?d=images/cat.jpg}). A local-files URL names a path relative to the
 * storage root, which is kept; every other reference is remote, so the image is looked up by its
 * file name alone in the images directory where the user downloaded them. The Label Studio pull
 * ({@code io.mlops.labels.live}) stores the images it downloads at the same paths, so that this
 * package's reader finds them.
 */
public final class ImageReference {
    private static final String LOCAL_FILES = "?d=";
    private static final List<String> IMAGE_SUFFIXES =
            List.of(".jpg", ".jpeg", ".png", ".bmp", ".gif", ".webp", ".tif", ".tiff");

    private ImageReference() {}

    /**
     * The relative path of a referenced image.
     *
     * @param reference the URL or path in the labels
     * @return the path to resolve under the images directory (still to be checked for escapes)
     */
    public static String fileName(String reference) {
        String value = reference.strip();
        int local = value.indexOf(LOCAL_FILES);
        if (local >= 0) {
            return URLDecoder.decode(value.substring(local + LOCAL_FILES.length()), StandardCharsets.UTF_8);
        }
        boolean remote = value.contains("://") || value.startsWith("/data/");
        if (!remote) {
            return value;
        }
        int query = value.indexOf('?');
        String path = query >= 0 ? value.substring(0, query) : value;
        String name = path.substring(path.lastIndexOf('/') + 1);
        // in a URL path '+' is a plus sign, not the space it means in a query
        return URLDecoder.decode(name.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /**
     * The image a Label Studio task names: its {@code image} field, else the first text field whose
     * value ends in an image suffix.
     *
     * @param data the task's {@code data} (or, in the JSON-MIN export, the task itself)
     * @return the image URL or path, or empty when the task names none
     */
    public static Optional<String> in(JsonNode data) {
        JsonNode image = data.get("image");
        if (image != null && image.isTextual()) {
            return Optional.of(image.asText());
        }
        for (Map.Entry<String, JsonNode> field : data.properties()) {
            if (field.getValue().isTextual()) {
                String text = field.getValue().asText();
                String lower = text.toLowerCase(Locale.ROOT);
                int query = lower.indexOf('?');
                String path = query >= 0 && !lower.contains("?d=") ? lower.substring(0, query) : lower;
                if (IMAGE_SUFFIXES.stream().anyMatch(path::endsWith)) {
                    return Optional.of(text);
                }
            }
        }
        return Optional.empty();
    }
}
