package io.mlops.data;

import io.mlops.error.UserError;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

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
    public Set<ObjectId> present(Collection<ObjectId> ids) {
        return ids.stream().filter(store::contains).collect(Collectors.toSet());
    }

    @Override
    public long upload(ObjectCache from, ObjectId id) {
        store.copyFrom(from, id);
        return store.sizeOf(id);
    }

    @Override
    public long download(ObjectId id, ObjectCache into) {
        if (!store.contains(id)) {
            throw new UserError("remote " + location() + " lacks object " + id);
        }
        into.copyFrom(store, id);
        return into.sizeOf(id);
    }
}
