package io.mlops.blob;

import java.io.IOException;
import java.io.InputStream;

/**
 * Large bytes (artifacts, later model and dataset files) kept by content: a blob is named by the
 * SHA-256 of its bytes, written once and never changed. Metadata refers to blobs by id.
 *
 * <p>Implementations must never expose a partial blob: a write that fails or is cut off (a client
 * killed mid-upload) leaves nothing behind under the blob's name.
 */
public interface BlobStore {
    /**
     * Stores bytes read to the end of a stream.
     *
     * @param content the bytes; not closed
     * @return the stored blob (the existing one when the same content was stored before)
     * @throws IOException when reading the stream or writing the store fails; nothing is stored
     */
    Blob put(InputStream content) throws IOException;

    /**
     * Opens a stored blob for reading.
     *
     * @param id the blob's id
     * @return its bytes; the caller closes the stream
     * @throws java.nio.file.NoSuchFileException when no such blob is stored
     * @throws IOException when the store cannot be read
     */
    InputStream open(BlobId id) throws IOException;

    /**
     * Whether a blob is stored.
     *
     * @param id the blob's id
     * @return true when {@link #open} would find it
     */
    boolean contains(BlobId id);
}
