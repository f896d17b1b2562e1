package io.mlops.registry.http;

import java.util.Arrays;
import java.util.Objects;

/**
 * One file of the registry web UI, ready to send.
 *
 * @param path its path below the UI's root, such as {@code index.html} or {@code assets/index-3f2a.js}
 * @param bytes its content
 * @param contentType the Content-Type header
 * @param cacheControl the Cache-Control header
 */
public record UiAsset(String path, byte[] bytes, String contentType, String cacheControl) {
    /** Checks that every part is there. */
    public UiAsset {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(cacheControl, "cacheControl");
    }

    // a record compares arrays by identity; these compare their contents
    @Override
    public boolean equals(Object other) {
        return other instanceof UiAsset that
                && Objects.equals(path, that.path)
                && Arrays.equals(bytes, that.bytes)
                && Objects.equals(contentType, that.contentType)
                && Objects.equals(cacheControl, that.cacheControl);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, contentType, cacheControl) * 31 + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "UiAsset[path=" + path + ", " + bytes.length + " bytes, contentType=" + contentType + ", cacheControl="
                + cacheControl + "]";
    }
}
