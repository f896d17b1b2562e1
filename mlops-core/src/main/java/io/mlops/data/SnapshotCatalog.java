package io.mlops.data;

import java.util.List;
import java.util.Optional;

/** Where snapshot records and their manifests are kept: the suite's metadata store. */
public interface SnapshotCatalog {
    /**
     * Records a snapshot; recording the same content again only adds its new name.
     *
     * @param snapshot the snapshot; {@code names} holds at most the one new name
     * @param manifest its files
     * @return the stored record: the first one for this content, with all its names
     */
    Snapshot record(Snapshot snapshot, Manifest manifest);

    /**
     * Finds a snapshot by full id, unique id prefix (at least 4 digits) or name (the latest
     * snapshot given that name).
     *
     * @param reference an id, prefix or name
     * @return the snapshot, or empty when nothing matches
     * @throws io.mlops.error.UserError when a prefix matches several snapshots
     */
    Optional<Snapshot> find(String reference);

    /**
     * The files of a recorded snapshot.
     *
     * @param id the snapshot id
     * @return its manifest
     */
    Manifest manifest(String id);

    /**
     * All snapshots, newest first.
     *
     * @return the records
     */
    List<Snapshot> list();
}
