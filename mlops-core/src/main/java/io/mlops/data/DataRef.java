package io.mlops.data;

import java.util.List;

/**
 * Data named by a snapshot id, a snapshot name or a {@code .dvc} file, resolved to its files and
 * the caches that may hold their bytes.
 *
 * @param label how the user named it
 * @param objectId its DVC object id
 * @param manifest its files
 * @param sources caches to read objects from, in order of preference
 */
public record DataRef(String label, ObjectId objectId, Manifest manifest, List<ObjectCache> sources) {
    /** Copies the list of sources. */
    public DataRef {
        sources = List.copyOf(sources);
    }

    /**
     * Every object this data consists of: the directory object (if any) and each file's.
     *
     * @return the distinct object ids
     */
    public List<ObjectId> objects() {
        java.util.LinkedHashSet<ObjectId> ids = new java.util.LinkedHashSet<>();
        if (objectId.directory()) {
            ids.add(objectId);
        }
        manifest.entries().forEach(entry -> ids.add(entry.objectId()));
        return List.copyOf(ids);
    }

    /**
     * The first source that holds an object.
     *
     * @param id the object
     * @return the cache, or null when none has it
     */
    public ObjectCache sourceOf(ObjectId id) {
        for (ObjectCache cache : sources) {
            if (cache.contains(id)) {
                return cache;
            }
        }
        return null;
    }
}
