package io.mlops.tracking;

import java.io.Serializable;
import java.util.Objects;

/**
 * A dataset a run read, as MLflow describes it. Data snapshots of the suite are datasets with
 * source type {@value RunContext#SNAPSHOT_SOURCE_TYPE} and the snapshot id as digest.
 *
 * @param name a display name
 * @param digest a short content hash (at most 36 characters)
 * @param sourceType what kind of source, e.g. {@code local}, {@code s3}
 * @param source where it came from, usually JSON
 * @param schema its schema as JSON, or null
 * @param profile summary statistics as JSON, or null
 */
public record Dataset(String name, String digest, String sourceType, String source, String schema, String profile)
        implements Serializable {
    /** Validates the dataset. */
    public Dataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(sourceType, "sourceType");
        Objects.requireNonNull(source, "source");
    }
}
