package io.mlops.objectstore;

import io.mlops.error.UserError;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;

/**
 * How to reach an S3-compatible server: the endpoint (empty for AWS itself), the region, whether to
 * address buckets by path ({@code http://host/bucket/key}, what MinIO, Ceph and test servers need) and
 * explicit credentials (empty: the AWS default chain — environment, profile files, instance roles).
 *
 * @param endpoint the endpoint URL, empty for AWS
 * @param region the region, empty for the default chain's (else {@code us-east-1})
 * @param pathStyle path-style addressing
 * @param credentials explicit credentials, empty for the default chain
 */
public record S3Settings(
        Optional<URI> endpoint, Optional<String> region, boolean pathStyle, Optional<S3Credentials> credentials) {
    /** The environment variable naming an S3 endpoint, as the AWS CLI and SDKs read it. */
    public static final String ENDPOINT_S3 = "AWS_ENDPOINT_URL_S3";
    /** The environment variable naming an endpoint for every AWS service. */
    public static final String ENDPOINT = "AWS_ENDPOINT_URL";
    /** The suite's switch for path-style addressing ({@code true}/{@code false}). */
    public static final String PATH_STYLE = "MLOPS_S3_PATH_STYLE";

    /** Validates the endpoint's scheme. */
    public S3Settings {
        endpoint.ifPresent(S3Settings::checkEndpoint);
    }

    /**
     * The settings an environment gives: {@value #ENDPOINT_S3} or {@value #ENDPOINT}, {@code AWS_REGION}
     * or {@code AWS_DEFAULT_REGION}, and {@value #PATH_STYLE} (default: path style when an endpoint is
     * set, since S3-compatible servers expect it). Credentials are left to the AWS default chain.
     *
     * @param environment the environment, e.g. {@code System.getenv()}
     * @return the settings
     */
    public static S3Settings fromEnvironment(Map<String, String> environment) {
        Optional<URI> endpoint = first(environment, ENDPOINT_S3, ENDPOINT).map(S3Settings::endpointUri);
        Optional<String> region = first(environment, "AWS_REGION", "AWS_DEFAULT_REGION");
        boolean pathStyle =
                first(environment, PATH_STYLE).map(Boolean::parseBoolean).orElse(endpoint.isPresent());
        return new S3Settings(endpoint, region, pathStyle, Optional.empty());
    }

    /**
     * The same settings with explicit credentials.
     *
     * @param explicit the credentials to use instead of the default chain
     * @return the new settings
     */
    public S3Settings withCredentials(S3Credentials explicit) {
        return new S3Settings(endpoint, region, pathStyle, Optional.of(explicit));
    }

    /**
     * Reads an endpoint URL.
     *
     * @param text e.g. {@code http://127.0.0.1:9000}
     * @return the URL
     * @throws UserError when it is not an http(s) URL
     */
    public static URI endpointUri(String text) {
        try {
            URI uri = new URI(text.trim());
            checkEndpoint(uri);
            return uri;
        } catch (URISyntaxException e) {
            throw new UserError("S3 endpoint '" + text + "' is not a URL: " + e.getReason());
        }
    }

    private static void checkEndpoint(URI uri) {
        String scheme = uri.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || uri.getHost() == null) {
            throw new UserError("S3 endpoint '" + uri + "' must be an http:// or https:// URL with a host");
        }
    }

    private static Optional<String> first(Map<String, String> environment, String... names) {
        for (String name : names) {
            String value = environment.get(name);
            if (value != null && !value.isBlank()) {
                return Optional.of(value.trim());
            }
        }
        return Optional.empty();
    }
}
