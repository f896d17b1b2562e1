package io.mlops.monitor;

/**
 * Where the monitor tells an alert's changes: the registry's event stream, which queues them for
 * webhooks and Jenkins triggers. The host wires it (see {@code io.mlops.suite.SuiteStores}), so
 * that monitoring does not depend on the registry.
 *
 * <p>Announcing and recording the alert's state cannot share one transaction, so the monitor
 * remembers a {@linkplain #mark() mark} of the stream before it announces, and a monitor restarted
 * after a crash in between asks {@link #announcedSince} before it announces again.
 */
public interface AlertAnnouncer {
    /**
     * The stream's position now; every later announcement comes after it.
     *
     * @return an opaque position
     */
    long mark();

    /**
     * Announces a change.
     *
     * @param change the alert that started or stopped firing
     */
    void announce(AlertChange change);

    /**
     * Whether a change (same model, endpoint, rule and direction) was announced after a mark.
     *
     * @param mark a position from {@link #mark()}
     * @param change the change looked for
     * @return true when it is in the stream already
     */
    boolean announcedSince(long mark, AlertChange change);
}
