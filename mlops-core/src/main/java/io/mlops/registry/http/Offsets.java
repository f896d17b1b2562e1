package io.mlops.registry.http;

import io.mlops.tracking.TrackingError;

/** The page tokens of the registry's MLflow searches: the offset of the next page, opaque to clients. */
final class Offsets {
    private Offsets() {}

    static int parse(String token) {
        if (token == null || token.isEmpty()) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(token));
        } catch (NumberFormatException e) {
            throw TrackingError.invalid("Invalid page token '" + token + "'.");
        }
    }
}
