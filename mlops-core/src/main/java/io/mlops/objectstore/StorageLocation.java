package io.mlops.objectstore;

import io.mlops.error.UserError;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where shared bytes live, as people write it: a directory ({@code /mnt/remote}, {@code ../remote},
 * {@code file:///mnt/remote}) or an S3 bucket with an optional key prefix ({@code s3://bucket/prefix}).
 *
 * <p>Any other scheme ({@code gs://}, {@code azure://}, {@code ssh://}, {@code http://}, ...) is refused
 * by {@link #parse} with a message that names the location and what is supported: it is never taken for
 * a relative directory named {@code gs:}.
 */
public sealed interface StorageLocation permits StorageLocation.Directory, StorageLocation.S3 {
    /** A scheme as RFC 3986 writes it, followed by {@code ://}. */
    Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://");

    /**
     * Reads a location.
     *
     * @param text the location as given on a command line or in a configuration
     * @param base the directory a relative path is resolved against
     * @return the location
     * @throws UserError when the text is empty, names an unsupported scheme or an invalid bucket
     */
    static StorageLocation parse(String text, Path base) {
        if (text == null || text.isBlank()) {
            throw new UserError("storage location is empty: give a directory or s3://bucket/prefix");
        }
        var scheme = SCHEME.matcher(text);
        if (!scheme.find()) {
            try {
                return new Directory(base.resolve(text).toAbsolutePath().normalize());
            } catch (InvalidPathException e) {
                throw new UserError("storage location '" + text + "' is not a valid path: " + e.getReason());
            }
        }
        String name = scheme.group(1).toLowerCase(Locale.ROOT);
        return switch (name) {
            case "s3" -> S3.parse(text);
            case "file" ->
                new Directory(Path.of(URI.create(text)).toAbsolutePath().normalize());
            default ->
                throw new UserError("storage location '" + text + "': the scheme " + name
                        + ":// is not supported; use a directory or s3://bucket/prefix (S3 and S3-compatible"
                        + " servers such as MinIO or Ceph)");
        };
    }

    /**
     * A directory on this machine (or a shared file system mounted on it).
     *
     * @param path the absolute, normalized directory
     */
    record Directory(Path path) implements StorageLocation {
        @Override
        public String toString() {
            return path.toString();
        }
    }

    /**
     * A bucket and a key prefix in an S3-compatible object store.
     *
     * @param bucket the bucket name
     * @param prefix the key prefix without leading or trailing slash, empty for the bucket's root
     */
    record S3(String bucket, String prefix) implements StorageLocation {
        private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

        /** Validates the bucket name (S3's naming rules) and normalizes the prefix. */
        public S3 {
            if (bucket == null || !BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
                throw new UserError("s3://" + bucket + ": '" + bucket + "' is not a valid bucket name (3 to 63"
                        + " lower-case letters, digits, dots and hyphens)");
            }
            prefix = trimSlashes(prefix == null ? "" : prefix);
            if (prefix.contains("//")) {
                throw new UserError("s3://" + bucket + "/" + prefix + ": the key prefix has an empty segment");
            }
        }

        static S3 parse(String text) {
            String rest = text.substring("s3://".length());
            int slash = rest.indexOf('/');
            return slash < 0 ? new S3(rest, "") : new S3(rest.substring(0, slash), rest.substring(slash + 1));
        }

        /**
         * The full key of a name under the prefix.
         *
         * @param relative a key relative to the prefix, without leading slash
         * @return the object key
         */
        public String key(String relative) {
            return prefix.isEmpty() ? relative : prefix + "/" + relative;
        }

        /**
         * A location deeper under this one.
         *
         * @param relative a relative key prefix
         * @return the nested location
         */
        public S3 resolve(String relative) {
            return new S3(bucket, key(trimSlashes(relative)));
        }

        @Override
        public String toString() {
            return prefix.isEmpty() ? "s3://" + bucket : "s3://" + bucket + "/" + prefix;
        }

        private static String trimSlashes(String text) {
            int start = 0;
            int end = text.length();
            while (start < end && text.charAt(start) == '/') {
                start++;
            }
            while (end > start && text.charAt(end - 1) == '/') {
                end--;
            }
            return text.substring(start, end);
        }
    }
}
