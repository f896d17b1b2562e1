package io.mlops.deploy;

import java.nio.file.Path;

/**
 * The files a user adds to a deployment bundle besides the model; each may be null.
 *
 * @param preprocessing a {@code preprocessing.json} to ship with the model (how to turn raw data
 *     into the model's input), or null for none
 * @param sampleInput a V2 JSON infer request for warmup and the smoke test, or null to make one of
 *     zeros from the model's input signature
 * @param reference reference data for drift bins (a V2 JSON request or a .npy array), or null to
 *     bin the sample input
 */
public record BundleSources(Path preprocessing, Path sampleInput, Path reference) {
    /**
     * No extra files: the sample input and reference bins come from the model's signature.
     *
     * @return sources that are all null
     */
    public static BundleSources none() {
        return new BundleSources(null, null, null);
    }
}
