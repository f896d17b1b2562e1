package io.mlops.data;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A remote as a DVC repository's configuration names it: {@code ['remote "NAME"']} with its {@code url}
 * and, for S3-compatible servers, {@code endpointurl}.
 *
 * @param name the remote's name
 * @param url where it is: {@code s3://bucket/prefix}, or a directory (relative to {@link #base})
 * @param endpointUrl the S3-compatible server, when set
 * @param base the directory relative URLs are read against: {@code .dvc/}, as DVC reads them
 */
public record DvcRemote(String name, String url, Optional<String> endpointUrl, Path base) {
    /** Checks that every part is given. */
    public DvcRemote {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(endpointUrl, "endpointUrl");
        Objects.requireNonNull(base, "base");
    }
}
