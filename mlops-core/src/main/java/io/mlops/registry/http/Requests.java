package io.mlops.registry.http;

import io.mlops.registry.Change;
import io.mlops.tracking.TrackingError;
import io.mlops.tracking.http.ApiRequest;

/** Fields of registry requests that several endpoints read the same way. */
final class Requests {
    private Requests() {}

    static int version(ApiRequest request) {
        long version = request.requiredInt64("version");
        if (version < 1 || version > Integer.MAX_VALUE) {
            throw TrackingError.invalid("Invalid value " + version + " for parameter 'version': versions start at 1.");
        }
        return (int) version;
    }

    static Change change(String actor) {
        return Change.by(actor);
    }
}
