package io.mlops.tracking.http;

import java.net.URI;

/** A running HTTP endpoint; closing it stops serving. */
public interface HostedEndpoint extends AutoCloseable {
    /**
     * Where clients reach it.
     *
     * @return e.g. {@code http://127.0.0.1:41234}
     */
    URI uri();

    /** Stops serving and releases the port. */
    @Override
    void close();
}
