package io.mlops.progress;

/**
 * Receives progress of long work: a Jenkins TaskListener in a build, a progress bar on a terminal,
 * nothing in a test.
 *
 * <p>{@link #advance} is called from worker threads and must be thread-safe.
 */
public interface ProgressListener {
    /** A listener that ignores everything. */
    ProgressListener NONE = new ProgressListener() {};

    /**
     * Work starts.
     *
     * @param task what is being done, e.g. "hashing data/"
     * @param totalFiles files to process, or -1 when unknown
     * @param totalBytes bytes to process, or -1 when unknown
     */
    default void begin(String task, long totalFiles, long totalBytes) {}

    /**
     * Some work was done: called once per chunk read and once per file finished.
     *
     * @param files files finished since the last call (0 for a chunk of a file)
     * @param bytes bytes processed since the last call
     */
    default void advance(long files, long bytes) {}

    /** The work ended, successfully or not. */
    default void end() {}
}
