package io.mlops.data;

import io.mlops.objectstore.S3Settings;
import io.mlops.objectstore.StorageLocation;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Shared storage for snapshot objects, in DVC's remote layout, that a team pushes to and pulls from.
 *
 * <p>Implementations are safe for concurrent use: push and pull move several objects at once.
 */
public interface Remote extends AutoCloseable {
    /**
     * Opens the remote at a location: a directory or an S3 bucket and prefix.
     *
     * @param location where the remote is ({@link StorageLocation#parse} refuses other schemes)
     * @param s3 how to reach S3 when the location is in S3 (ignored for a directory)
     * @param jobs how many objects will be transferred at once (the connection pool's size)
     * @return the remote; the caller closes it
     */
    static Remote open(StorageLocation location, S3Settings s3, int jobs) {
        return switch (location) {
            case StorageLocation.Directory directory -> new DirectoryRemote(directory.path());
            case StorageLocation.S3 bucket -> S3Remote.open(bucket, s3, jobs);
        };
    }

    /**
     * Where the remote is, for messages.
     *
     * @return a location people recognise
     */
    String location();

    /**
     * Which of some objects the remote holds, asked in bulk (an object store answers with a few listings
     * rather than one request per object).
     *
     * @param ids the objects of interest
     * @return the subset of {@code ids} present
     */
    Set<ObjectId> present(Collection<ObjectId> ids);

    /**
     * Whether the remote holds an object.
     *
     * @param id the object
     * @return true when present
     */
    default boolean contains(ObjectId id) {
        return present(List.of(id)).contains(id);
    }

    /**
     * Copies an object from a local cache to the remote, verifying its bytes on the way. The object
     * becomes visible on the remote only once complete.
     *
     * @param from the local cache holding the object
     * @param id the object
     * @return the number of bytes sent
     */
    long upload(ObjectCache from, ObjectId id);

    /**
     * Copies an object from the remote into a local cache, verifying its bytes on the way.
     *
     * @param id the object
     * @param into the local cache
     * @return the number of bytes received
     * @throws io.mlops.error.UserError when the remote lacks the object
     */
    long download(ObjectId id, ObjectCache into);

    /** Releases connections; a directory remote holds none. */
    @Override
    default void close() {}
}
