package io.mlops.data;

/**
 * Shared storage for snapshot objects, in DVC's remote layout, that a team pushes to and pulls from.
 */
public interface Remote {
    /**
     * Where the remote is, for messages.
     *
     * @return a location people recognise
     */
    String location();

    /**
     * Whether the remote holds an object.
     *
     * @param id the object
     * @return true when present
     */
    boolean contains(ObjectId id);

    /**
     * Copies an object from a local cache to the remote, verifying its bytes on the way.
     *
     * @param from the local cache holding the object
     * @param id the object
     */
    void upload(ObjectCache from, ObjectId id);

    /**
     * Copies an object from the remote into a local cache, verifying its bytes on the way.
     *
     * @param id the object
     * @param into the local cache
     */
    void download(ObjectId id, ObjectCache into);
}
