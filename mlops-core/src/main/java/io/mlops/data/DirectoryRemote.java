package io.mlops.data;

import java.nio.file.Path;

/**
 * A remote on a file system path (a mounted share, a local disk): DVC's local remote, whose layout
 * is the cache layout ({@code files/md5/xx/rest}).
 */
public final class DirectoryRemote implements Remote {
    private final ObjectCache store;

    /**
     * Opens a directory remote.
     *
     * @param directory the remote's root
     */
    public DirectoryRemote(Path directory) {
        this.store = new ObjectCache(directory);
    }

    @Override
    public String location() {
        return store.root().toString();
    }

    @Override
    public boolean contains(ObjectId id) {
        return store.contains(id);
    }

    @Override
    public void upload(ObjectCache from, ObjectId id) {
        store.copyFrom(from, id);
    }

    @Override
    public void download(ObjectId id, ObjectCache into) {
        into.copyFrom(store, id);
    }
}
