package io.mlops.labels.format;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Turns the image references of hosted labeling tools into paths under the images directory.
 *
 * <p>Label Studio and SageMaker Ground Truth point at images by URL: an S3 or GCS URI, an HTTP
 * URL, Label Studio's upload path ({@code /data/upload/3/5f1e2a-cat.jpg}) or its local-files URL
 * ({@code /data/local-files/?d=images/cat.jpg}). A local-files URL names a path relative to the
 * storage root, which is kept; every other reference is remote, so the image is looked up by its
 * file name alone in the images directory where the user downloaded them.
 */
final class ImageReference {
    private static final String LOCAL_FILES = "?d=";

    private ImageReference() {}

    /**
     * The relative path of a referenced image.
     *
     * @param reference the URL or path in the labels
     * @return the path to resolve under the images directory (still to be checked for escapes)
     */
    static String fileName(String reference) {
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
}
