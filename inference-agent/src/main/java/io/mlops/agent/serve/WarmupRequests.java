package io.mlops.agent.serve;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads the request a new version is warmed up with before it is marked ready: the bundle's
 * {@code sample-input.json}, a V2 JSON infer request. Kept behind an interface so the serving core
 * does not depend on the JSON protocol code.
 */
@FunctionalInterface
public interface WarmupRequests {
    /**
     * The warm-up request of a version.
     *
     * @param model the model
     * @param versionDir the version's directory
     * @return the request, or empty when the bundle has no sample input
     * @throws io.mlops.error.UserError when the sample input is not a valid request
     */
    Optional<InferRequest> sample(String model, Path versionDir);
}
