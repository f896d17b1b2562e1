package io.mlops.labels.check;

import java.util.HashSet;
import java.util.Set;
import org.roaringbitmap.RoaringBitmap;

/**
 * The annotation ids seen so far, to find duplicates in files with millions of annotations.
 *
 * <p>Ids that fit an unsigned 32-bit integer (all real exports) go to a Roaring bitmap, which
 * holds ten million consecutive ids in about 1.3 MB where a hash set of longs needs 160 MB; ids
 * outside that range are rare and kept in a plain set.
 */
final class IdSet {
    private static final long UNSIGNED_INT_MAX = 0xFFFF_FFFFL;

    private final RoaringBitmap small = new RoaringBitmap();
    private final Set<Long> large = new HashSet<>();

    /**
     * Adds an id.
     *
     * @param id the id
     * @return true when the id is new, false when it was seen before
     */
    boolean add(long id) {
        if (id >= 0 && id <= UNSIGNED_INT_MAX) {
            return small.checkedAdd((int) id);
        }
        return large.add(id);
    }
}
