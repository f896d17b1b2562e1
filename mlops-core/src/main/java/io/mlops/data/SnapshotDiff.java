package io.mlops.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What changed between two manifests, path by path.
 *
 * @param changes added, removed and modified files, sorted by path
 */
public record SnapshotDiff(List<Change> changes) implements java.io.Serializable {
    /** What happened to one path. */
    public enum Kind {
        /** Only in the newer data. */
        ADDED,
        /** Only in the older data. */
        REMOVED,
        /** In both, with different content. */
        MODIFIED
    }

    /**
     * One changed path.
     *
     * @param path the relative path
     * @param kind what happened to it
     * @param oldSize its size before, or -1 when added or unknown
     * @param newSize its size after, or -1 when removed or unknown
     */
    public record Change(String path, Kind kind, long oldSize, long newSize) implements java.io.Serializable {}

    /** Copies the list. */
    public SnapshotDiff {
        changes = List.copyOf(changes);
    }

    /**
     * Compares two manifests.
     *
     * @param before the older data
     * @param after the newer data
     * @return the differences
     */
    public static SnapshotDiff between(Manifest before, Manifest after) {
        Map<String, ManifestEntry> old = before.byPath();
        Map<String, ManifestEntry> now = after.byPath();
        TreeSet<String> paths = new TreeSet<>(old.keySet());
        paths.addAll(now.keySet());
        List<Change> changes = new ArrayList<>();
        for (String path : paths) {
            ManifestEntry a = old.get(path);
            ManifestEntry b = now.get(path);
            if (a == null) {
                changes.add(new Change(path, Kind.ADDED, -1, b.size()));
            } else if (b == null) {
                changes.add(new Change(path, Kind.REMOVED, a.size(), -1));
            } else if (!a.md5().equals(b.md5())) {
                changes.add(new Change(path, Kind.MODIFIED, a.size(), b.size()));
            }
        }
        return new SnapshotDiff(changes);
    }

    /**
     * How many paths changed in a given way.
     *
     * @param kind the kind of change
     * @return the count
     */
    public long count(Kind kind) {
        return changes.stream().filter(c -> c.kind() == kind).count();
    }
}
